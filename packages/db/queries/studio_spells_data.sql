-- Run as the signed-in user. $1 spell ids (int[]): the spells a description refers to.
SELECT id, data FROM game.spells WHERE id = ANY($1::int[]);
