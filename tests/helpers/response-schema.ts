import type { ZodType } from 'zod';
import { problemSchema } from '../../server/contract/problem.ts';
import type { ResponseLookup } from '../../server/http/route.ts';

/**
 * Checks a response against what its route declares (server/http/route.ts `responseFor`): a declared
 * status, a body that parses with the declared zod schema and has no field the schema does not name,
 * and the one problem shape on every error. Returns what is wrong ([] when nothing is).
 */
export function responseMismatches(lookup: ResponseLookup, res: { method: string; path: string; status: number; contentType: string; body: unknown }): string[] {
  const { method, path, status, contentType, body } = res;
  const where = `${method} ${path} → ${status}`;
  const isApi = path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
  if (contentType.includes('application/problem+json')) {
    const problems = strictMismatches(problemSchema, body).map((m) => `${where}: problem ${m}`);
    const p = body as { status?: unknown; errors?: unknown; type?: unknown };
    if (p.status !== status) problems.push(`${where}: problem.status is ${String(p.status)}`);
    if (status === 400 && !(Array.isArray(p.errors) && p.errors.length)) problems.push(`${where}: a 400 without errors[]`);
    if (p.type === 'about:blank') problems.push(`${where}: problem type about:blank`);
    return problems;
  }
  if (status >= 400 && isApi) return [`${where}: an error that is not application/problem+json (${contentType || 'no content type'})`];
  const declared = lookup(method, path, status);
  if (!declared) return [];
  if (!declared.declared) return status >= 400 ? [] : [`${where}: status not declared by ${declared.route}`];
  if (declared.contentType) return contentType.includes(declared.contentType) ? [] : [`${where}: expected ${declared.contentType}, got ${contentType}`];
  if (!declared.schema) return body === undefined || body === '' ? [] : [`${where}: ${declared.route} declares no body for ${status}, got one`];
  if (!contentType.includes('application/json')) return [`${where}: expected application/json, got ${contentType}`];
  return strictMismatches(declared.schema, body).map((m) => `${where}: ${m}`);
}

/** Parse errors, plus every key of the body the schema would strip (a field the contract does not declare). */
export function strictMismatches(schema: ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (!result.success) return result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const extra: string[] = [];
  const walk = (input: unknown, output: unknown, at: string) => {
    if (Array.isArray(input) && Array.isArray(output)) input.forEach((v, i) => walk(v, output[i], `${at}${i}.`));
    else if (isPlain(input) && isPlain(output)) {
      for (const [k, v] of Object.entries(input)) {
        if (!(k in output)) extra.push(`${at}${k}: not in the schema`);
        else walk(v, output[k], `${at}${k}.`);
      }
    }
  };
  walk(body, result.data, '');
  return extra;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
