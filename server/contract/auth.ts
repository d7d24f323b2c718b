import { z } from 'zod';
import { uiLanguageSchema } from './common.ts';

export const localeSchema = uiLanguageSchema;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.string(),
    isPlatformAdmin: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const registerBody = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(10, 'Password must be at least 10 characters').max(256),
  name: z.string().trim().min(1).max(120),
  locale: localeSchema.optional(),
});

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const loginResponse = z.object({ token: z.string(), user: userSchema, expiresAt: z.string() });
export const userResponse = z.object({ user: userSchema });

export type User = z.output<typeof userSchema>;
export type Locale = z.output<typeof localeSchema>;
