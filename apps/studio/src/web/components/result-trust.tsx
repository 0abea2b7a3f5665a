// How far a result can be trusted, from the sentinel's verification (docs/sentinel.md,
// "Verification"): a line counting the chunks confirmed independently, and a warning when a
// node that alone computed some of them was quarantined later. Both the owner's result page and
// a shared result draw these; only the wording of whose nodes they were differs.
import type { ResultTaint, VerificationView } from '../../api-contract.ts';
import { fmtInt } from '../format.ts';

/** Who reads the report: its owner, or a visitor through a share link. */
export type ReportAudience = 'owner' | 'visitor';

function chunks(n: number): string {
  return `${fmtInt(n)} ${n === 1 ? 'chunk' : 'chunks'}`;
}

export function verificationText(v: VerificationView, audience: ReportAudience): string {
  const independent = v.owner + v.verified;
  const own = audience === 'owner' ? 'your own nodes' : "the owner's own nodes";
  let text = `Verified: ${fmtInt(independent)} of ${chunks(v.chunks)} independently`;
  if (independent > 0)
    text += ` (${fmtInt(v.verified)} by another owner's node, ${fmtInt(v.owner)} by ${own})`;
  if (v.unchecked > 0) text += `; ${fmtInt(v.unchecked)} unchecked`;
  // A waived check is not a sampled-out one: it was drawn, and nobody else was online to run it.
  if (v.waived > 0) text += `; ${fmtInt(v.waived)} not checked because no other owner's node was online`;
  return text;
}

export function VerificationLine({
  verification,
  audience,
}: {
  verification: VerificationView | null;
  audience: ReportAudience;
}) {
  // Jobs finished before the sentinel verified results carry no counts: say nothing rather
  // than something that sounds like "unverified".
  if (!verification) return null;
  return (
    <p className="verification muted" data-testid="verification-line">
      {verificationText(verification, audience)}
    </p>
  );
}

export function taintText(taints: ResultTaint[], audience: ReportAudience): string {
  const total = taints.reduce((sum, t) => sum + t.unverifiedChunks, 0);
  const reasons = [...new Set(taints.map((t) => t.reason))].join('; ');
  const who = taints.length === 1 ? 'a node' : `${taints.length} nodes`;
  const verb = total === 1 ? 'was' : 'were';
  const advice =
    audience === 'owner'
      ? 'Re-run the job for a trustworthy number.'
      : 'Ask its owner to re-run the job for a trustworthy number.';
  return `${chunks(total)} of this result ${verb} computed only by ${who} later quarantined for returning false results (${reasons}). ${advice}`;
}

export function TaintWarning({ taints, audience }: { taints: ResultTaint[]; audience: ReportAudience }) {
  if (taints.length === 0) return null;
  return (
    <section className="panel warning" role="alert" data-testid="taint-warning">
      <strong>This result may be wrong.</strong> {taintText(taints, audience)}
    </section>
  );
}
