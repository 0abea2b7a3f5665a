// The resource timeline used to be `focus_milli` (TimelineSums field 2, JobTimeline field 3).
// It is `resource_milli` under new numbers now; bytes written before the rename, by a node
// not yet upgraded or stored in a job's timeline_pb, must still decode to the same view.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeChunkPartial,
  decodeJobTimeline,
  encodeChunkPartial,
  encodeJobTimeline,
  WireError,
} from '../src/index.ts';
import { randomPartial } from './random-partial.ts';

const fixture = (name: string) =>
  Buffer.from(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').trim(), 'hex');

// What the fixtures were encoded from (see fixtures/README.md).
const partial = randomPartial(5, 7);

describe('bytes from before the resource timeline was renamed', () => {
  it('a ChunkPartial with focus_milli in field 2 decodes to the same partial', () => {
    const old = fixture('pre-rename-chunk-partial.hex');
    expect(partial.timeline.resourceMilli.length).toBeGreaterThan(0);
    expect(decodeChunkPartial(old)).toEqual(partial);
    // The old and the new encoding really differ: only the field number moved.
    const now = encodeChunkPartial(partial);
    expect(Buffer.from(now).equals(old)).toBe(false);
    expect(now.length).toBe(old.length);
  });

  it('a JobTimeline with focus_milli in field 3 decodes to the same view', () => {
    const old = fixture('pre-rename-job-timeline.hex');
    const view = decodeJobTimeline(old);
    expect(view).toEqual(decodeJobTimeline(encodeJobTimeline(partial.timeline)));
    expect(view.resource.some((r) => r > 0)).toBe(true);
    // The bytea hex text PostgREST returns goes through the same path.
    expect(decodeJobTimeline(`\\x${old.toString('hex')}`)).toEqual(view);
  });

  it('refuses a legacy value past 2^53 like any other', () => {
    // JobTimeline { bin_ms: 1000, focus_milli (3): [2^53] packed, samples (4): [1] }
    const bytes = Uint8Array.from([
      0x08, 0xe8, 0x07, 0x1a, 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10, 0x22, 0x01, 0x01,
    ]);
    expect(() => decodeJobTimeline(bytes)).toThrowError(WireError);
    try {
      decodeJobTimeline(bytes);
    } catch (error) {
      expect((error as WireError).code).toBe('SF_WIRE_NUMBER_RANGE');
    }
  });
});
