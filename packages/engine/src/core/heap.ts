// The event queue: a binary min-heap ordered by (time, sequence). Time is integer
// milliseconds; the sequence number breaks ties in scheduling order, so two events at the
// same millisecond always run in the order they were scheduled (determinism does not depend
// on heap internals). Both are packed into one float64 key, time * 2^26 + seq, exact while
// time < 2^26 ms (18 h) and seq < 2^26 per iteration: one comparison per sift step and no
// per-event allocation (parallel arrays, grown by doubling).

export type EventHandler = (arg: number) => void;

const SEQ_SPAN = 67108864; // 2^26

export class EventHeap {
  private keys: Float64Array;
  private handlers: EventHandler[];
  private args: Float64Array;
  private size = 0;
  private seq = 0;

  constructor(initialCapacity = 256) {
    this.keys = new Float64Array(initialCapacity);
    this.args = new Float64Array(initialCapacity);
    this.handlers = new Array<EventHandler>(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.handlers[i] = noop;
    this.size = 0;
    this.seq = 0;
  }

  /** Schedules `handler(arg)` at integer millisecond `timeMs`. */
  push(timeMs: number, handler: EventHandler, arg = 0): void {
    if (this.size === this.keys.length) this.grow();
    const key = timeMs * SEQ_SPAN + this.seq++;
    let i = this.size++;
    const keys = this.keys;
    const handlers = this.handlers;
    const args = this.args;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      keys[i] = pk;
      handlers[i] = handlers[parent]!;
      args[i] = args[parent]!;
      i = parent;
    }
    keys[i] = key;
    handlers[i] = handler;
    args[i] = arg;
  }

  /** Time of the earliest event; only valid when length > 0. */
  peekTimeMs(): number {
    return Math.floor(this.keys[0]! / SEQ_SPAN);
  }

  /** Handler and argument of the earliest event, written to `out`, then removed. */
  pop(out: { handler: EventHandler; arg: number; timeMs: number }): void {
    const keys = this.keys;
    const handlers = this.handlers;
    const args = this.args;
    out.handler = handlers[0]!;
    out.arg = args[0]!;
    out.timeMs = Math.floor(keys[0]! / SEQ_SPAN);
    const last = --this.size;
    if (last === 0) {
      handlers[0] = noop;
      return;
    }
    const key = keys[last]!;
    const handler = handlers[last]!;
    const arg = args[last]!;
    handlers[last] = noop;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && keys[right]! < keys[child]!) child = right;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      handlers[i] = handlers[child]!;
      args[i] = args[child]!;
      i = child;
    }
    keys[i] = key;
    handlers[i] = handler;
    args[i] = arg;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const args = new Float64Array(capacity);
    args.set(this.args);
    this.keys = keys;
    this.args = args;
    this.handlers.length = capacity;
  }
}

function noop(): void {}
