import { z } from 'zod';
import { uiLanguageSchema } from './common.ts';

export const langQuery = z.object({ lang: uiLanguageSchema.optional() });

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

export type Taxonomy = z.output<typeof taxonomyResponse>;
export type Principle = Taxonomy['principles'][number];
export type Priority = Principle['priorities'][number];
