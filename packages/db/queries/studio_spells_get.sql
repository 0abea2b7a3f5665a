-- Run as the signed-in user. $1 spell id. `data` is the whole SpellData the engine reads.
SELECT id, name, school_mask, class_set_id, data FROM game.spells WHERE id = $1;
