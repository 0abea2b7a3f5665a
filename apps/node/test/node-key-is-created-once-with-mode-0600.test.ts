import { createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateNodeKey, NODE_KEY_FILE, NodeKeyError } from '../src/node-key.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'simforge-node-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('node key', () => {
  it('creates an Ed25519 key with mode 0600 on first run and reuses it after', async () => {
    const dir = join(await tempDir(), 'nested', 'simforge');
    const first = await loadOrCreateNodeKey(dir);
    expect(first.created).toBe(true);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const second = await loadOrCreateNodeKey(dir);
    expect(second.created).toBe(false);
    expect(second.publicKeyBase64Url).toBe(first.publicKeyBase64Url);
  });

  it('publishes the base64url of the raw 32-byte public key, the key that signs', async () => {
    const key = await loadOrCreateNodeKey(await tempDir());
    const raw = Buffer.from(key.publicKeyBase64Url, 'base64url');
    expect(raw.length).toBe(32);
    expect(key.publicKeyBase64Url).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rebuilt = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKeyBase64Url },
      format: 'jwk',
    });
    const message = Buffer.from('claim');
    expect(verify(null, message, rebuilt, sign(null, message, key.privateKey))).toBe(true);
  });

  it('tightens a key file others can read back to 0600', async () => {
    const dir = await tempDir();
    const key = await loadOrCreateNodeKey(dir);
    await writeFile(key.path, await readFile(key.path), { mode: 0o644 });
    const { chmod } = await import('node:fs/promises');
    await chmod(key.path, 0o644);
    await loadOrCreateNodeKey(dir);
    expect((await stat(key.path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file that is not an Ed25519 private key', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, NODE_KEY_FILE), 'not a key', { mode: 0o600 });
    await expect(loadOrCreateNodeKey(dir)).rejects.toBeInstanceOf(NodeKeyError);
  });
});
