/**
 * The raw engine for bench/realtime.ts: a bare socket.io node with the same Redis adapter and the same
 * request shape as the API (HTTP POST → room broadcast across nodes), but no database, no auth, no
 * validation. Started twice by the benchmark: PORT, REDIS_URL, RAW_KEY (the adapter's channel prefix).
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const redisUrl = process.argv[3] ?? 'redis://127.0.0.1:6379';
const key = process.argv[4] ?? 'bench-raw';
const pub = new Redis(redisUrl);
const sub = pub.duplicate();
const seqs = new Map<string, number>();

const http = createServer((req, res) => {
  const m = /^\/post\/([^/]+)$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !m) {
    res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    return;
  }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const room = m[1];
    // a per-node counter: the raw engine promises no global order, it only carries the same payload size
    const seq = (seqs.get(room) ?? 0) + 1;
    seqs.set(room, seq);
    const message = { ...JSON.parse(body), seq, threadId: room, createdAt: new Date().toISOString() };
    io.to(`thread:${room}`).emit('message:new', { threadId: room, message });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(message));
  });
});
const io = new Server(http, { path: '/socket.io', adapter: createAdapter(pub, sub, { key }), serveClient: false });
io.on('connection', (socket) => {
  socket.on('thread:join', (p: { threadId?: unknown }, ack?: unknown) => {
    if (typeof p?.threadId !== 'string' || typeof ack !== 'function') return;
    void socket.join(`thread:${p.threadId}`);
    ack({ ok: true, lastSeq: 0 });
  });
});
http.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  pub.disconnect();
  sub.disconnect();
  process.exit(0);
});
