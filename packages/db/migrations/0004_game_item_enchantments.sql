-- Item enchantments (SpellItemEnchantment): what an `enchant_id=` grants and, through a gem
-- item's GemProperties row, what a `gem_id=` grants. One row per enchantment, the
-- EnchantmentData object (packages/gamedata/src/types.ts) as jsonb. Replaced by every import
-- with the other game tables; reads are granted by 0001's default privileges.
CREATE TABLE game.item_enchantments (
  id integer PRIMARY KEY,
  name text NOT NULL,
  data jsonb NOT NULL CONSTRAINT item_enchantments_data_object CHECK (jsonb_typeof(data) = 'object')
);
