import { z } from 'zod';

/**
 * RFC 9457 problem document: what every error response of the API carries (see server/lib/errors.ts
 * `toProblem` and server/http/problem-handler.ts). `errors` is present on every 400.
 */
export const fieldErrorSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the field (`howTo.process`, `networkIds.0`); empty for the request as a whole' }),
  message: z.string(),
  code: z.string().optional().meta({ description: 'For schema errors, the zod issue code (too_small, invalid_format…): clients translate it' }),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional().meta({ description: 'minimum, maximum, origin, format, expected' }),
});

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem: `https://errors.charter-twinning.org/<code>`' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({
      description: 'Stable machine code that clients translate: validation, unauthorized, forbidden, not_found, conflict, ' +
        'payload_too_large, unsupported_media_type, rate_limited, internal, service_unavailable…',
    }),
    instance: z.string().meta({ description: 'The request this problem is about (its path and query)' }),
    requestId: z.string().meta({ description: 'Echoed in the `x-request-id` header and the server logs' }),
    errors: z.array(fieldErrorSchema).optional().meta({ description: 'Every wrong field; present on every 400' }),
  })
  .meta({ id: 'Problem' });

export type ProblemDocument = z.infer<typeof problemSchema>;
