// A node key registered with a running sentinel over signed HTTP and linked to a user through
// its claim code, as `simforge nodes claim` does: how the benchmarks' simulated nodes join.
import { NODE_PROTOCOL_PATHS, type RegisterRequest } from '@simforge/common';
import { generateNodeKeyPair, type NodeKeyPair, signRequest } from '@simforge/common/signing';
import { asUser, type Database, runQuery } from '@simforge/db';

export async function linkedBenchNode(
  db: Database,
  baseUrl: string,
  userId: string,
  registration: RegisterRequest,
): Promise<NodeKeyPair> {
  const key = generateNodeKeyPair();
  const path = NODE_PROTOCOL_PATHS.register;
  const body = JSON.stringify(registration);
  const headers = signRequest({
    privateKey: key.privateKey,
    keyId: key.publicKeyB64url,
    method: 'POST',
    path,
    body,
    timestampMs: Date.now(),
  });
  const answer = (await (await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body })).json()) as {
    claimCode: string;
  };
  await asUser(db, userId, (tx) => runQuery(tx, 'studio_nodes_claim', [answer.claimCode]));
  return key;
}
