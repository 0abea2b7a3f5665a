// The simulated fleet (forked by fleet.bench.ts): many nodes in one process, each speaking the
// real signed protocol over keep-alive HTTP exactly as apps/node does (claim runs for its free
// slots, heartbeat, report each run in one batched complete), but with no engine: a run
// "computes" for as long as its iterations take at a realistic per-core speed, and reports for
// every chunk the same real partial the engine made once (every chunk has the same size, and
// the same bytes make verification replays agree). Prints nothing; answers the parent with its
// counts.

import { Agent, request } from 'node:http';
import {
  type ClaimedChunk,
  type ClaimRequest,
  type ClaimResponse,
  type CompleteRequest,
  type CompletesResponse,
  NODE_PROTOCOL_PATHS,
} from '@simforge/common';
import { createRequestSigner, privateKeyFromPem } from '@simforge/common/signing';

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
  /** Counted from warmUpMs to warmUpMs + measureMs; the parent samples the sentinel then too. */
  warmUpMs: number;
  measureMs: number;
  heartbeatMs: number;
}

export interface FleetResult {
  requests: number;
  errors: number;
  chunksAccepted: number;
  iterationsAccepted: number;
  /** Slot-seconds spent "computing", against the slot-seconds the fleet had. */
  busySlotSeconds: number;
  slotSeconds: number;
  seconds: number;
  clientCpuSeconds: number;
}

function post(agent: Agent, url: URL, path: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runFleet(input: FleetInput): Promise<FleetResult> {
  const url = new URL(input.baseUrl);
  const partialFor = (_iterations: number): string => input.partial;
  const result: FleetResult = {
    requests: 0,
    errors: 0,
    chunksAccepted: 0,
    iterationsAccepted: 0,
    busySlotSeconds: 0,
    slotSeconds: 0,
    seconds: 0,
    clientCpuSeconds: 0,
  };
  const started = performance.now();
  const deadline = started + input.warmUpMs + input.measureMs;
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
      chunksAccepted: result.chunksAccepted - o.counts.chunksAccepted,
      iterationsAccepted: result.iterationsAccepted - o.counts.iterationsAccepted,
      busySlotSeconds: result.busySlotSeconds - o.counts.busySlotSeconds,
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
      if (answer.status !== 200) result.errors++;
      return answer;
    };
    let free = spec.capacity;
    let wake: (() => void) | undefined;
    const runRun = async (chunks: ClaimedChunk[]) => {
      const iterations = chunks.reduce((n, c) => n + c.iterations, 0);
      const ms = (iterations / spec.speed) * 1000;
      await sleep(ms);
      result.busySlotSeconds += ms / 1000;
      const results: CompleteRequest[] = chunks.map((c) => ({
        jobId: c.jobId,
        chunkIndex: c.chunkIndex,
        attempt: c.attempt,
        partial: partialFor(c.iterations),
      }));
      const answer = await send(NODE_PROTOCOL_PATHS.completes, { results });
      if (answer.status === 200) {
        const outcomes = (JSON.parse(answer.text) as CompletesResponse).results;
        outcomes.forEach((o, i) => {
          if (o.status === 'accepted') {
            result.chunksAccepted++;
            result.iterationsAccepted += chunks[i]!.iterations;
          }
        });
      }
      free++;
      wake?.();
    };
    const heartbeats = (async () => {
      // Spread the fleet's heartbeats over the period, as independent machines would be.
      await sleep((index * 7919) % input.heartbeatMs);
      while (performance.now() < deadline) {
        await send(NODE_PROTOCOL_PATHS.heartbeat, {});
        await sleep(input.heartbeatMs);
      }
    })();
    const claim: ClaimRequest = {
      max: 0,
      waitMs: 1_000,
      engineBuild: input.engineBuild,
      gamedataPatch: null,
    };
    while (performance.now() < deadline) {
      if (free === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const answer = await send(NODE_PROTOCOL_PATHS.claim, { ...claim, max: free });
      if (answer.status !== 200) {
        await sleep(250);
        continue;
      }
      const runs = new Map<number, ClaimedChunk[]>();
      for (const chunk of (JSON.parse(answer.text) as ClaimResponse).chunks) {
        const run = runs.get(chunk.run);
        if (run) run.push(chunk);
        else runs.set(chunk.run, [chunk]);
      }
      for (const run of runs.values()) {
        free--;
        void runRun(run);
      }
    }
    await heartbeats;
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
