// A node's trust record on the Nodes page, the way BOINC shows a host's reliability: how many
// of its results were checked and agreed, how often it is checked now, and, when it was caught
// returning false results, a warning with the reason and a way to take it back.
import type { NodeTrustView } from '../../api-contract.ts';
import { fmtInt, fmtPct } from '../format.ts';

/** "every result checked" for a new or re-linked node, else the share checked now. */
export function verificationRateText(rate: number): string {
  // verification_rate is a float4: 1 reads back exactly, 0.05 as 0.0500000007.
  if (rate >= 1) return 'every result checked';
  return `${fmtPct(rate * 100)} of results checked`;
}

export function NodeTrustCell({ trust }: { trust: NodeTrustView }) {
  const extra = [
    trust.disagreements > 0 ? `${fmtInt(trust.disagreements)} disagreed` : null,
    trust.refusals > 0 ? `${fmtInt(trust.refusals)} refused` : null,
  ].filter((part): part is string => part !== null);
  return (
    <div data-testid="node-trust">
      <div>
        {fmtInt(trust.checks)} {trust.checks === 1 ? 'result' : 'results'} checked, {fmtInt(trust.agreements)}{' '}
        agreed
        {extra.length > 0 && <span className="error">, {extra.join(', ')}</span>}
      </div>
      <div className="muted small">{verificationRateText(trust.verificationRate)}</div>
    </div>
  );
}

export function QuarantineNotice({
  nodeId,
  trust,
  columns,
  onRelink,
}: {
  nodeId: string;
  trust: NodeTrustView;
  /** The table's column count, so the notice spans the row under its node. */
  columns: number;
  onRelink: () => void;
}) {
  const when = trust.quarantinedAt ? new Date(trust.quarantinedAt).toLocaleString() : 'an unknown time';
  return (
    <tr className="quarantine-row">
      <td colSpan={columns}>
        <div className="warning quarantine" role="alert" data-testid="quarantine-notice">
          <p>
            <strong>Quarantined {when}</strong> for returning false results:{' '}
            <span data-testid="quarantine-reason">{trust.quarantineReason ?? 'no reason recorded'}</span>. It
            gets no work until you re-link it. Check the machine first (hardware faults, a modified build);
            once re-linked it starts over with every result checked. From a terminal:{' '}
            <code>simforge nodes relink {nodeId}</code>
          </p>
          <button type="button" className="primary" onClick={onRelink} data-testid="relink-node">
            Re-link
          </button>
        </div>
      </td>
    </tr>
  );
}
