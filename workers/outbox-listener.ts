import pg from 'pg';
import type { Logger } from '../server/lib/logger.ts';

/**
 * Calls `onCommit` whenever outbox rows commit: a trigger on outbox_events NOTIFYs (migration
 * 20261203261000_outbox_notify), this LISTENs on its own connection. Only a wake-up: the relay keeps
 * polling, so a lost connection (reconnected after a second) delays rows, never loses them.
 */
export function listenForOutbox({ databaseUrl, onCommit, logger, retryMs = 1000 }: {
  databaseUrl: string;
  onCommit: () => void;
  logger?: Logger;
  retryMs?: number;
}) {
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  function reconnectLater(c: pg.Client) {
    if (client !== c) return; // this connection was already given up
    client = undefined;
    c.end().catch(() => {});
    if (!stopped) retry = setTimeout(() => void connect(), retryMs);
  }

  async function connect() {
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    c.on('notification', () => onCommit());
    c.on('error', (err) => {
      logger?.warn({ err: err.message }, 'outbox listener lost its connection; the relay polls meanwhile');
      reconnectLater(c);
    });
    c.on('end', () => reconnectLater(c));
    try {
      await c.connect();
      await c.query('LISTEN outbox_events');
      onCommit(); // rows may have committed while it was not listening
    } catch (err) {
      logger?.warn({ err: (err as Error).message }, 'outbox listener could not connect; the relay polls meanwhile');
      reconnectLater(c);
    }
  }

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
