// The engine's default Beast Mastery profile, bundled as text so the editor is filled the
// moment the page loads (no round trip before the player can press Simulate).
import text from '../../../../packages/engine/profiles/beast-mastery.simc?raw';

export const DEFAULT_PROFILE: string = text;
