// POST /v1/completes: several results under one signature. Each is judged exactly as
// /v1/complete would judge it alone, so one bad result is refused with its own code and the
// others land; what is wrong with the batch itself (too large, too many, a replayed signature,
// no results) refuses it whole and changes nothing.
import type { ClaimedChunk, ClaimResponse, CompleteRequest, CompletesResponse } from '@simforge/common';
import type { NodeKeyPair } from '@simforge/common/signing';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  claimChunks,
  claimRequest,
  errorCode,
  fixedConfig,
  type Harness,
  insertJob,
  linkedNode,
  partialBase64,
  send,
  startSentinel,
  until,
} from './support/sentinel-harness.ts';

const SEED = 11;
const LIMIT_BYTES = 256 * 1024;

const result = (chunk: ClaimedChunk, partial = partialBase64(SEED, chunk)): CompleteRequest => ({
  jobId: chunk.jobId,
  chunkIndex: chunk.chunkIndex,
  attempt: chunk.attempt,
  partial,
});

describeEachDriver('a batched complete', (getDb) => {
  let h: Harness;
  let node: NodeKeyPair;
  let jobId: string;

  beforeAll(async () => {
    h = await startSentinel(getDb(), { maxCompletesBodyBytes: LIMIT_BYTES });
    const userId = await createUser(getDb());
    node = await linkedNode(getDb(), h.baseUrl, userId);
    jobId = await insertJob(getDb(), userId, fixedConfig(100_000, 1_000, SEED));
    await h.sentinel.scheduler.sweep();
    await until(() => h.sentinel.store.job(jobId) !== undefined);
  });
  afterAll(async () => h.close());

  const state = () => ({
    stats: { ...h.sentinel.store.stats },
    held: h.sentinel.store.heldBy(node.publicKeyB64url),
    done: h.sentinel.store.job(jobId)?.iterationsDone,
  });

  it('refuses the bad results only, each with its code, and keeps the good one', async () => {
    const [good, implausible] = await claimChunks(h.baseUrl, node, 2);
    const batch = [
      result(good!),
      result(implausible!, partialBase64(SEED, { ...implausible!, iterations: implausible!.iterations - 1 })),
      result({ ...good!, chunkIndex: 99 }),
      { jobId, chunkIndex: good!.chunkIndex, attempt: good!.attempt },
      result({ ...good!, chunkIndex: 98 }, '////'),
    ];
    const sent = await send(h.baseUrl, node, 'POST', '/v1/completes', { results: batch });
    expect(sent.status).toBe(200);
    const outcomes = (sent.body as CompletesResponse).results;
    expect(outcomes.map((o) => (o.status === 'refused' ? o.error.code : o.status))).toEqual([
      'accepted',
      'SF_PARTIAL_IMPLAUSIBLE',
      'SF_CLAIM_NOT_HELD',
      'SF_REQUEST_INVALID',
      'SF_PARTIAL_MALFORMED',
    ]);
    for (const outcome of outcomes)
      if (outcome.status === 'refused') expect(outcome.error.message.length).toBeGreaterThan(0);
    expect(h.sentinel.store.job(jobId)?.iterationsDone).toBe(1_000);
    expect(h.sentinel.store.heldBy(node.publicKeyB64url)).toBe(0);

    // Sent again (signed afresh): the accepted one is a duplicate, the refused one is not held.
    const again = await send(h.baseUrl, node, 'POST', '/v1/completes', { results: batch.slice(0, 2) });
    expect((again.body as CompletesResponse).results.map((o) => o.status)).toEqual(['duplicate', 'refused']);
  });

  it('refuses a replayed signature, an oversized batch, too many results and none, whole', async () => {
    const [chunk] = await claimChunks(h.baseUrl, node, 1);
    const before = state();
    const body = { results: [result(chunk!)] };
    const empty = { results: [] };
    const first = await send(h.baseUrl, node, 'POST', '/v1/completes', empty);
    expect([first.status, errorCode(first)]).toEqual([400, 'SF_REQUEST_INVALID']);
    const replayed = await send(h.baseUrl, node, 'POST', '/v1/completes', empty, { replay: first.signature });
    expect([replayed.status, errorCode(replayed)]).toEqual([401, 'SF_AUTH_NONCE_REPLAYED']);

    const oversized = { results: [result(chunk!), result(chunk!, 'A'.repeat(LIMIT_BYTES))] };
    const big = await send(h.baseUrl, node, 'POST', '/v1/completes', oversized);
    expect([big.status, errorCode(big)]).toEqual([413, 'SF_REQUEST_BODY_TOO_LARGE']);

    const many = {
      results: Array.from({ length: 257 }, () => ({ jobId, chunkIndex: 0, attempt: 1, partial: 'AA==' })),
    };
    const tooMany = await send(h.baseUrl, node, 'POST', '/v1/completes', many);
    expect([tooMany.status, errorCode(tooMany)]).toEqual([400, 'SF_REQUEST_INVALID']);
    expect(state()).toEqual(before);

    const landed = await send(h.baseUrl, node, 'POST', '/v1/completes', body);
    expect((landed.body as CompletesResponse).results).toEqual([{ status: 'accepted' }]);
  });

  it('claims right after its results when asked, or says why it could not', async () => {
    // Whatever the earlier tests left held goes back; then one whole run is held.
    await send(h.baseUrl, node, 'POST', '/v1/release', {});
    const run = await claimChunks(h.baseUrl, node, 1);
    const claim = claimRequest(4);
    const { waitMs: _wait, ...immediate } = claim;
    const sent = await send(h.baseUrl, node, 'POST', '/v1/completes', {
      results: run.map((c) => result(c)),
      claim: immediate,
    });
    const body = sent.body as CompletesResponse;
    expect(body.results.every((o) => o.status === 'accepted')).toBe(true);
    // The finished run freed its room first: all four runs (two slots, one queued each) come.
    const chunks = (body.claim as ClaimResponse).chunks;
    expect(new Set(chunks.map((c) => c.run)).size).toBe(4);
    expect(h.sentinel.store.runsHeldBy(node.publicKeyB64url)).toBe(4);

    const full = await send(h.baseUrl, node, 'POST', '/v1/completes', {
      results: [result(chunks[0]!)],
      claim: { ...immediate, max: 2 },
    });
    expect((full.body as CompletesResponse).results).toEqual([{ status: 'accepted' }]);
    expect((full.body as CompletesResponse).claim).toMatchObject({
      error: { code: 'SF_CLAIM_OVER_CAPACITY' },
    });
    const stale = await send(h.baseUrl, node, 'POST', '/v1/completes', {
      results: [result(chunks[1]!)],
      claim: { ...immediate, engineBuild: '0123456789abcdef' },
    });
    expect((stale.body as CompletesResponse).claim).toMatchObject({
      error: { code: 'SF_NODE_VERSION_MISMATCH' },
    });
    await send(h.baseUrl, node, 'POST', '/v1/release', {});
  });
});
