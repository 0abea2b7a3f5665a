-- The game schema's tables: the engine's flat types (packages/gamedata/src/types.ts), one row
-- per spell / item / spec / talent tree / power type / scaling-table row. Typed columns hold
-- the keys and what lookups filter on; the nested parts (effect lists, stat allocations,
-- talent nodes) are jsonb in exactly the shape the engine consumes, so a read is one fetch
-- with no reassembly and PostgREST serves the same objects to nodes and browsers.
--
-- The schema holds one patch at a time. `simforge data import` replaces every table's rows
-- and the current row of game.patches in one transaction, so readers see either the old
-- patch or the new one, never a mix; the resolver keys its caches by game.patches.version.
-- Reads are granted by 0001's default privileges; only the owner (the importer) writes.

CREATE TABLE game.patches (
  version text PRIMARY KEY,
  is_current boolean NOT NULL DEFAULT false,
  imported_at timestamptz NOT NULL DEFAULT now(),
  -- Where the import read from and how many rows of each kind it wrote.
  source jsonb NOT NULL DEFAULT '{}'::jsonb CONSTRAINT patches_source_object CHECK (jsonb_typeof(source) = 'object')
);
-- At most one current patch.
CREATE UNIQUE INDEX patches_one_current_idx ON game.patches (is_current) WHERE is_current;

CREATE TABLE game.spells (
  id integer PRIMARY KEY,
  name text NOT NULL,
  school_mask integer NOT NULL,
  -- SpellClassOptions.SpellClassSet (9 = hunter): lets tools list one class's spells.
  class_set_id integer NOT NULL,
  -- The whole SpellData object, effects included.
  data jsonb NOT NULL CONSTRAINT spells_data_object CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX spells_class_set_id_idx ON game.spells (class_set_id);

CREATE TABLE game.items (
  id integer PRIMARY KEY,
  name text NOT NULL,
  item_level integer NOT NULL,
  inventory_type integer NOT NULL,
  data jsonb NOT NULL CONSTRAINT items_data_object CHECK (jsonb_typeof(data) = 'object')
);

CREATE TABLE game.specs (
  id integer PRIMARY KEY,
  class_id integer NOT NULL,
  name text NOT NULL,
  role text NOT NULL CONSTRAINT specs_role_known CHECK (role IN ('tank', 'healer', 'damage')),
  talent_tree_id integer NOT NULL,
  data jsonb NOT NULL CONSTRAINT specs_data_object CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX specs_class_id_idx ON game.specs (class_id);

-- A class's talent tree, shared by its specs, with every node and its entries in choice
-- order (a TalentTree object): what a `talents=` loadout string decodes against.
CREATE TABLE game.specs_traits (
  tree_id integer PRIMARY KEY,
  class_id integer NOT NULL,
  spec_ids integer[] NOT NULL,
  data jsonb NOT NULL CONSTRAINT specs_traits_data_object CHECK (jsonb_typeof(data) = 'object')
);

CREATE TABLE game.power_types (
  id integer PRIMARY KEY,
  -- The value SpellPower.PowerType refers to (2 = focus).
  power_type_enum integer NOT NULL UNIQUE,
  token text NOT NULL,
  data jsonb NOT NULL CONSTRAINT power_types_data_object CHECK (jsonb_typeof(data) = 'object')
);

CREATE TABLE game.curves (
  id integer PRIMARY KEY,
  type integer NOT NULL,
  flags integer NOT NULL
);

CREATE TABLE game.curve_points (
  curve_id integer NOT NULL REFERENCES game.curves (id) ON DELETE CASCADE,
  order_index integer NOT NULL,
  x double precision NOT NULL,
  y double precision NOT NULL,
  PRIMARY KEY (curve_id, order_index)
);

-- Keyed by item level (the table's ID).
CREATE TABLE game.rand_prop_points (
  item_level integer PRIMARY KEY,
  data jsonb NOT NULL CONSTRAINT rand_prop_points_data_object CHECK (jsonb_typeof(data) = 'object')
);

CREATE TABLE game.item_bonuses (
  id integer PRIMARY KEY,
  -- ParentItemBonusListID: the bonus id on item links, what lookups filter on.
  bonus_list_id integer NOT NULL,
  type integer NOT NULL,
  "values" integer[] NOT NULL,
  order_index integer NOT NULL
);
CREATE INDEX item_bonuses_bonus_list_id_idx ON game.item_bonuses (bonus_list_id, order_index);
