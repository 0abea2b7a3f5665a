-- DELETE rather than TRUNCATE: readers keep seeing the previous patch until the import
-- commits, instead of blocking on TRUNCATE's ACCESS EXCLUSIVE lock.
DELETE FROM game.curve_points;
DELETE FROM game.curves;
DELETE FROM game.spells;
DELETE FROM game.items;
DELETE FROM game.specs;
DELETE FROM game.specs_traits;
DELETE FROM game.power_types;
DELETE FROM game.rand_prop_points;
DELETE FROM game.item_bonuses;
DELETE FROM game.item_enchantments;
