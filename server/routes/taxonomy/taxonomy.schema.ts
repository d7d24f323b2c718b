import { z } from 'zod';

export const langQuery = z.object({ lang: z.enum(['en', 'fr', 'es']).optional() });

export const taxonomyResponse = z.object({
  lang: z.string(),
  principles: z.array(
    z.object({
      slug: z.string(),
      order: z.number().int(),
      label: z.string(),
      theme: z.string(),
      priorities: z.array(z.object({ code: z.string(), n: z.number().int(), label: z.string() })),
    }),
  ),
}).meta({ id: 'Taxonomy' });
