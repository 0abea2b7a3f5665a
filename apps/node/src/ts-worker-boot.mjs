// Worker-thread bootstrap. On Node 20 a worker does not inherit the tsx loader that the main
// thread was started with (`node --import tsx`), even with the same execArgv, so a worker
// script written in TypeScript fails with ERR_UNKNOWN_FILE_EXTENSION. This plain-JS entry
// imports the real worker (`workerData.entry`, a .ts URL) through tsx's API instead.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
