// A profileset's report: the variants ranked by their paired difference to the base, with bars
// for DPS and for the difference ± its error, what the best variant changes against the base,
// stat weights when every variant raises one stat, and the table as CSV or JSON.
import type { JobResultView } from '@simforge/common';
import { pawnString, readStatWeights, type StatWeight } from '@simforge/engine';
import { useMemo } from 'react';
import type { ProfilesetChanges } from '../../api-contract.ts';
import { comparisonCsv, comparisonJson, comparisonRows, download } from '../comparison-export.ts';
import { fmt1, fmt2, fmtInt } from '../format.ts';

export function ComparisonReport({
  view,
  comparison,
  title,
}: {
  view: JobResultView;
  comparison: readonly ProfilesetChanges[];
  title: string;
}) {
  const rows = useMemo(() => comparisonRows(view), [view]);
  const weights = useMemo(() => readStatWeights(comparison, view.profilesets), [comparison, view]);
  const maxDps = Math.max(...rows.map((r) => r.dps), 1);
  const diffScale = Math.max(...rows.map((r) => Math.abs(r.difference) + r.differenceError), 1e-9);
  const best = rows.find((r) => !r.base)!;
  const raced = rows.some((r) => r.stoppedBehind !== null);
  const fileName = title.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'comparison';
  const signed = (n: number) => `${n >= 0 ? '+' : '−'}${fmt1(Math.abs(n))}`;

  return (
    <>
      {weights && <StatWeightsPanel weights={weights} title={title} />}
      <section className="panel" data-testid="comparison">
        <div className="panel-head">
          <h2>
            Comparison{' '}
            <span className="muted">
              · {rows.length - 1} variants {raced ? 'raced ' : ''}on the base's seeds
            </span>
          </h2>
          <div className="actions">
            <button
              type="button"
              onClick={() => download(`${fileName}.csv`, 'text/csv', comparisonCsv(view))}
            >
              Export CSV
            </button>
            <button
              type="button"
              onClick={() =>
                download(
                  `${fileName}.json`,
                  'application/json',
                  comparisonJson(title, view, comparison, weights),
                )
              }
            >
              Export JSON
            </button>
          </div>
        </div>
        <p className="muted">
          Every variant ran on the same random numbers as the base, so its difference to the base has its own,
          much smaller error (95%).
          {raced &&
            ' In the race, a variant stopped at the end of a stage once it was behind the leader beyond both their errors; the others ran on until their differences were known to the precision asked.'}
        </p>
        <table className="table comparison" data-testid="comparison-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Profile</th>
              <th className="num">DPS</th>
              <th className="num">Difference to the base</th>
              <th className="num">Iterations</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const clear = r.base || Math.abs(r.difference) > r.differenceError;
              return (
                <tr key={r.base ? '' : `v:${r.name}`} data-testid="comparison-row" data-base={r.base}>
                  <td className="muted">{r.base ? '—' : i}</td>
                  <td>{r.base ? <strong>Base profile</strong> : r.name}</td>
                  <td className="num bar-cell">
                    <div className="bar" style={{ width: `${(100 * Math.max(0, r.dps)) / maxDps}%` }} />
                    <span>
                      {fmtInt(r.dps)} <span className="muted">± {fmtInt(r.dpsError)}</span>
                    </span>
                  </td>
                  <td className="num diff-cell" title={clear ? undefined : 'Within its error of the base'}>
                    {!r.base && <DiffBar diff={r.difference} error={r.differenceError} scale={diffScale} />}
                    <span
                      className={
                        clear ? (r.difference > 0 ? 'gain' : r.difference < 0 ? 'loss' : '') : 'muted'
                      }
                    >
                      {r.base
                        ? '—'
                        : `${signed(r.difference)} ± ${fmt1(r.differenceError)} (${signed(r.differencePct)}%)`}
                    </span>
                  </td>
                  <td className="num" data-testid="comparison-iterations">
                    {fmtInt(r.iterations)}
                    {r.stoppedBehind !== null && (
                      <div className="muted">
                        stopped behind {r.stoppedBehind === 'base' ? 'the base' : r.stoppedBehind}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <WinnerPanel best={best} comparison={comparison} signed={signed} />
    </>
  );
}

/** A bar from the middle (no difference) to the difference, and a whisker for its error. */
function DiffBar({ diff, error, scale }: { diff: number; error: number; scale: number }) {
  const at = (x: number) => 50 + (50 * x) / scale;
  const from = Math.min(at(0), at(diff));
  return (
    <div className="diff-bar" aria-hidden="true">
      <div
        className={diff >= 0 ? 'diff-fill gain' : 'diff-fill loss'}
        style={{ left: `${from}%`, width: `${Math.abs(at(diff) - at(0))}%` }}
      />
      <div
        className="diff-error"
        style={{ left: `${at(diff - error)}%`, width: `${at(diff + error) - at(diff - error)}%` }}
      />
      <div className="diff-axis" />
    </div>
  );
}

function WinnerPanel({
  best,
  comparison,
  signed,
}: {
  best: ReturnType<typeof comparisonRows>[number];
  comparison: readonly ProfilesetChanges[];
  signed: (n: number) => string;
}) {
  const changes = comparison.find((c) => c.name === best.name)?.changes ?? [];
  const ahead = best.difference - best.differenceError > 0;
  return (
    <section className="panel" data-testid="comparison-winner">
      <h2>
        {ahead ? (
          <>
            Best: {best.name}{' '}
            <span className="gain">
              {signed(best.difference)} ± {fmt1(best.differenceError)} DPS
            </span>{' '}
            <span className="muted">over the base</span>
          </>
        ) : (
          <>
            No variant beats the base beyond its error{' '}
            <span className="muted">
              (best: {best.name}, {signed(best.difference)} ± {fmt1(best.differenceError)})
            </span>
          </>
        )}
      </h2>
      {changes.length > 0 && (
        <table className="table changes" data-testid="winner-changes">
          <thead>
            <tr>
              <th>Option</th>
              <th>Base</th>
              <th>{best.name}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a variant's lines are in their written order and never move
              <tr key={`${i}:${c.key}`}>
                <td className="mono">{c.key}</td>
                <td className="mono muted">{c.append ? '(adds to the list)' : (c.base ?? '(not set)')}</td>
                <td className="mono">
                  {c.append ? '+=' : ''}
                  {c.variant}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StatWeightsPanel({ weights, title }: { weights: readonly StatWeight[]; title: string }) {
  // Normalised to agility; without it there is no scale to give Pawn.
  const normalised = weights.some((w) => w.normalised > 0);
  const pawn = normalised ? pawnString(`simforge ${title}`, weights) : null;
  const top = Math.max(...weights.map((w) => w.normalised), 1e-9);
  return (
    <section className="panel" data-testid="stat-weights">
      <h2>Stat weights</h2>
      <p className="muted">
        DPS gained per point of each stat, from each stat's variant against the base on the same seeds
        {normalised
          ? '; normalised to Agility.'
          : ' (weigh Agility too for normalised weights and a Pawn string).'}
      </p>
      <table className="table" data-testid="stat-weights-table">
        <thead>
          <tr>
            <th>Stat</th>
            <th className="num">Points added</th>
            <th className="num">DPS per point</th>
            <th className="num">Normalised</th>
          </tr>
        </thead>
        <tbody>
          {weights.map((w) => (
            <tr key={w.stat}>
              <td>{w.stat}</td>
              <td className="num">+{fmtInt(w.delta)}</td>
              <td className="num">
                {w.perPoint.toFixed(3)} <span className="muted">± {w.error.toFixed(3)}</span>
              </td>
              <td className="num bar-cell">
                <div className="bar" style={{ width: `${(100 * Math.max(0, w.normalised)) / top}%` }} />
                <span>{fmt2(w.normalised)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pawn !== null && (
        <label>
          Pawn string
          <input
            className="pawn-string"
            readOnly
            value={pawn}
            onFocus={(e) => e.target.select()}
            data-testid="pawn-string"
          />
        </label>
      )}
    </section>
  );
}
