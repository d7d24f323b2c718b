import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = ParsedMail & { messageIdHeader: string; header(name: string): string | undefined };

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package): every accepted message is parsed and
 * kept. `stop()` and `start()` again on the same port model an SMTP outage; `rejectWith` makes it refuse
 * every recipient (a permanent failure).
 */
export async function startSmtp(opts: { port?: number; rejectWith?: string } = {}) {
  const messages: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let port = opts.port ?? 0;

  async function start() {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, cb) {
        if (opts.rejectWith) {
          const err = Object.assign(new Error(opts.rejectWith), { responseCode: 550 });
          return cb(err);
        }
        cb();
      },
      onData(stream, _session, cb) {
        simpleParser(stream).then((mail) => {
          const m = mail as ReceivedMail;
          m.messageIdHeader = mail.messageId ?? '';
          m.header = (name) => {
            const line = mail.headerLines.find((h) => h.key === name.toLowerCase());
            return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : undefined;
          };
          messages.push(m);
          cb();
        }, cb);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  }

  await start();
  return {
    messages,
    get port() { return port; },
    get url() { return `smtp://127.0.0.1:${port}`; },
    start,
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

export type TestSmtp = Awaited<ReturnType<typeof startSmtp>>;

/** Polls until `check` returns a truthy value or the time is up (then throws with `what`). */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
