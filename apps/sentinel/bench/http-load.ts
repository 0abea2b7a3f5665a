// Benchmark (c), the load generator: many simulated nodes on loopback, each looping signed
// `claim` (its whole capacity, no wait) then a signed `complete` per chunk, over keep-alive
// HTTP. Runs in its own process (forked by sentinel-bench.ts) so that signing and the client's
// HTTP stack do not share the sentinel's event loop. Prints one JSON line with its results.

import { Agent } from 'node:http';
import {
  type ClaimRequest,
  type ClaimResponse,
  type CompleteRequest,
  encodeChunkPartial,
  NODE_PROTOCOL_PATHS,
} from '@simforge/common';
import { createRequestSigner, privateKeyFromPem } from '@simforge/common/signing';
import { engineBuild } from '@simforge/engine/build';
import { benchPartial } from './bench-partial.ts';
import { post } from './keep-alive-post.ts';

export interface LoadInput {
  baseUrl: string;
  keysPem: string[];
  capacity: number;
  chunkIterations: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** This load generator's own CPU per request: it shares the machine with the sentinel. */
  clientCpuUsPerRequest: number;
}

export async function runLoad(input: LoadInput): Promise<LoadResult> {
  const url = new URL(input.baseUrl);
  const partial = Buffer.from(encodeChunkPartial(benchPartial(input.chunkIterations))).toString('base64');
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + input.durationMs;

  const timed = async (
    agent: Agent,
    sign: ReturnType<typeof createRequestSigner>,
    path: string,
    body: string,
  ) => {
    const t0 = performance.now();
    const answer = await post(agent, url, path, body, sign({ method: 'POST', path, body }));
    latencies.push(performance.now() - t0);
    if (answer.status !== 200) errors++;
    return answer;
  };

  const node = async (pem: string) => {
    const sign = createRequestSigner({ privateKey: privateKeyFromPem(pem), nowMs: Date.now });
    // One keep-alive connection per node, like a real node's client, and requests in sequence.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const claimRequest: ClaimRequest = {
      max: input.capacity,
      waitMs: 0,
      engineBuild: engineBuild(),
      gamedataPatch: null,
    };
    const claimBody = JSON.stringify(claimRequest);
    while (performance.now() < deadline) {
      const claimed = await timed(agent, sign, NODE_PROTOCOL_PATHS.claim, claimBody);
      if (claimed.status !== 200) continue;
      const { chunks } = JSON.parse(claimed.text) as ClaimResponse;
      for (const c of chunks) {
        const complete: CompleteRequest = {
          jobId: c.jobId,
          chunkIndex: c.chunkIndex,
          attempt: c.attempt,
          partial,
        };
        await timed(agent, sign, NODE_PROTOCOL_PATHS.complete, JSON.stringify(complete));
      }
    }
  };
  await Promise.all(input.keysPem.map(node));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    clientCpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, latencies.length),
  };
}

// Forked by the benchmark: read the input from the parent, answer with the result.
if (process.send !== undefined) {
  process.once('message', (input: LoadInput) => {
    runLoad(input).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`${(error as Error).stack}\n`);
        process.exit(1);
      },
    );
  });
}
