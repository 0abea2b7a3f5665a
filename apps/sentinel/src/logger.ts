// Structured logs: one JSON object per line, `event` first, so `restart_dropped` and friends
// can be grepped and parsed. The sink is injected; tests collect lines instead of printing.

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogLine {
  level: LogLevel;
  event: string;
  [field: string]: unknown;
}

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(write: (line: string) => void, clock: { now(): number }): Logger {
  return {
    log(level, event, fields = {}) {
      write(`${JSON.stringify({ ts: new Date(clock.now()).toISOString(), level, event, ...fields })}\n`);
    },
  };
}

/** Keeps lines in memory (tests). */
export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = [];
  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level, event, ...fields });
  }
  events(event: string): LogLine[] {
    return this.lines.filter((line) => line.event === event);
  }
}
