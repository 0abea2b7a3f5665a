// The user's compute nodes: link one with the claim code it printed, rename it, set how many
// chunks it runs at once, see whether it is online, what it has contributed and how its
// results fared when checked, and re-link one that was quarantined.
import { type FormEvent, Fragment, useCallback, useEffect, useState } from 'react';
import type { NodeListResponse, NodeResponse, NodeView } from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';
import { NodeTrustCell, QuarantineNotice } from '../components/node-trust.tsx';
import { fmtAgo, fmtInt } from '../format.ts';

const NODE_COLUMNS = 9;

export function NodesPage() {
  const [nodes, setNodes] = useState<NodeView[] | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  const load = useCallback(async () => {
    const res = await api.get<NodeListResponse>('/api/nodes');
    setNodes(res.nodes);
  }, []);

  useEffect(() => {
    load().catch((err) => setMessage({ kind: 'error', text: String(err) }));
    // Presence changes on the sentinel's schedule; a slow refresh keeps online/offline honest.
    const timer = setInterval(() => load().catch(() => undefined), 10_000);
    return () => clearInterval(timer);
  }, [load]);

  const claim = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const res = await api.post<NodeResponse>('/api/nodes/claim', { code });
      setMessage({ kind: 'ok', text: `Linked ${res.node?.name ?? 'the node'}.` });
      setCode('');
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const update = async (id: string, patch: { name?: string; maxParallel?: number }) => {
    setMessage(null);
    try {
      await api.patch(`/api/nodes/${id}`, patch);
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };

  const relink = async (node: NodeView) => {
    setMessage(null);
    try {
      await api.post<NodeResponse>(`/api/nodes/${node.id}/relink`);
      setMessage({ kind: 'ok', text: `Re-linked ${node.name}; it starts over with every result checked.` });
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) });
    }
  };

  return (
    <div className="nodes">
      <section className="panel">
        <h2>Link a node</h2>
        <p className="muted">
          Start <code>simforge-node</code> on any machine; it prints a claim code until it is linked. Enter
          the code here.
        </p>
        <form className="row" onSubmit={claim}>
          <input
            name="claimCode"
            placeholder="claim code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            maxLength={64}
          />
          <button type="submit" className="primary" data-testid="link-node">
            Link node
          </button>
        </form>
        {message && (
          <p className={message.kind === 'error' ? 'error' : 'ok'} role="status" data-testid="node-message">
            {message.text}
          </p>
        )}
      </section>
      <section className="panel">
        <h2>Your nodes</h2>
        {!nodes ? (
          <p className="muted">Loading…</p>
        ) : nodes.length === 0 ? (
          <p className="muted">No nodes linked yet.</p>
        ) : (
          <table className="table" data-testid="node-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th className="num">Cores</th>
                <th className="num">Parallel</th>
                <th>Last seen</th>
                <th className="num">Iterations</th>
                <th className="num">Chunks</th>
                <th>Platform</th>
                <th>Checked results</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((node) => (
                <Fragment key={node.id}>
                  <NodeRow node={node} onUpdate={(patch) => update(node.id, patch)} />
                  {node.status === 'quarantined' && (
                    <QuarantineNotice
                      nodeId={node.id}
                      trust={node.trust}
                      columns={NODE_COLUMNS}
                      onRelink={() => relink(node)}
                    />
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function NodeRow({
  node,
  onUpdate,
}: {
  node: NodeView;
  onUpdate: (patch: { name?: string; maxParallel?: number }) => void;
}) {
  const [name, setName] = useState(node.name);
  const [parallel, setParallel] = useState(node.maxParallel);
  useEffect(() => setName(node.name), [node.name]);
  useEffect(() => setParallel(node.maxParallel), [node.maxParallel]);
  return (
    <tr data-node-id={node.id} data-status={node.status}>
      <td>
        <input
          className="inline-edit"
          aria-label="node name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== node.name && onUpdate({ name: name.trim() })}
        />
        <div className="mono muted small" title={node.publicKey}>
          {node.publicKey.slice(0, 16)}…
        </div>
      </td>
      <td>
        <span className={`status status-${node.status}`}>{node.status}</span>
      </td>
      <td className="num">{node.totalCores}</td>
      <td className="num">
        <input
          className="inline-edit num"
          aria-label="parallelism"
          type="number"
          min={1}
          max={1024}
          value={parallel}
          onChange={(e) => setParallel(Number(e.target.value))}
          onBlur={() => parallel !== node.maxParallel && parallel >= 1 && onUpdate({ maxParallel: parallel })}
        />
        {parallel > node.totalCores && <div className="muted small">capped at {node.totalCores} cores</div>}
      </td>
      <td className="muted">{fmtAgo(node.lastSeenAt)}</td>
      <td className="num">{fmtInt(node.iterationsTotal)}</td>
      <td className="num">{fmtInt(node.chunksTotal)}</td>
      <td className="muted">{[node.platform, node.version].filter(Boolean).join(' · ') || '—'}</td>
      <td>
        <NodeTrustCell trust={node.trust} />
      </td>
    </tr>
  );
}
