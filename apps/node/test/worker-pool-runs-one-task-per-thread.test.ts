import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool, WorkerTaskError } from '../src/worker-pool.ts';

const workerUrl = new URL('./fixtures/echo-worker.mjs', import.meta.url);
let pool: WorkerPool<number | 'exit', number> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('worker pool', () => {
  it('runs tasks across its threads and queues the rest', async () => {
    pool = createWorkerPool({ size: 2, workerUrl });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool!.run(n)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
  });

  it('rejects a failing task without losing the worker', async () => {
    pool = createWorkerPool({ size: 1, workerUrl });
    await expect(pool.run(-1)).rejects.toThrow(/negative/);
    expect(await pool.run(21)).toBe(42);
  });

  it('replaces a worker that dies and fails only its task', async () => {
    pool = createWorkerPool({ size: 1, workerUrl });
    await expect(pool.run('exit')).rejects.toBeInstanceOf(WorkerTaskError);
    expect(await pool.run(5)).toBe(10);
  });

  it('starts a TypeScript worker entry through the tsx bootstrap', async () => {
    const typed = createWorkerPool<number, number>({
      size: 1,
      workerUrl: new URL('./fixtures/typed-worker.ts', import.meta.url),
    });
    try {
      expect(await typed.run(7)).toBe(49);
    } finally {
      await typed.close();
    }
  });
});
