import nodemailer from 'nodemailer';
import type { Logger } from '../../lib/logger.ts';

export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic per notification/digest: a resend after a crash carries the same id, so it can be told apart. */
  messageId: string;
  headers: Record<string, string>;
};

/**
 * SMTP through nodemailer. Errors propagate: the mail job fails and BullMQ retries it with backoff.
 * Without SMTP_URL, e-mail is disabled (logged once) and `enabled` is false.
 */
export function createMailer({ smtpUrl, from, logger }: { smtpUrl?: string; from: string; logger: Logger }) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  if (!transport) logger.warn('SMTP_URL is not set: notification e-mails are not sent');
  return {
    enabled: transport !== null,
    async send(mail: OutgoingMail) {
      if (!transport) return { skipped: true };
      const info = await transport.sendMail({ from, ...mail });
      return { skipped: false, response: info.response };
    },
    close() {
      transport?.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
