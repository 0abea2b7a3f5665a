// The control API of `simforge start`: a loopback HTTP endpoint through which other
// `simforge` commands act as the local user on the embedded database that only the start
// process can open. It listens on 127.0.0.1 only and every request must carry the bearer
// token written (mode 0600) into the data directory, so another local account cannot use it.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JobProgress } from '@simforge/common';
import { CLI_EXIT, CliError } from './cli-errors.ts';
import {
  CONTROL_API_ERRORS,
  type ControlApiErrorBody,
  type ControlApiErrorCode,
} from './control-api-errors.ts';
import type { FinishedJob } from './local-jobs.ts';
import type { LocalPlatform, SubmitRequest, SubmitResult } from './local-platform.ts';
import type { ClaimedNode } from './node-links.ts';

export interface ControlFile {
  url: string;
  token: string;
  pid: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Raised by the server side; the message is the detail when one is given. */
class ControlRefusal extends Error {
  readonly status: number;
  constructor(
    readonly code: ControlApiErrorCode,
    detail?: string,
  ) {
    super(detail ?? CONTROL_API_ERRORS[code].message);
    this.status = CONTROL_API_ERRORS[code].status;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ControlRefusal('SF_CONTROL_BODY_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ControlRefusal('SF_CONTROL_BODY_MALFORMED');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ControlRefusal('SF_CONTROL_REQUEST_INVALID', `${key} must be a number`);
  }
  return value;
}

function parseSubmit(body: unknown): SubmitRequest {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.profile !== 'string')
    throw new ControlRefusal('SF_CONTROL_REQUEST_INVALID', 'profile must be a string');
  return {
    profile: b.profile,
    iterations: optionalNumber(b, 'iterations'),
    targetErrorPct: optionalNumber(b, 'targetErrorPct'),
    seed: optionalNumber(b, 'seed'),
  };
}

export function createControlServer(platform: LocalPlatform, options: { token: string }): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req, options.token)) throw new ControlRefusal('SF_CONTROL_UNAUTHORIZED');
    const url = new URL(req.url ?? '/', 'http://control');
    const jobMatch = /^\/control\/jobs\/([0-9a-f-]{36})\/(watch|cancel)$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === '/control/jobs') {
      const result = await platform.submit(parseSubmit(await readJson(req)));
      sendJson(res, result.ok ? 201 : 422, result);
    } else if (req.method === 'POST' && url.pathname === '/control/nodes/claim') {
      const body = (await readJson(req)) as { code?: unknown };
      if (typeof body?.code !== 'string')
        throw new ControlRefusal('SF_CONTROL_REQUEST_INVALID', 'code must be a string');
      const node = await platform.claimNode(body.code);
      if (!node) throw new ControlRefusal('SF_CONTROL_CLAIM_CODE_UNKNOWN');
      sendJson(res, 200, { node });
    } else if (req.method === 'POST' && url.pathname === '/control/nodes/relink') {
      const body = (await readJson(req)) as { id?: unknown };
      if (typeof body?.id !== 'string')
        throw new ControlRefusal('SF_CONTROL_REQUEST_INVALID', 'id must be a string');
      const node = await platform.relinkNode(body.id);
      if (!node) throw new ControlRefusal('SF_CONTROL_NODE_NOT_QUARANTINED');
      sendJson(res, 200, { node });
    } else if (req.method === 'GET' && jobMatch?.[2] === 'watch') {
      // Newline-delimited JSON: progress events as they come, then the finished job.
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const finished = await platform.watch(
        jobMatch[1]!,
        (progress) => res.write(`${JSON.stringify({ type: 'progress', ...progress })}\n`),
        abort.signal,
      );
      res.end(`${JSON.stringify({ type: 'finished', job: finished })}\n`);
    } else if (req.method === 'POST' && jobMatch?.[2] === 'cancel') {
      sendJson(res, 200, { cancelled: await platform.cancel(jobMatch[1]!) });
    } else {
      throw new ControlRefusal('SF_CONTROL_ROUTE_NOT_FOUND', `no route ${req.method} ${url.pathname}`);
    }
  };
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.end(`${JSON.stringify({ type: 'error', message: (err as Error).message })}\n`);
        return;
      }
      const refusal =
        err instanceof ControlRefusal
          ? err
          : new ControlRefusal('SF_CONTROL_INTERNAL', (err as Error).message);
      const body: ControlApiErrorBody = { error: { code: refusal.code, message: refusal.message } };
      sendJson(res, refusal.status, body);
    });
  });
}

export class ControlApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ControlApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ControlApiError';
  }
}

/** The client side: the same LocalPlatform, carried over the control API. */
export function controlPlatform(control: Pick<ControlFile, 'url' | 'token'>): LocalPlatform {
  // A refused or dropped connection means `simforge start` is gone, not a bug: exit 5.
  const reach = async <T>(attempt: () => Promise<T>): Promise<T> => {
    try {
      return await attempt();
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new CliError(
        `cannot reach 'simforge start' at ${control.url}: ${(err as Error).message}`,
        CLI_EXIT.unavailable,
        {
          cause: err,
        },
      );
    }
  };
  const headers = { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' };
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    okStatuses = [200, 201],
  ): Promise<T> => {
    const res = await reach(() =>
      fetch(`${control.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const json = (await res.json()) as T & Partial<ControlApiErrorBody>;
    if (!okStatuses.includes(res.status)) {
      throw new ControlApiError(
        res.status,
        json.error?.code ?? 'SF_CONTROL_INTERNAL',
        json.error?.message ?? res.statusText,
      );
    }
    return json;
  };
  // Claim and relink answer { node }; their "nothing of yours to act on" code is an answer
  // (null), every other error a failure.
  const linkCall = async (
    path: string,
    body: unknown,
    nothingCode: ControlApiErrorCode,
  ): Promise<ClaimedNode | null> => {
    try {
      return (await call<{ node: ClaimedNode }>('POST', path, body)).node;
    } catch (err) {
      if (err instanceof ControlApiError && err.code === nothingCode) return null;
      throw err;
    }
  };
  return {
    submit: (request) => call<SubmitResult>('POST', '/control/jobs', request, [201, 422]),
    claimNode: (code) => linkCall('/control/nodes/claim', { code }, 'SF_CONTROL_CLAIM_CODE_UNKNOWN'),
    relinkNode: (id) => linkCall('/control/nodes/relink', { id }, 'SF_CONTROL_NODE_NOT_QUARANTINED'),
    async cancel(jobId) {
      return (await call<{ cancelled: boolean }>('POST', `/control/jobs/${jobId}/cancel`)).cancelled;
    },
    async watch(jobId, onProgress: (p: JobProgress) => void, signal) {
      const res = await reach(() => fetch(`${control.url}/control/jobs/${jobId}/watch`, { headers, signal }));
      if (!res.ok || !res.body) {
        const json = (await res.json().catch(() => ({}))) as Partial<ControlApiErrorBody>;
        throw new ControlApiError(
          res.status,
          json.error?.code ?? 'SF_CONTROL_INTERNAL',
          json.error?.message ?? res.statusText,
        );
      }
      let buffered = '';
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reach(() => reader.read());
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
          const event = JSON.parse(line) as
            | ({ type: 'progress' } & JobProgress)
            | { type: 'finished'; job: FinishedJob }
            | { type: 'error'; message: string };
          if (event.type === 'progress') onProgress(event);
          else if (event.type === 'finished') return event.job;
          else throw new ControlApiError(500, 'SF_CONTROL_INTERNAL', event.message);
        }
      }
      throw new CliError(
        `'simforge start' closed the watch stream early (stopped?); job ${jobId} is not finished`,
        CLI_EXIT.unavailable,
      );
    },
  };
}
