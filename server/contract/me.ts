import { z } from 'zod';
import { userSchema } from './auth.ts';
import { MEMBER_ROLES } from './common.ts';

export const meResponse = z.object({
  user: userSchema,
  cities: z.array(z.object({ id: z.string(), name: z.string(), country: z.string().nullable(), role: z.enum(MEMBER_ROLES) })),
  managedNetworks: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
});

export type Me = z.output<typeof meResponse>;
