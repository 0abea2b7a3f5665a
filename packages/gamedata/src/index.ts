export {
  type BuildOptions,
  buildGameDataSet,
  CLASS_SPELL_FAMILY,
  DEFAULT_CLASS_IDS,
} from './build-game-data-set.ts';
export { hasAttribute, SPELL_ATTRIBUTE } from './build-spells.ts';
export { CsvGameDataSource, type CsvSourceOptions } from './csv-source.ts';
export { type DbcRow, type DbcTable, readDbcFile, readDbcTable } from './csv-tables.ts';
export { DBC_LAYOUTS, type TableName } from './dbc-layouts.ts';
export { DiskRecordCache } from './disk-cache.ts';
export { type CsvLocation, GAMEDATA_ERRORS, GameDataError, type GameDataErrorCode } from './errors.ts';
export {
  GAMEDATA_ENDPOINT_MAX_KEYS,
  type GameDataEndpointResponse,
  handleGameDataRequest,
} from './gamedata-endpoint.ts';
export { applyHasteFromPassives, HASTE_AURA } from './hasted-cooldowns.ts';
export {
  FIXTURES_DIR,
  type ImportOptions,
  type ImportSummary,
  importDirs,
  importGameData,
  patchVersionFor,
  REAL_TABLES_BUILD,
  REAL_TABLES_DIR,
  TALENT_NAMES_DIR,
} from './import-game-data.ts';
export { loadBundle, type RecordResolver } from './load-bundle.ts';
export { LruCache } from './memory-cache.ts';
export { PostgrestGameDataOrigin, type PostgrestOriginOptions } from './postgrest-origin.ts';
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
export { GameDataResolver, RESOLVER_DEFAULTS, type ResolverOptions, type ResolverStats } from './resolver.ts';
export {
  GAMEDATA_PATH,
  parseBatch,
  SentinelGameDataOrigin,
  type SentinelOriginOptions,
  type SignedFetch,
} from './sentinel-origin.ts';
export {
  patchVersionCached,
  readSnapshot,
  SNAPSHOT_FORMAT,
  type SnapshotId,
  type SnapshotRead,
  snapshotPath,
  writeSnapshot,
} from './snapshot.ts';
export {
  renderSpellText,
  SPELL_TEXT_MAX_DEPTH,
  type SpellLookup,
  spellTextReferences,
} from './spell-text.ts';
export { SqlGameDataSource, userBundleLoader } from './sql-source.ts';
export type {
  CurveData,
  EnchantmentData,
  EnchantmentEffect,
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
  StarterBuild,
  StarterPick,
  TalentCurrency,
  TalentEntry,
  TalentNode,
  TalentSubTree,
  TalentTree,
  WeaponDpsByQuality,
} from './types.ts';
