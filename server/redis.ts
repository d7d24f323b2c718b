import { Redis } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` on the connections its workers block on. */
export const createRedis = (url: string, opts: { forWorkers?: boolean } = {}) =>
  new Redis(url, { maxRetriesPerRequest: opts.forWorkers ? null : 3, lazyConnect: false });
