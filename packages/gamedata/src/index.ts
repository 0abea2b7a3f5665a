export { type BuildOptions, buildGameDataSet, CLASS_SPELL_FAMILY } from './build-game-data-set.ts';
export { hasAttribute, SPELL_ATTRIBUTE } from './build-spells.ts';
export { type DbcRow, type DbcTable, readDbcFile, readDbcTable } from './csv-tables.ts';
export { DBC_LAYOUTS, type TableName } from './dbc-layouts.ts';
export { type CsvLocation, GAMEDATA_ERRORS, GameDataError, type GameDataErrorCode } from './errors.ts';
export {
  FIXTURES_DIR,
  type ImportOptions,
  type ImportSummary,
  importDirs,
  importGameData,
  patchVersionFor,
  REAL_TABLES_BUILD,
} from './import-game-data.ts';
export {
  type AnyRecord,
  type GameDataRecordMap,
  type GameDataSet,
  type GameDataSource,
  parseRecordKey,
  RECORD_KINDS,
  type RecordBatch,
  type RecordKey,
  type RecordKind,
  recordKey,
} from './records.ts';
export { SqlGameDataSource } from './sql-source.ts';
export type {
  CurveData,
  GameDataBundle,
  GameDataRequest,
  ItemBonusData,
  ItemData,
  ItemStat,
  PowerTypeData,
  RandPropPointsData,
  SpecData,
  SpecRole,
  SpecSpell,
  SpellData,
  SpellEffectData,
  SpellPowerCost,
  TalentEntry,
  TalentNode,
  TalentTree,
} from './types.ts';
