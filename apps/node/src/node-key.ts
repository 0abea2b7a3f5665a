// The node's identity: one Ed25519 key pair, created on first run and kept in the user's
// config directory. The private key file is mode 0600 (its directory 0700) because whoever
// reads it can complete chunks in this node's name.
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateKeyFromPem, privateKeyToPem, publicKeyB64url } from '@simforge/common/signing';

export const NODE_KEY_FILE = 'node-key.pem';

export interface NodeKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64url of the raw 32-byte public key: the node's id in `public.nodes.public_key`. */
  publicKeyBase64Url: string;
  path: string;
  /** True when this call generated the key (first run). */
  created: boolean;
}

export class NodeKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NodeKeyError';
  }
}

function fromPrivateKey(privateKey: KeyObject, path: string, created: boolean): NodeKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new NodeKeyError(`${path} holds a ${privateKey.asymmetricKeyType} key, expected ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyBase64Url: publicKeyB64url(publicKey), path, created };
}

/** Load the key from `configDir`, or create it there (0600) when absent. */
export async function loadOrCreateNodeKey(configDir: string): Promise<NodeKey> {
  const path = join(configDir, NODE_KEY_FILE);
  let pem: string | undefined;
  try {
    pem = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new NodeKeyError(`cannot read node key ${path}`, { cause: err });
    }
  }
  if (pem !== undefined) {
    const mode = (await stat(path)).mode & 0o777;
    // A key others can read is a key others can impersonate: tighten it rather than refuse,
    // since the usual cause is a copy made with a permissive umask.
    if ((mode & 0o077) !== 0) await chmod(path, 0o600);
    try {
      return fromPrivateKey(privateKeyFromPem(pem), path, false);
    } catch (err) {
      if (err instanceof NodeKeyError) throw err;
      throw new NodeKeyError(`cannot parse node key ${path}`, { cause: err });
    }
  }
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const out = privateKeyToPem(privateKey);
  // 'wx' fails if another process created the key between our read and this write; then
  // we load theirs, so two nodes started at once on one config dir agree on one identity.
  try {
    await writeFile(path, out, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateNodeKey(configDir);
    throw new NodeKeyError(`cannot write node key ${path}`, { cause: err });
  }
  return fromPrivateKey(privateKey, path, true);
}
