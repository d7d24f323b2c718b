import { z } from 'zod';
import { userSchema } from './auth.ts';

/** GET /api/session: who is signed in, or null — 200 either way, so an anonymous visit logs no 401. */
export const sessionResponse = z.object({ user: userSchema.nullable() });

export type Session = z.output<typeof sessionResponse>;
