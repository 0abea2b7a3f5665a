// A cookie-keeping HTTP client for API tests: real requests against a listening studio
// server, carrying the CSRF header the way the page does unless a test says otherwise.

import { CSRF_COOKIE, CSRF_HEADER, type SignedInResponse } from '../../src/api-contract.ts';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: 'auto' | 'none' | string; rawBody?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const csrf = options.csrf ?? 'auto';
    if (method !== 'GET' && csrf !== 'none') {
      headers[CSRF_HEADER] = csrf === 'auto' ? (this.cookies.get(CSRF_COOKIE) ?? '') : csrf;
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = decodeURIComponent(pair!.slice(eq + 1));
      if (/Max-Age=0/.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(
    path: string,
    body: unknown = {},
    options?: { csrf?: 'auto' | 'none' | string },
  ) {
    return this.request<T>('POST', path, body, options);
  }

  /** Fetches the CSRF cookie, then creates an account and keeps its session cookie. */
  async signUp(email: string, password = 'correct horse battery'): Promise<string> {
    await this.get('/api/session');
    const res = await this.post<SignedInResponse>('/api/auth/sign-up', { email, password });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.user.id;
  }
}
