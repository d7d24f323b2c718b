import { z } from 'zod';
import { userSchema } from '../auth/auth.schema.ts';

export const meResponse = z.object({
  user: userSchema,
  cities: z.array(z.object({ id: z.string(), name: z.string(), country: z.string().nullable(), role: z.enum(['focal_point', 'practitioner']) })),
  managedNetworks: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
});
