// The name of the resource a job's timeline samples (focus, mana, ...). The timeline itself
// carries only numbers, so the name comes from the spec of the profile the job ran; where the
// profile is not at hand (a shared link) or names no registered spec, it is just "resource".
import { DEFAULT_SPEC_REGISTRY, parseProfile } from '@simforge/engine';

export const GENERIC_RESOURCE_NAME = 'resource';

export function resourceNameOf(profileText: string | null | undefined): string {
  if (!profileText) return GENERIC_RESOURCE_NAME;
  const parsed = parseProfile(profileText);
  if (!parsed.ok) return GENERIC_RESOURCE_NAME;
  const spec = DEFAULT_SPEC_REGISTRY.find(parsed.profile.className, parsed.profile.spec);
  return spec?.resource.name ?? GENERIC_RESOURCE_NAME;
}
