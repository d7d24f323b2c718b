import type { RequestHandler } from 'express';
import type { AuthService } from '../services/auth/auth.service.ts';
import type { Actor } from '../services/auth/actor.ts';

export const SESSION_COOKIE = 'ctw_session';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      actor?: Actor | null;
      id?: string;
    }
  }
}

/** The session token of a request: `Authorization: Bearer …` first, then the httpOnly cookie. */
export function tokenFrom(authorization: string | undefined, cookies: Record<string, string> | undefined): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (match) return match[1];
  return cookies?.[SESSION_COOKIE] || null;
}

/** Resolves the actor for every request; routes decide whether one is required. */
export function resolveActor(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const token = tokenFrom(req.headers.authorization, req.cookies);
    req.actor = token ? await auth.resolveToken(token) : null;
    next();
  };
}
