// Structured log lines: one JSON object per line on stderr-or-stdout, so a supervisor
// (systemd, `simforge start`, a test) can parse what the node did without scraping prose.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  write: (line: string) => void;
  now: () => number;
  /** Fields repeated on every line, such as the node's name. */
  base?: LogFields;
}

function serializable(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = options.base ?? {};
  const log = (level: LogLevel, event: string, fields: LogFields = {}): void => {
    const record: LogFields = { ts: new Date(options.now()).toISOString(), level, event, ...base };
    for (const [key, value] of Object.entries(fields)) record[key] = serializable(value);
    options.write(`${JSON.stringify(record)}\n`);
  };
  return {
    log,
    info: (event, fields) => log('info', event, fields),
    warn: (event, fields) => log('warn', event, fields),
    error: (event, fields) => log('error', event, fields),
  };
}
