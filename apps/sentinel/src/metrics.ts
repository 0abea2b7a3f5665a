// GET /metrics in the Prometheus text format. Counters of the hot path come from the runtime
// store's own stats (no second bookkeeping); job counts by status are read from the database
// at scrape time, the one place where it is the source of truth.

import type { RuntimeStoreStats } from './runtime/runtime-store.ts';

/** Upper bounds in seconds; claim handling is sub-millisecond unless the machine is saturated. */
const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export class LatencyHistogram {
  private readonly counts = new Array<number>(LATENCY_BUCKETS_S.length).fill(0);
  private total = 0;
  private sumS = 0;

  observe(ms: number): void {
    const seconds = ms / 1000;
    this.total++;
    this.sumS += seconds;
    const index = LATENCY_BUCKETS_S.findIndex((bound) => seconds <= bound);
    if (index >= 0) this.counts[index]!++;
  }

  render(name: string, help: string): string[] {
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    let cumulative = 0;
    LATENCY_BUCKETS_S.forEach((bound, i) => {
      cumulative += this.counts[i]!;
      lines.push(`${name}_bucket{le="${bound}"} ${cumulative}`);
    });
    lines.push(
      `${name}_bucket{le="+Inf"} ${this.total}`,
      `${name}_sum ${this.sumS}`,
      `${name}_count ${this.total}`,
    );
    return lines;
  }
}

export interface MetricsSnapshot {
  jobsByStatus: { status: string; count: number }[];
  jobsActive: number;
  chunksInFlight: number;
  nodesPresent: number;
  stats: RuntimeStoreStats;
  claimLatency: LatencyHistogram;
}

function counter(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`];
}

function gauge(name: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
}

export function renderMetrics(m: MetricsSnapshot): string {
  const lines = [
    '# HELP simforge_jobs Jobs in public.jobs by status.',
    '# TYPE simforge_jobs gauge',
    ...m.jobsByStatus.map((row) => `simforge_jobs{status="${row.status}"} ${row.count}`),
    ...gauge('simforge_jobs_active', 'Jobs with a JobRuntime in this sentinel.', m.jobsActive),
    ...gauge('simforge_chunks_in_flight', 'Chunks claimed and not yet completed.', m.chunksInFlight),
    ...gauge(
      'simforge_nodes_online',
      'Nodes present (long-poll open or seen within the TTL).',
      m.nodesPresent,
    ),
    ...counter('simforge_claims_total', 'Chunks issued by claim_batch.', m.stats.claims),
    ...counter(
      'simforge_runs_total',
      'Runs issued (worker slots filled; claims/runs is the mean run length).',
      m.stats.runs,
    ),
    ...counter('simforge_completes_total', 'Chunk completions accepted.', m.stats.completes),
    ...counter(
      'simforge_completes_duplicate_total',
      'Repeated completions of an accepted attempt.',
      m.stats.duplicates,
    ),
    ...counter(
      'simforge_completes_refused_total',
      'Foreign, late or implausible completions.',
      m.stats.refused,
    ),
    ...counter(
      'simforge_reclaims_total',
      'Chunks returned to pending_reclaims (expired or failed).',
      m.stats.reclaims,
    ),
    ...counter(
      'simforge_verifications_issued_total',
      "Replays issued to recompute another owner's node's result.",
      m.stats.verificationsIssued,
    ),
    ...counter(
      'simforge_verification_agreements_total',
      'Results confirmed byte for byte by a node of another owner.',
      m.stats.agreements,
    ),
    ...counter(
      'simforge_verification_disagreements_total',
      'Chunks whose results from two owners differed.',
      m.stats.disagreements,
    ),
    ...counter(
      'simforge_nodes_quarantined_total',
      'Nodes quarantined by this sentinel.',
      m.stats.quarantines,
    ),
    ...counter(
      'simforge_verifications_waived_total',
      'Verifications merged unchecked: no node of another owner took them in time.',
      m.stats.verificationsWaived,
    ),
    ...gauge(
      'simforge_verification_compute_share',
      'Share of accepted iterations that were replays (the compute verification costs).',
      m.stats.iterationsComputed === 0 ? 0 : m.stats.iterationsReplayed / m.stats.iterationsComputed,
    ),
    ...m.claimLatency.render(
      'simforge_claim_latency_seconds',
      'Time to answer a claim once work is available.',
    ),
  ];
  return `${lines.join('\n')}\n`;
}
