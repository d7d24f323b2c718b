import type { Db } from '../../db/client.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import type { Actor } from './actor.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashToken, newSessionToken } from './tokens.ts';

const userSelect = { id: true, email: true, name: true, locale: true, isPlatformAdmin: true, createdAt: true } as const;

export type RegisterInput = { email: string; password: string; name: string; locale?: string };
export type SessionMeta = { userAgent?: string; ip?: string };

export function createAuthService({ db, sessionTtlDays }: { db: Db; sessionTtlDays: number }) {
  const ttlMs = sessionTtlDays * 24 * 3600 * 1000;

  async function register(input: RegisterInput) {
    const email = input.email.trim().toLowerCase();
    const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw conflict('An account with this e-mail already exists');
    return presentUser(await db.user.create({
      data: { email, name: input.name.trim(), locale: input.locale ?? 'en', passwordHash: await hashPassword(input.password) },
      select: userSelect,
    }));
  }

  async function login(emailRaw: string, password: string, meta: SessionMeta = {}) {
    const email = emailRaw.trim().toLowerCase();
    const user = await db.user.findUnique({ where: { email } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw new AppError('invalid_credentials', 401, 'E-mail or password is wrong');
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await db.session.create({
      data: { tokenHash: hashToken(token), userId: user.id, expiresAt, userAgent: meta.userAgent?.slice(0, 300), ip: meta.ip },
    });
    const { passwordHash: _omit, updatedAt: _u, ...publicUser } = user;
    return { token, expiresAt, user: presentUser(publicUser) };
  }

  async function logout(sessionId: string) {
    await db.session.deleteMany({ where: { id: sessionId } });
  }

  /** Every request asks this: one statement (session and user together), not a query per relation. */
  async function resolveToken(token: string): Promise<Actor | null> {
    const [row] = await db.$queryRaw<{ session_id: string; expires_at: Date; id: string; email: string; name: string; locale: string; is_platform_admin: boolean; created_at: Date }[]>`
      SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.name, u.locale, u.is_platform_admin, u.created_at
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${hashToken(token)}`;
    if (!row || row.expires_at.getTime() <= Date.now()) return null;
    const user: Actor['user'] = { id: row.id, email: row.email, name: row.name, locale: row.locale, isPlatformAdmin: row.is_platform_admin, createdAt: row.created_at };
    return { userId: user.id, sessionId: row.session_id, user };
  }

  /** Creates the platform admin named by the environment once; later starts leave it as it is. */
  async function ensureBootstrapAdmin(emailRaw: string, password: string) {
    const email = emailRaw.trim().toLowerCase();
    const existing = await db.user.findUnique({ where: { email }, select: { id: true, isPlatformAdmin: true } });
    if (existing) {
      if (!existing.isPlatformAdmin) await db.user.update({ where: { id: existing.id }, data: { isPlatformAdmin: true } });
      return { created: false };
    }
    await db.user.upsert({
      where: { email },
      create: { email, name: 'Platform admin', isPlatformAdmin: true, passwordHash: await hashPassword(password) },
      update: { isPlatformAdmin: true },
    });
    return { created: true };
  }

  return { register, login, logout, resolveToken, ensureBootstrapAdmin };
}

export type AuthService = ReturnType<typeof createAuthService>;
