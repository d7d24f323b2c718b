import type { Logger } from './logger.ts';

/** Runs `stop` once on SIGTERM or SIGINT (drain, close connections), then exits. */
export function stopOnSignal(logger: Logger, stop: () => Promise<unknown>) {
  let stopping = false;
  const handler = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await stop();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void handler('SIGTERM'));
  process.once('SIGINT', () => void handler('SIGINT'));
}
