// The simulated fleet (forked by fleet.bench.ts): many nodes in one process, each speaking the
// real signed protocol over keep-alive HTTP exactly as apps/node does (claim runs for its free
// slots, heartbeat, report each run in one batched complete), but with no engine: a run
// "computes" for as long as its iterations take at a realistic per-core speed, and reports for
// every chunk the same real partial the engine made once (every chunk has the same size, and
// the same bytes make verification replays agree). Prints nothing; answers the parent with its
// counts.

import { Agent } from 'node:http';
import {
  type ClaimedChunk,
  type ClaimResponse,
  type CompleteRequest,
  type CompletesResponse,
  NODE_PROTOCOL_PATHS,
} from '@simforge/common';
import { createRequestSigner, privateKeyFromPem } from '@simforge/common/signing';
import { post } from './keep-alive-post.ts';

export interface FleetNode {
  pem: string;
  capacity: number;
  /** Iterations per second per core: the engine's measured speed with some spread. */
  speed: number;
}

export interface FleetInput {
  baseUrl: string;
  engineBuild: string;
  /** A real engine partial of CHUNK_ITERATIONS iterations (base64), reported for every chunk. */
  partial: string;
  nodes: FleetNode[];
  /**
   * `chunks`: as nodes did before runs, a complete per chunk as soon as it is done and a claim
   * for the idle slots. `runs`: as apps/node does now, runsPerSlot runs held per slot, results reported
   * with the claim that refills the slots, every reportEveryMs or when a slot would idle.
   */
  mode: 'chunks' | 'runs';
  runsPerSlot: number;
  reportEveryMs: number;
  /** Counted from warmUpMs to warmUpMs + measureMs; the parent samples the sentinel then too. */
  warmUpMs: number;
  measureMs: number;
  heartbeatMs: number;
}

export interface FleetResult {
  requests: number;
  errors: number;
  /** Refusals by code: a sustained fleet has none. */
  errorCodes: Record<string, number>;
  chunksAccepted: number;
  iterationsAccepted: number;
  /** Slot-seconds spent "computing", against the slot-seconds the fleet had. */
  busySlotSeconds: number;
  slotSeconds: number;
  seconds: number;
  clientCpuSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runFleet(input: FleetInput): Promise<FleetResult> {
  const url = new URL(input.baseUrl);
  const partialFor = (_iterations: number): string => input.partial;
  const result: FleetResult = {
    requests: 0,
    errors: 0,
    errorCodes: {},
    chunksAccepted: 0,
    iterationsAccepted: 0,
    busySlotSeconds: 0,
    slotSeconds: 0,
    seconds: 0,
    clientCpuSeconds: 0,
  };
  const started = performance.now();
  const deadline = started + input.warmUpMs + input.measureMs;
  const windowStart = started + input.warmUpMs;
  /** Busy slot time inside the measured window only (a chunk may straddle its edges). */
  let busyInWindowMs = 0;
  const computing = new Set<number>();
  const busyWithin = (from: number, to: number) =>
    Math.max(0, Math.min(to, deadline) - Math.max(from, windowStart));
  // The counts of the measured window: a snapshot when it opens, the difference when it closes.
  let opened: { counts: FleetResult; cpu: NodeJS.CpuUsage; at: number } | undefined;
  let measured: FleetResult | undefined;
  const windowOpens = setTimeout(() => {
    opened = { counts: { ...result }, cpu: process.cpuUsage(), at: performance.now() };
    process.send?.({ window: 'open' });
  }, input.warmUpMs);
  const windowCloses = setTimeout(() => {
    const o = opened!;
    const cpu = process.cpuUsage(o.cpu);
    measured = {
      requests: result.requests - o.counts.requests,
      errors: result.errors - o.counts.errors,
      errorCodes: result.errorCodes,
      chunksAccepted: result.chunksAccepted - o.counts.chunksAccepted,
      iterationsAccepted: result.iterationsAccepted - o.counts.iterationsAccepted,
      busySlotSeconds:
        (busyInWindowMs + [...computing].reduce((ms, from) => ms + busyWithin(from, deadline), 0)) / 1000,
      slotSeconds: input.nodes.reduce((n, s) => n + s.capacity, 0) * (input.measureMs / 1000),
      seconds: (performance.now() - o.at) / 1000,
      clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
    process.send?.({ window: 'closed' });
  }, input.warmUpMs + input.measureMs);

  const node = async (spec: FleetNode, index: number) => {
    const sign = createRequestSigner({ privateKey: privateKeyFromPem(spec.pem), nowMs: Date.now });
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const send = async (path: string, json: unknown) => {
      const body = JSON.stringify(json);
      result.requests++;
      const answer = await post(agent, url, path, body, sign({ method: 'POST', path, body }));
      if (answer.status !== 200) {
        result.errors++;
        const code = /"code":"([A-Z_]+)"/.exec(answer.text)?.[1] ?? `HTTP_${answer.status}`;
        result.errorCodes[code] = (result.errorCodes[code] ?? 0) + 1;
      }
      return answer;
    };
    const claim = { engineBuild: input.engineBuild, gamedataPatch: null };
    const perSlot = input.mode === 'runs' ? input.runsPerSlot : 1;
    let running = 0;
    const queued: ClaimedChunk[][] = [];
    const outbox: ClaimedChunk[] = [];
    let outboxSince = 0;
    let wake: (() => void) | undefined;
    const changed = () => wake?.();
    const startRuns = () => {
      while (running < spec.capacity && queued.length > 0) {
        const run = queued.shift()!;
        running++;
        void (async () => {
          for (const chunk of run) {
            const ms = (chunk.iterations / spec.speed) * 1000;
            const from = performance.now();
            const token = from + Math.random();
            computing.add(token);
            await sleep(ms);
            computing.delete(token);
            busyInWindowMs += busyWithin(from, performance.now());
            if (outbox.length === 0) outboxSince = performance.now();
            outbox.push(chunk);
            changed();
          }
          running--;
          startRuns();
          changed();
        })();
      }
    };
    const take = (chunks: ClaimedChunk[]) => {
      const runs = new Map<number, ClaimedChunk[]>();
      for (const chunk of chunks) {
        const run = runs.get(chunk.run);
        if (run) run.push(chunk);
        else runs.set(chunk.run, [chunk]);
      }
      queued.push(...runs.values());
      startRuns();
    };
    const room = () => spec.capacity * perSlot - running - queued.length;
    const slotIdle = () => running < spec.capacity && queued.length === 0;
    const reportDue = () =>
      outbox.length > 0 &&
      (input.mode === 'chunks' || slotIdle() || performance.now() - outboxSince >= input.reportEveryMs);
    const heartbeats = (async () => {
      // Spread the fleet's heartbeats over the period, as independent machines would be.
      await sleep((index * 7919) % input.heartbeatMs);
      while (performance.now() < deadline) {
        await send(NODE_PROTOCOL_PATHS.heartbeat, {});
        await sleep(input.heartbeatMs);
      }
    })();
    while (performance.now() < deadline) {
      if (reportDue()) {
        // As apps/node does: every result ready, and (with runs) a claim for the room left.
        const sending = outbox.splice(0, input.mode === 'runs' ? 256 : 1);
        outboxSince = performance.now();
        const want = room();
        const results: CompleteRequest[] = sending.map((c) => ({
          jobId: c.jobId,
          chunkIndex: c.chunkIndex,
          attempt: c.attempt,
          partial: partialFor(c.iterations),
        }));
        const body =
          input.mode === 'runs' && want > 0 ? { results, claim: { ...claim, max: want } } : { results };
        const answer = await send(NODE_PROTOCOL_PATHS.completes, body);
        if (answer.status !== 200) continue;
        const parsed = JSON.parse(answer.text) as CompletesResponse;
        parsed.results.forEach((o, i) => {
          if (o.status !== 'accepted') return;
          result.chunksAccepted++;
          result.iterationsAccepted += sending[i]!.iterations;
        });
        if (parsed.claim !== undefined && 'chunks' in parsed.claim) take(parsed.claim.chunks);
        continue;
      }
      if ((input.mode === 'chunks' || outbox.length === 0) && slotIdle() && room() > 0) {
        // Before runs a node claimed for its idle slots; now for every run it may hold.
        const max = input.mode === 'runs' ? room() : spec.capacity - running;
        const answer = await send(NODE_PROTOCOL_PATHS.claim, { ...claim, max, waitMs: 1_000 });
        if (answer.status !== 200) await sleep(250);
        else take((JSON.parse(answer.text) as ClaimResponse).chunks);
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(
          resolve,
          outbox.length > 0 ? outboxSince + input.reportEveryMs - performance.now() : 1_000,
        );
      });
      wake = undefined;
    }
    await heartbeats;
    // As a stopping node does: give back what it holds, so the next step starts clean.
    await send(NODE_PROTOCOL_PATHS.release, {});
  };

  await Promise.all(input.nodes.map((spec, i) => node(spec, i)));
  clearTimeout(windowOpens);
  clearTimeout(windowCloses);
  if (measured === undefined) throw new Error('the fleet stopped before its measured window closed');
  return measured;
}

// Forked by the benchmark: read the input from the parent, answer with the result.
if (process.send !== undefined) {
  process.once('message', (input: FleetInput) => {
    runFleet(input).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`${(error as Error).stack}\n`);
        process.exit(1);
      },
    );
  });
}
