import { toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { JobResultSchema, type TalentTreeKind } from '../src/gen/simforge/wire/v1/result_pb.ts';
import {
  bytesToByteaHex,
  DPS_HISTOGRAM_BIN_MILLI,
  decodeChunkPartial,
  decodeJobResult,
  emptyPartial,
  encodeChunkPartial,
  encodeJobResult,
  encodeJobTimeline,
  jobResultWithoutRun,
  mergePartials,
  WireError,
  welfordView,
} from '../src/index.ts';
import { parseJobResult } from '../src/result-codec.ts';
import { randomPartial, randomRun } from './random-partial.ts';

describe('ChunkPartial protobuf', () => {
  it('round-trips exactly, including DPS sums past 64 bits', () => {
    const partial = randomPartial(1, 3000);
    expect(partial.dpsSumSqMilli > 2n ** 64n).toBe(true);
    const bytes = encodeChunkPartial(partial);
    expect(decodeChunkPartial(bytes)).toEqual(partial);
    expect(encodeChunkPartial(decodeChunkPartial(bytes))).toEqual(bytes);
  });

  it('round-trips the empty partial', () => {
    expect(decodeChunkPartial(encodeChunkPartial(emptyPartial()))).toEqual(emptyPartial());
  });

  it('encodes the same partial to the same bytes', () => {
    expect(encodeChunkPartial(randomPartial(7, 50))).toEqual(encodeChunkPartial(randomPartial(7, 50)));
  });

  it('refuses bytes that are not a ChunkPartial with SF_WIRE_MALFORMED', () => {
    const decode = () => decodeChunkPartial(new Uint8Array([0xff, 0xff, 0xff]));
    expect(decode).toThrow(WireError);
    try {
      decode();
    } catch (error) {
      expect((error as WireError).code).toBe('SF_WIRE_MALFORMED');
    }
  });
});

describe('decodeJobResult', () => {
  const { partial, dps } = randomRun(3, 400);
  const run = {
    wallTimeMs: 1234,
    chunks: 4,
    nodes: [
      { nodeId: 'b', iterations: 200, chunks: 2 },
      { nodeId: 'a', iterations: 200, chunks: 2 },
    ],
  };
  const talents = {
    heroTree: 'Pack Leader',
    talents: [
      { name: 'Kill Command', token: 'kill_command', ranks: 1, tree: 'spec' as const, modelled: true },
      { name: 'Pathfinding', token: 'pathfinding', ranks: 2, tree: 'class' as const, modelled: false },
      {
        name: 'Howl of the Pack Leader',
        token: 'howl_of_the_pack_leader',
        ranks: 1,
        tree: 'hero' as const,
        modelled: false,
      },
    ],
  };
  const warnings = [
    { line: 12, column: 1, message: 'potion=x: not simulated yet (the sim runs without it)' },
  ];
  const resultBytes = encodeJobResult(partial, { run, talents, warnings });
  const timelineBytes = encodeJobTimeline(partial.timeline);

  it('gives the DPS view of the exact sums', () => {
    const view = decodeJobResult(resultBytes);
    const welford = welfordView(partial);
    expect(view.iterations).toBe(400);
    expect(view.dps.mean).toBe(welford.mean);
    expect(view.dps.error).toBe(welford.halfWidth95);
    expect(view.dps.min).toBe(Math.round(Math.min(...dps) * 1000) / 1000);
    expect(view.dps.max).toBe(Math.round(Math.max(...dps) * 1000) / 1000);
    expect(view.dps.q1).toBeLessThanOrEqual(view.dps.median);
    expect(view.dps.median).toBeLessThanOrEqual(view.dps.q3);
    expect(view.histogram.binWidthDps).toBe(DPS_HISTOGRAM_BIN_MILLI / 1000);
    expect(view.histogram.bins.reduce((sum, b) => sum + b.count, 0)).toBe(400);
    expect(view.run).toEqual({ ...run, nodes: [run.nodes[1], run.nodes[0]] });
    expect(view.timeline).toBeNull();
  });

  it('drops a talent of a tree kind it does not know, not the whole result', () => {
    const message = parseJobResult(resultBytes);
    message.talents!.talents[0]!.tree = 9 as TalentTreeKind;
    const view = decodeJobResult(toBinary(JobResultSchema, message));
    expect(view.talents?.talents.map((t) => t.name)).toEqual(['Pathfinding', 'Howl of the Pack Leader']);
    expect(view.dps.mean).toBe(decodeJobResult(resultBytes).dps.mean);
  });

  it('carries the warnings, an empty list when there are none', () => {
    expect(decodeJobResult(resultBytes).warnings).toEqual(warnings);
    expect(decodeJobResult(encodeJobResult(partial)).warnings).toEqual([]);
    expect(decodeJobResult(encodeJobResult(partial, { warnings: [] })).warnings).toEqual([]);
  });

  it('carries the character and the fight, null for results written before them', () => {
    const character = {
      name: 'Thornmane',
      race: 'tauren',
      level: 90,
      spec: 'beast_mastery',
      itemLevel: 289.27,
      fightStyle: 'Patchwerk',
      targets: 2,
      maxTimeMs: 300_000,
      raidBuffs: ['Battle Shout', 'Mystic Touch'],
      raidNotSimulated: ['Bloodlust'],
    };
    expect(decodeJobResult(encodeJobResult(partial, { character })).character).toEqual(character);
    // No resolved item: no item level, written as 0 and read back as null.
    const unknown = { ...character, itemLevel: null };
    expect(decodeJobResult(encodeJobResult(partial, { character: unknown })).character).toEqual(unknown);
    expect(decodeJobResult(resultBytes).character).toBeNull();
  });

  it('carries the talents, and names the unmodelled ones once', () => {
    const view = decodeJobResult(resultBytes);
    expect(view.talents).toEqual({ ...talents, notModelled: ['Pathfinding', 'Howl of the Pack Leader'] });
    expect(decodeJobResult(encodeJobResult(partial)).talents).toBeNull();
    expect(
      decodeJobResult(encodeJobResult(partial, { talents: { heroTree: null, talents: [] } })).talents,
    ).toEqual({
      heroTree: null,
      talents: [],
      notModelled: [],
    });
  });

  it('derives ability shares, DPS, crit rate and average hit from the sums', () => {
    const view = decodeJobResult(resultBytes);
    const totalDamage = partial.abilities.reduce((sum, a) => sum + a.damage, 0);
    expect(view.abilities.map((a) => a.name)).toEqual(partial.abilities.map((a) => a.name));
    expect(view.abilities.reduce((sum, a) => sum + a.sharePct, 0)).toBeCloseTo(100, 9);
    const first = partial.abilities[0]!;
    const firstView = view.abilities[0]!;
    expect(firstView.sharePct).toBeCloseTo((first.damage / totalDamage) * 100, 12);
    expect(firstView.dps).toBeCloseTo(first.damage / (partial.fightLengthMsSum / 1000), 9);
    expect(firstView.critPct).toBeCloseTo((first.crits / first.hits) * 100, 12);
    expect(firstView.avgHit).toBeCloseTo(first.damage / first.hits, 9);
    const buff = partial.buffs[0]!;
    expect(view.buffs[0]!.uptimePct).toBeCloseTo((buff.uptimeMs / partial.fightLengthMsSum) * 100, 12);
  });

  it('reads bytea hex text as PostgREST returns it, and Node Buffers, the same as bytes', () => {
    const fromBytes = decodeJobResult(resultBytes, timelineBytes);
    expect(decodeJobResult(bytesToByteaHex(resultBytes), bytesToByteaHex(timelineBytes))).toEqual(fromBytes);
    expect(decodeJobResult(Buffer.from(resultBytes), Buffer.from(timelineBytes))).toEqual(fromBytes);
    expect(decodeJobResult(`\\${bytesToByteaHex(resultBytes)}`)).toEqual({ ...fromBytes, timeline: null });
  });

  it('refuses text that is not bytea hex with SF_WIRE_BAD_HEX', () => {
    expect(() => decodeJobResult('0a0b')).toThrow(expect.objectContaining({ code: 'SF_WIRE_BAD_HEX' }));
    expect(() => decodeJobResult('\\x0a0')).toThrow(expect.objectContaining({ code: 'SF_WIRE_BAD_HEX' }));
    expect(() => decodeJobResult('\\xzz')).toThrow(expect.objectContaining({ code: 'SF_WIRE_BAD_HEX' }));
  });

  it('refuses empty or foreign bytes by their format version', () => {
    expect(() => decodeJobResult(new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'SF_WIRE_UNSUPPORTED_VERSION' }),
    );
    expect(() => decodeJobResult('\\x')).toThrow(
      expect.objectContaining({ code: 'SF_WIRE_UNSUPPORTED_VERSION' }),
    );
  });

  it('gives per-second DPS and resource means over the iterations still running', () => {
    const timeline = decodeJobResult(resultBytes, timelineBytes).timeline!;
    expect(timeline.binMs).toBe(1000);
    expect(timeline.samples).toEqual(partial.timeline.samples);
    expect(timeline.samples[0]).toBe(400);
    const last = timeline.samples.length - 1;
    expect(timeline.samples[last]).toBeLessThan(400);
    expect(timeline.dps[last]).toBeCloseTo(
      partial.timeline.damage[last]! / partial.timeline.samples[last]!,
      9,
    );
    expect(timeline.resource[0]).toBeCloseTo(partial.timeline.resourceMilli[0]! / 400 / 1000, 9);
  });

  it('keeps the deterministic bytes apart from the run metadata', () => {
    const other = encodeJobResult(mergePartials(emptyPartial(), partial), {
      talents,
      run: { wallTimeMs: 99, chunks: 1, nodes: [] },
    });
    expect(other).not.toEqual(resultBytes);
    expect(jobResultWithoutRun(other)).toEqual(encodeJobResult(partial, { talents }));
    expect(jobResultWithoutRun(resultBytes)).toEqual(encodeJobResult(partial, { talents, warnings }));
  });
});
