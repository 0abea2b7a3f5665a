// The report, laid out like SimulationCraft's HTML report: the DPS line with its error, the
// distribution, the talents, the ability breakdown, timelines and buff uptimes; above them, how far the
// result can be trusted (result-trust.tsx).
import type { AbilityView, JobCharacter, JobResultView } from '@simforge/common';
import type { ProfilesetChanges, ResultTaint, RunView } from '../../api-contract.ts';
import { fmt1, fmt2, fmtInt, fmtMs, fmtPct } from '../format.ts';
import { GENERIC_RESOURCE_NAME } from '../resource-name.ts';
import { linkProps } from '../router.ts';
import { DpsHistogram, TimelineChart } from './charts.tsx';
import { ComparisonReport } from './comparison-report.tsx';
import { type ReportAudience, TaintWarning, VerificationLine } from './result-trust.tsx';
import { TalentsPanel } from './talents-panel.tsx';

export function ResultReport({
  view,
  run: runFromMeta,
  resourceName = GENERIC_RESOURCE_NAME,
  taints,
  audience,
  comparison,
  title,
}: {
  view: JobResultView;
  run: RunView | null;
  /** The spec's resource (focus, mana, ...) for the timeline's labels. */
  resourceName?: string;
  taints: ResultTaint[];
  audience: ReportAudience;
  /** A profileset job's variants (JobDetail.comparison); empty for one profile. */
  comparison: readonly ProfilesetChanges[];
  /** Names the exported files. */
  title: string;
}) {
  const { dps } = view;
  // The sentinel keeps result_pb free of run details (so its bytes match a local run) and
  // writes them to the job's meta; older or local results may carry them in result_pb.
  const run = view.run ?? runFromMeta;
  // Nodes recorded in result_pb carry only an id; the studio's RunView names them.
  const nodes: RunView['nodes'] = view.run
    ? view.run.nodes.map((node) => ({ ...node, label: node.nodeId, yours: false }))
    : (runFromMeta?.nodes ?? []);
  return (
    <div className="report" data-testid="result-report">
      <TaintWarning taints={taints} audience={audience} />
      {view.character && (
        <CharacterHeader character={view.character} heroTree={view.talents?.heroTree ?? null} />
      )}
      {view.profilesets.length > 0 && <ComparisonReport view={view} comparison={comparison} title={title} />}
      <section className="panel dps-hero">
        <div className="dps-main">
          <div className="dps-value" data-testid="dps-mean">
            {fmtInt(dps.mean)}
          </div>
          <div className="dps-label">
            {view.profilesets.length > 0 ? 'DPS of the base profile' : 'DPS'}{' '}
            <span className="muted">
              ± {fmt1(dps.error)} ({fmt2(dps.errorPct)}%) at 95% confidence
            </span>
          </div>
        </div>
        <dl className="stats">
          <Stat label="Min" value={fmtInt(dps.min)} />
          <Stat label="25th pct" value={fmtInt(dps.q1)} />
          <Stat label="Median" value={fmtInt(dps.median)} />
          <Stat label="75th pct" value={fmtInt(dps.q3)} />
          <Stat label="Max" value={fmtInt(dps.max)} />
          <Stat label="Std dev" value={fmtInt(dps.stddev)} />
          <Stat label="Iterations" value={fmtInt(view.iterations)} />
          <Stat label="Fight length" value={fmtMs(view.fightLengthMsMean)} />
          <Stat label="Wall time" value={run ? fmtMs(run.wallTimeMs) : '—'} />
          <Stat label="Nodes" value={run ? `${nodes.length} (${run.chunks} chunks)` : '—'} />
        </dl>
        {/* From the job's meta only: result_pb never carries verification. */}
        <VerificationLine verification={runFromMeta?.verification ?? null} audience={audience} />
      </section>

      {view.warnings.length > 0 && (
        <section className="panel" data-testid="result-warnings">
          <h2>Not simulated</h2>
          <ul className="editor-warnings">
            {view.warnings.map((w) => (
              <li key={`${w.line}:${w.column}:${w.message}`}>
                Line {w.line}: {w.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.talents && <TalentsPanel talents={view.talents} />}

      <section className="panel">
        <h2>DPS distribution</h2>
        <DpsHistogram bins={view.histogram.bins} binWidthDps={view.histogram.binWidthDps} mean={dps.mean} />
      </section>

      <section className="panel">
        <h2>Abilities</h2>
        <AbilityTable abilities={view.abilities} />
      </section>

      {view.timeline && (
        <section className="panel">
          <h2>Damage and {resourceName} over the fight</h2>
          <TimelineChart timeline={view.timeline} resourceName={resourceName} />
        </section>
      )}

      <div className="two-col">
        <section className="panel">
          <h2>Buff uptimes</h2>
          <table className="table" data-testid="buff-table">
            <tbody>
              {[...view.buffs]
                .sort((a, b) => b.uptimePct - a.uptimePct)
                .map((buff) => (
                  <tr key={buff.auraId}>
                    <td>{buff.name}</td>
                    <td className="num bar-cell">
                      <div className="bar" style={{ width: `${Math.min(100, buff.uptimePct)}%` }} />
                      <span>{fmtPct(buff.uptimePct)}</span>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>Contributing nodes</h2>
          {nodes.length === 0 ? (
            <p className="muted">No node breakdown recorded.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Node</th>
                  <th className="num">Iterations</th>
                  <th className="num">Chunks</th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((node) => (
                  <tr key={node.nodeId} data-testid="run-node">
                    <td
                      title={node.nodeId}
                      className={node.yours ? undefined : 'muted'}
                      data-testid="run-node-label"
                    >
                      {node.label}
                    </td>
                    <td className="num">{fmtInt(node.iterations)}</td>
                    <td className="num">{fmtInt(node.chunks)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function AbilityTable({ abilities }: { abilities: AbilityView[] }) {
  const rows = [...abilities].sort((a, b) => b.sharePct - a.sharePct);
  return (
    <table className="table abilities" data-testid="ability-table">
      <thead>
        <tr>
          <th>Ability</th>
          <th>Source</th>
          <th className="num">Damage share</th>
          <th className="num">DPS</th>
          <th className="num">Executes</th>
          <th className="num">Crit</th>
          <th className="num">Avg hit</th>
          <th className="num">Ticks</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={`${a.source}:${a.spellId}`}>
            <td>
              <a {...linkProps(`/spells/${a.spellId}`)}>{a.name}</a>
            </td>
            <td className={`source source-${a.source}`}>{a.source}</td>
            <td className="num bar-cell">
              <div className="bar" style={{ width: `${Math.min(100, a.sharePct)}%` }} />
              <span>{fmtPct(a.sharePct)}</span>
            </td>
            <td className="num">{fmtInt(a.dps)}</td>
            <td className="num">{fmt1(a.executesPerIteration)}</td>
            <td className="num">{fmtPct(a.critPct)}</td>
            <td className="num">{fmtInt(a.avgHit)}</td>
            <td className="num">{a.ticksPerIteration > 0 ? fmt1(a.ticksPerIteration) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who was simulated in what fight, as SimulationCraft's report opens: character, fight, raid. */
function CharacterHeader({ character: c, heroTree }: { character: JobCharacter; heroTree: string | null }) {
  const words = (token: string) => token.replaceAll('_', ' ');
  return (
    <section className="panel" data-testid="character">
      <h2>
        {c.name || 'Unnamed'}{' '}
        <span className="muted">
          level {c.level} {words(c.race)} {words(c.spec)}
          {heroTree ? `, ${heroTree}` : ''}
        </span>
      </h2>
      <p className="muted" data-testid="character-fight">
        {c.itemLevel === null
          ? 'Item level unknown (no item the game data knows)'
          : `Item level ${fmt2(c.itemLevel)}`}
        {' · '}
        {c.fightStyle}, {c.targets} target{c.targets === 1 ? '' : 's'}, {fmtInt(c.maxTimeMs / 1000)} s{' · '}
        Raid: {c.raidBuffs.length > 0 ? c.raidBuffs.join(', ') : 'none'}
        {c.raidNotSimulated.length > 0 && ` (${c.raidNotSimulated.join(', ')} not simulated yet)`}
      </p>
    </section>
  );
}
