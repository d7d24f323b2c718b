import { describe, expect, it } from 'vitest';
import { createThreadSync, type MessagePage } from '../../../client/src/threads/thread-sync.ts';
import type { Message } from '../../../server/contract/threads.ts';

const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`, threadId: 't', seq, author: { id: 'u', name: 'U' }, body: `#${seq}`, bodyHtml: `<p>#${seq}</p>`, mentions: [],
  createdAt: new Date(seq * 1000).toISOString(), editedAt: null, deletedAt: null, ...over,
});

/** A server holding seqs 1..last, answering `?after=` in pages of `size`. */
function server(last: number, size = 3) {
  const calls: number[] = [];
  const all = Array.from({ length: last }, (_, i) => msg(i + 1));
  return {
    calls,
    all,
    fetchAfter: async (after: number): Promise<MessagePage> => {
      calls.push(after);
      const items = all.filter((m) => m.seq > after).slice(0, size);
      const more = all.some((m) => m.seq > after + size);
      return { items, nextSeq: more ? items[items.length - 1].seq : null };
    },
  };
}

describe('thread gap fill', () => {
  it('fetches ?after= its last contiguous seq when a live seq skips, and shows each seq once', async () => {
    const s = server(10);
    const sync = createThreadSync({ fetchAfter: s.fetchAfter });
    sync.start([msg(3), msg(2), msg(1)]);
    expect(sync.lastSeq).toBe(3);
    sync.received(msg(4));
    expect(s.calls).toEqual([]);
    sync.received(msg(8)); // 5..7 missed
    await sync.resync();
    expect(s.calls[0]).toBe(4);
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(sync.messages().map((m) => m.seq)).toEqual(ten);
    sync.received(msg(9)); // delivered twice (live and fetched)
    sync.received(msg(9));
    expect(sync.messages().map((m) => m.seq)).toEqual(ten);
    expect(sync.lastSeq).toBe(10);
  });

  it('catches up page after page after a reconnect whose join ack carries a larger lastSeq', async () => {
    const s = server(10, 3);
    const sync = createThreadSync({ fetchAfter: s.fetchAfter });
    sync.start([msg(2), msg(1)]);
    await sync.joined(10);
    expect(s.calls).toEqual([2, 5, 8]);
    expect(sync.messages().map((m) => m.seq)).toEqual(s.all.map((m) => m.seq));
    expect(sync.lastSeq).toBe(10);
    await sync.joined(10); // nothing missing: no request
    expect(s.calls).toHaveLength(3);
  });

  it('keeps edits and tombstones over an older copy fetched later', () => {
    const sync = createThreadSync({ fetchAfter: server(0).fetchAfter });
    sync.start([msg(1)]);
    sync.received(msg(1, { body: 'edited', editedAt: new Date(5000).toISOString() }));
    sync.received(msg(1)); // stale copy
    expect(sync.messages()[0].body).toBe('edited');
    sync.received(msg(1, { body: '', deletedAt: new Date(6000).toISOString() }));
    sync.received(msg(1, { body: 'edited', editedAt: new Date(5000).toISOString() }));
    expect(sync.messages()[0].deletedAt).not.toBeNull();
  });

  it('keeps live messages that arrive before the first page and retries after a failed fetch', async () => {
    let fail = true;
    const s = server(6, 10);
    const errors: unknown[] = [];
    const sync = createThreadSync({
      fetchAfter: async (after) => { if (fail) throw new Error('offline'); return s.fetchAfter(after); },
      onError: (e) => errors.push(e),
    });
    sync.received(msg(6));
    sync.start([msg(2), msg(1)]);
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
    expect(sync.lastSeq).toBe(2);
    fail = false;
    await sync.resync();
    expect(sync.messages().map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('prepends older history on scroll without touching the live end', () => {
    const sync = createThreadSync({ fetchAfter: server(0).fetchAfter });
    sync.start([msg(10), msg(9)]);
    sync.prepend([msg(8), msg(7)]);
    expect(sync.messages().map((m) => m.seq)).toEqual([7, 8, 9, 10]);
    expect(sync.log.floor).toBe(6);
    expect(sync.lastSeq).toBe(10);
  });
});
