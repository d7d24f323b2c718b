import type { Message } from '../../../server/contract/threads.ts';

/**
 * Gap fill for one thread, with no DOM and no socket in it: the React view and the integration tests
 * drive the same code. The server numbers a thread's messages 1, 2, 3… with no gap, so the client keeps
 * `contiguous`, the highest seq up to which it holds every message since the first it loaded. A live
 * message beyond `contiguous + 1`, a reconnect or a join ack with a larger `lastSeq` means something was
 * missed: it fetches `?after=contiguous` (page after page) until caught up. Messages are kept by seq,
 * so whatever arrives twice (live and fetched) is shown once.
 */

export type MessagePage = { items: Message[]; nextSeq: number | null };
export type FetchAfter = (afterSeq: number) => Promise<MessagePage>;

/** Edits and deletes make a newer version of the same seq; a page fetched earlier must not undo them. */
function version(m: Message) {
  if (m.deletedAt) return Number.MAX_SAFE_INTEGER;
  return m.editedAt ? Date.parse(m.editedAt) : 0;
}

export class MessageLog {
  private readonly bySeq = new Map<number, Message>();
  /** Every seq in (floor, contiguous] is held. */
  contiguous = 0;
  /** Seq just below the oldest loaded; 0 when the whole history is loaded. */
  floor = 0;
  started = false;

  /** Adds or updates a message; returns whether its seq was new. */
  put(m: Message): boolean {
    const had = this.bySeq.get(m.seq);
    if (!had || version(m) >= version(had)) this.bySeq.set(m.seq, m);
    if (this.started) this.advance();
    return !had;
  }

  /** The newest page (newest first or not): it is contiguous by construction. */
  start(items: Message[]) {
    for (const m of items) this.put(m);
    const seqs = items.map((m) => m.seq);
    this.floor = seqs.length ? Math.min(...seqs) - 1 : 0;
    this.contiguous = seqs.length ? Math.max(...seqs) : 0;
    this.started = true;
    this.advance();
  }

  /** An older page, loaded on scroll. */
  prepend(items: Message[]) {
    for (const m of items) this.put(m);
    if (items.length) this.floor = Math.min(this.floor, Math.min(...items.map((m) => m.seq)) - 1);
  }

  private advance() {
    while (this.bySeq.has(this.contiguous + 1)) this.contiguous++;
  }

  /** Highest seq held (live messages may be ahead of `contiguous`). */
  get highest() {
    let max = 0;
    for (const seq of this.bySeq.keys()) if (seq > max) max = seq;
    return max;
  }

  get hasGap() {
    return this.highest > this.contiguous;
  }

  /** Oldest first, each seq once. */
  list(): Message[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  get size() {
    return this.bySeq.size;
  }
}

export function createThreadSync({ fetchAfter, onChange = () => {}, onError = () => {} }: {
  fetchAfter: FetchAfter;
  onChange?: (messages: Message[]) => void;
  onError?: (err: unknown) => void;
}) {
  const log = new MessageLog();
  let running: Promise<void> | null = null;
  let again = false;
  /** The largest seq the server said exists (join acks, live messages). */
  let knownLast = 0;

  const changed = () => onChange(log.list());

  /** Fetches `?after=` until nothing is missing; concurrent calls share one run (and rerun once). */
  function catchUp(): Promise<void> {
    if (!log.started) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    let ranOnce = false;
    running = (async () => {
      try {
        let progressed = true;
        // stop when caught up, or when a whole pass brought nothing (the next event retries)
        while (progressed && (again || log.contiguous < knownLast || log.hasGap || !ranOnce)) {
          ranOnce = true;
          again = false;
          const from = log.contiguous;
          let after = from;
          for (;;) {
            const page = await fetchAfter(after);
            for (const m of page.items) log.put(m);
            if (page.items.length) changed();
            if (page.nextSeq === null || page.items.length === 0) break;
            after = page.nextSeq;
          }
          progressed = log.contiguous > from;
        }
      } catch (err) {
        onError(err); // the next event, reconnect or `resync()` tries again
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    log,
    /** First load: the newest page. Live messages received before it are kept. */
    start(items: Message[]) {
      log.start(items);
      changed();
      if (log.hasGap || knownLast > log.contiguous) void catchUp();
    },
    /** Older history (scrolling up). */
    prepend(items: Message[]) {
      log.prepend(items);
      changed();
    },
    /** A `message:new` or `message:updated` from the socket. */
    received(m: Message) {
      knownLast = Math.max(knownLast, m.seq);
      log.put(m);
      changed();
      if (log.started && m.seq > log.contiguous) void catchUp();
    },
    /** `thread:join` acked (first join or after a reconnect) with the thread's lastSeq. */
    joined(lastSeq: number) {
      knownLast = Math.max(knownLast, lastSeq);
      if (lastSeq > log.contiguous) return catchUp();
      return Promise.resolve();
    },
    /** Fetch whatever was missed now (e.g. the browser came back online). */
    resync: catchUp,
    get lastSeq() {
      return log.contiguous;
    },
    messages: () => log.list(),
  };
}

export type ThreadSync = ReturnType<typeof createThreadSync>;
