// Reading a request body with a hard size limit, as raw bytes: the signature covers the exact
// bytes, so they are verified before any parsing. An oversized body is refused from its
// Content-Length when it has one, and otherwise as soon as the stream passes the limit.

import type { IncomingMessage } from 'node:http';
import { ApiError } from '../api-errors.ts';

export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) {
    return Promise.reject(
      new ApiError('SF_REQUEST_BODY_TOO_LARGE', `${declared} bytes, limit ${limitBytes}`),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(new ApiError('SF_REQUEST_BODY_TOO_LARGE', `over ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ApiError('SF_REQUEST_BODY_MALFORMED', (error as Error).message);
  }
}
