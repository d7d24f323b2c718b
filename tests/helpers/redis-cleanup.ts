import { Redis } from 'ioredis';

/** Deletes every Redis key under a test's queue prefix, so test runs leave nothing behind. */
export async function deleteKeysWithPrefix(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl);
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
