// Hunter numbers our game data does not carry, in one place (docs/engine.md lists them).

/** PowerTypeEnum FOCUS. */
export const FOCUS_POWER_TYPE = 2;

/** Focus: base regeneration per second before haste, and the pool (PowerType FOCUS defaults). */
export const FOCUS_REGEN_PER_SECOND = 5;
export const FOCUS_MAX = 100;

/** Hunter pets inherit this share of the owner's attack power (SimulationCraft's owner_coeff.ap_from_ap). */
export const PET_AP_FROM_OWNER = 0.6;
/** Pet melee swing time before haste. */
export const PET_SWING_MS = 2000;
