import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/client.ts';
import { hashPassword } from '../../server/services/auth/passwords.ts';
import { createClient, type TestClient } from '../helpers/http.ts';

export const DEFAULT_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

/** A user row straight in the database (hashing once per run keeps factories fast). */
export async function createUser(db: Db, overrides: { email?: string; name?: string; isPlatformAdmin?: boolean } = {}) {
  passwordHash ??= hashPassword(DEFAULT_PASSWORD);
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${randomBytes(5).toString('hex')}@example.org`,
      name: overrides.name ?? 'Test User',
      isPlatformAdmin: overrides.isPlatformAdmin ?? false,
      passwordHash: await passwordHash,
    },
  });
}

/** Signs a user in over HTTP and returns a client that sends their bearer token. */
export async function signIn(baseUrl: string, email: string, password = DEFAULT_PASSWORD): Promise<TestClient & { token: string }> {
  const res = await createClient(baseUrl).post<{ token: string }>('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.assign(createClient(baseUrl, { token: res.body.token }), { token: res.body.token });
}

/** A user created and signed in: the usual start of an authorization test. */
export async function createSignedInUser(db: Db, baseUrl: string, overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, overrides);
  return { user, client: await signIn(baseUrl, user.email) };
}
