import type pg from 'pg';
import { assertChannelName, DbError } from './errors.ts';
import type { NotificationHandler, Unlisten } from './types.ts';

export interface ListenConnectionOptions {
  connect: () => pg.Client;
  /** First reconnect delay; doubles per failed attempt up to `reconnectMaxMs`. */
  reconnectInitialMs: number;
  reconnectMaxMs: number;
  onReconnect: () => void;
  onError: (error: Error) => void;
}

interface ChannelEntry {
  handlers: Set<NotificationHandler>;
  /** Settles when the server is listening on the channel. */
  ready: Promise<void>;
}

/**
 * The one dedicated LISTEN connection of the `pg` driver. Pooled clients cannot hold a
 * LISTEN (they are handed to other callers), so this client lives apart. When the server
 * drops it (restart, `pg_terminate_backend`, network) it reconnects with exponential
 * backoff, re-issues every LISTEN and then reports the reconnect: notifications sent while it
 * was down are lost, and only the owner knows what to sweep for.
 */
export class ListenConnection {
  private readonly options: ListenConnectionOptions;
  private readonly channels = new Map<string, ChannelEntry>();
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: ListenConnectionOptions) {
    this.options = options;
  }

  async listen(channel: string, handler: NotificationHandler): Promise<Unlisten> {
    // LISTEN takes no parameters; the channel is checked to be a plain lowercase identifier.
    assertChannelName(channel);
    if (this.closed) throw new DbError('SF_DB_CLOSED');
    let entry = this.channels.get(channel);
    if (!entry) {
      const created: ChannelEntry = {
        handlers: new Set(),
        ready: this.ensureClient().then((client) => this.issue(client, `LISTEN ${channel}`)),
      };
      created.ready.catch(() => {
        if (this.channels.get(channel) === created) this.channels.delete(channel);
      });
      this.channels.set(channel, created);
      entry = created;
    }
    entry.handlers.add(handler);
    try {
      // Every caller, not only the first, returns once the server is listening.
      await entry.ready;
    } catch (error) {
      entry.handlers.delete(handler);
      throw error;
    }
    const listening = entry;
    return async () => {
      if (!listening.handlers.delete(handler) || listening.handlers.size > 0) return;
      if (this.channels.get(channel) === listening) this.channels.delete(channel);
      if (this.client) await this.issue(this.client, `UNLISTEN ${channel}`);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** A statement that fails because the connection just died is redone by the reconnect. */
  private async issue(client: pg.Client, statement: string): Promise<void> {
    try {
      await client.query(statement);
    } catch (error) {
      if (client === this.client) throw error;
    }
  }

  /**
   * The connected client, opening one if there is none. Listeners and the reconnect loop
   * share one attempt, so there is never a second connection delivering duplicates. A
   * failure is thrown to the caller: at boot the owner decides whether to retry.
   */
  private ensureClient(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = this.options.connect();
    client.on('notification', (message) => {
      for (const handler of this.channels.get(message.channel)?.handlers ?? [])
        handler(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    if (this.closed) {
      await client.end();
      throw new DbError('SF_DB_CLOSED');
    }
    this.client = client;
    return client;
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (error) this.options.onError(error);
    client.end().catch(() => undefined);
    if (!this.closed) this.scheduleReconnect(this.options.reconnectInitialMs);
  }

  private scheduleReconnect(delayMs: number): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnect().catch((error: Error) => {
        this.options.onError(error);
        if (!this.closed) this.scheduleReconnect(Math.min(delayMs * 2, this.options.reconnectMaxMs));
      });
    }, delayMs);
  }

  private async reconnect(): Promise<void> {
    const client = await this.ensureClient();
    for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    this.options.onReconnect();
  }
}
