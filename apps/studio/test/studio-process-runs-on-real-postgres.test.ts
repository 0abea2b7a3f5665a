// The studio as its own process on a real Postgres (the split deployment): it migrates at
// boot, listens, and serves accounts; without a database URL it refuses to start with a
// message, instead of quietly opening a PGlite no sentinel can share.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freshPostgresUrl } from '@simforge/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledAppPath } from '../../cli/test/support/compiled-apps.ts';
import { TestClient } from './support/api-client.ts';

function startStudioProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [compiledAppPath('simforge-studio')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function listeningUrl(child: ChildProcess): Promise<string> {
  let buffered = '';
  for await (const chunk of child.stdout!) {
    buffered += String(chunk);
    for (const line of buffered.split('\n')) {
      if (line.includes('"studio_listening"')) return (JSON.parse(line) as { url: string }).url;
    }
  }
  throw new Error(`studio exited before listening: ${buffered}`);
}

describe('studio process', () => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
  });

  it('refuses to start without STUDIO_DATABASE_URL, saying why', async () => {
    const child = startStudioProcess({ STUDIO_DATABASE_URL: '' });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/STUDIO_DATABASE_URL is not set/);
  });

  it('migrates a real Postgres, listens, signs a user up and exits cleanly on SIGTERM', async () => {
    const url = await freshPostgresUrl();
    const child = startStudioProcess({ STUDIO_DATABASE_URL: url, STUDIO_PORT: '0' });
    children.push(child);
    const base = await listeningUrl(child);
    const client = new TestClient(base);
    const userId = await client.signUp('process@example.com');
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
    const session = await client.get<{ user: { email: string } }>('/api/session');
    expect(session.body.user.email).toBe('process@example.com');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
