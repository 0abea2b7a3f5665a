// Test data several packages' tests share (`@simforge/engine/testing`); nothing in the engine
// imports it.

/**
 * SimulationCraft's MID1 Beast Mastery profile's `talents=` string (level 90, Pack Leader), as
 * it ships: a real export for tree 774.
 */
export const SIMC_MID1_BM_TALENTS =
  'C0PAAAAAAAAAAAAAAAAAAAAAAAMmxwCsBzwQDbAAYG2GzsNzwMmZYYmxYmxMzYGzwMzYGzgx0MAAAAAmBAAgxMzMgZ2AbwsA2GA';
