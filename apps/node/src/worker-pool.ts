// A fixed pool of worker threads, one task per worker at a time. The pool's size is the
// node's capacity (min(max_parallel, cores)), so the claim loop never holds more chunks than
// there are threads to run them, and a chunk never waits behind another on this node.
//
// A TypeScript worker entry is started through ts-worker-boot.mjs, because on Node 20 workers
// do not inherit the tsx loader of the main thread; a plain .js/.mjs entry is started as is.
import { Worker } from 'node:worker_threads';

export interface WorkerPoolOptions {
  size: number;
  workerUrl: URL;
}

const TS_WORKER_BOOT = new URL('./ts-worker-boot.mjs', import.meta.url);

function startWorker(url: URL): Worker {
  if (url.pathname.endsWith('.ts')) return new Worker(TS_WORKER_BOOT, { workerData: { entry: url.href } });
  return new Worker(url);
}

export interface WorkerPool<Task, Result> {
  run(task: Task): Promise<Result>;
  readonly size: number;
  readonly busy: number;
  /** Terminates every worker; tasks still running reject. */
  close(): Promise<void>;
}

export class WorkerTaskError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkerTaskError';
  }
}

/** What a worker posts back: a result or an error message, never a thrown clone. */
export type WorkerReply<Result> = { ok: true; result: Result } | { ok: false; message: string };

interface Slot<Task, Result> {
  worker: Worker;
  current?: { resolve: (r: Result) => void; reject: (e: Error) => void };
  task?: Task;
}

export function createWorkerPool<Task, Result>(options: WorkerPoolOptions): WorkerPool<Task, Result> {
  if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError('pool size must be >= 1');
  const slots: Slot<Task, Result>[] = [];
  const queue: { task: Task; resolve: (r: Result) => void; reject: (e: Error) => void }[] = [];
  let closed = false;

  const dispatch = (slot: Slot<Task, Result>): void => {
    const next = queue.shift();
    if (!next) return;
    slot.current = { resolve: next.resolve, reject: next.reject };
    slot.task = next.task;
    slot.worker.postMessage(next.task);
  };

  const spawn = (index: number): void => {
    const worker = startWorker(options.workerUrl);
    const slot: Slot<Task, Result> = { worker };
    slots[index] = slot;
    worker.on('message', (reply: WorkerReply<Result>) => {
      const current = slot.current;
      slot.current = undefined;
      slot.task = undefined;
      if (current) {
        if (reply.ok) current.resolve(reply.result);
        else current.reject(new WorkerTaskError(reply.message));
      }
      dispatch(slot);
    });
    // A worker that dies (out of memory, a native crash) fails its task and is replaced,
    // so one bad chunk cannot shrink the pool for the rest of the node's life.
    const onDeath = (err: Error): void => {
      if (slots[index] !== slot) return;
      const current = slot.current;
      slot.current = undefined;
      if (current) current.reject(new WorkerTaskError(`worker died: ${err.message}`, { cause: err }));
      if (!closed) {
        spawn(index);
        const replacement = slots[index];
        if (replacement) dispatch(replacement);
      }
    };
    worker.on('error', onDeath);
    worker.on('exit', (code) => onDeath(new Error(`exit code ${code}`)));
  };

  for (let i = 0; i < options.size; i++) spawn(i);

  return {
    size: options.size,
    get busy() {
      return slots.filter((s) => s.current !== undefined).length;
    },
    run(task) {
      if (closed) return Promise.reject(new WorkerTaskError('worker pool is closed'));
      return new Promise<Result>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        const idle = slots.find((s) => s.current === undefined);
        if (idle) dispatch(idle);
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new WorkerTaskError('worker pool is closed'));
      await Promise.all(
        slots.map(async (slot) => {
          const current = slot.current;
          slot.current = undefined;
          current?.reject(new WorkerTaskError('worker pool is closed'));
          await slot.worker.terminate();
        }),
      );
    },
  };
}
