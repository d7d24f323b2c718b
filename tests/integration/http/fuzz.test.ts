import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { createClient, ResponseSchemaMismatch, type JsonResponse, type TestClient } from '../../helpers/http.ts';
import { installWriteCounter } from '../../helpers/write-counter.ts';
import { createCity, createNetwork } from '../../factories/cities.ts';
import { practiceInput } from '../../factories/practices.ts';
import { createSignedInUser, signIn } from '../../factories/users.ts';

/**
 * Property-based fuzz of every operation in /api/openapi.json: requests derived from each operation's
 * parameters and body schema, mostly valid with a few mutations (wrong types, missing and extra fields,
 * huge strings, NUL, lone surrogates, injection strings, deep JSON, wrong content types and encodings,
 * bogus and real ids), sent as anonymous, a user and an admin. Properties: no 5xx; every response
 * matches its declared schema, every error the one problem shape (the shared client checks both); no
 * row written by a rejected request; no stack or SQL in any error.
 *
 * Budget: FUZZ_RUNS runs per operation (default 8 in `npm test`; `npm run test:fuzz` sets 150), FUZZ_SEED to replay.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type Schema = { type?: string | string[]; $ref?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[];
  anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; minimum?: number; maximum?: number; maxLength?: number; default?: unknown };
type Parameter = { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema };
type Operation = { method: string; path: string; operationId: string; parameters: Parameter[]; body?: Schema };
type Actor = 'anonymous' | 'user' | 'admin';
type FuzzRequest = {
  actor: Actor;
  path: string;
  query: [string, string][];
  body?: { text: string | Uint8Array; headers: Record<string, string> };
  note: string[];
};

let app: TestApp;
let doc: { paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
let clients: Record<Actor, TestClient>;
let tokens: Record<Exclude<Actor, 'anonymous'>, { email: string }>;
let writes: () => Promise<number>;
const ids = { city: '', otherCity: '', practice: '', network: '', user: '', route: 'central-mediterranean' };

beforeAll(async () => {
  app = await startTestApp({ label: 'fuzz' });
  const user = await createSignedInUser(app.db, app.baseUrl);
  const admin = await createSignedInUser(app.db, app.baseUrl, { isPlatformAdmin: true });
  clients = { anonymous: createClient(app.baseUrl), user: user.client, admin: admin.client };
  tokens = { user: { email: user.user.email }, admin: { email: admin.user.email } };
  const network = await createNetwork(app.db, { managerIds: [admin.user.id] });
  const city = await createCity(app.db, { networkIds: [network.id], members: [{ userId: user.user.id, role: 'focal_point' }], priorities: [{ code: 'dignity.1', stance: 'offer' }] });
  Object.assign(ids, {
    city: city.id, otherCity: (await createCity(app.db, { networkIds: [network.id] })).id, network: network.id, user: user.user.id,
    practice: (await user.client.post('/api/practices', practiceInput(city.id))).body.id,
  });
  doc = (await clients.anonymous.get('/api/openapi.json')).body;
  ({ writes } = await installWriteCounter(app.db));
});
afterAll(() => app?.stop());

const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]) : s);

function operations(): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({
    method: method.toUpperCase(), path, operationId: op.operationId, parameters: op.parameters ?? [],
    body: op.requestBody?.content['application/json']?.schema,
  })));
}

// ───── values ─────

const huge = (n: number) => 'ä'.repeat(n);
const INJECTIONS = [
  "' OR '1'='1", '"; DROP TABLE users; --', "1; SELECT pg_sleep(0)--", '{"$gt": ""}', '$where', '../../../../etc/passwd',
  '<script>alert(1)</script>', '${7*7}{{7*7}}', '%s%n%x', '\\', "'", '%', '_', '%_%', '\u202eevil', 'zero\u200bwidth', '😀👍🏽', 'null', 'undefined', '__proto__',
];
const NASTY_STRINGS: fc.Arbitrary<string>[] = [
  fc.constant('a\u0000b'), fc.constant('\u0000'), fc.constant('x\ud800'), fc.constant('\udc00y'), fc.constantFrom(...INJECTIONS),
  fc.constantFrom(huge(300), huge(20_000)), fc.constant(''), fc.constant('   '), fc.string({ unit: 'binary', maxLength: 30 }),
];
const nastyString = fc.oneof(...NASTY_STRINGS);
const deep = (depth: number, kind: 'array' | 'object') => (kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
const wrongType = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]), fc.constant({ nested: { a: [1] } }),
  fc.constant([1, 'two', null]), fc.constant(1e308), fc.constant(-0));
const badValue = fc.oneof(nastyString, wrongType);

/** Plausible values by field name, so most requests get past validation into the services. */
function byName(name: string): fc.Arbitrary<unknown> | undefined {
  const realIds = () => fc.constantFrom(ids.city, ids.otherCity, ids.practice, ids.network, ids.user, 'nope', 'c'.repeat(25));
  switch (name) {
    case 'email': return fc.constantFrom(`fuzz-${randomBytes(3).toString('hex')}@example.org`, tokens.user.email, 'not-an-email', 'A@B.ORG');
    case 'password': return fc.constantFrom('a long enough secret', 'short', 'correct horse battery');
    case 'id': case 'cityId': case 'userId': case 'network': return realIds();
    case 'networkIds': return fc.array(realIds(), { maxLength: 3 });
    case 'slug': case 'route': return fc.constantFrom(ids.route, 'balkan-route', 'moon-route', `fuzz-${randomBytes(2).toString('hex')}`);
    case 'routes': return fc.array(fc.oneof(fc.constantFrom(ids.route, 'moon-route'), fc.record({ route: fc.constantFrom(ids.route, 'moon-route'), role: fc.constantFrom('origin', 'transit', 'nope') })), { maxLength: 3 });
    case 'priority': case 'code': return fc.constantFrom('dignity.1', 'solidarity.3', 'nope.9', 'dignity');
    case 'priorities': return fc.array(fc.oneof(fc.constantFrom('dignity.1', 'solidarity.3', 'nope.9'), fc.record({ code: fc.constantFrom('dignity.1', 'x.1'), stance: fc.constantFrom('offer', 'seek', 'both', 'nope') })), { maxLength: 3 });
    case 'country': return fc.constantFrom('ES', 'it', 'XX', 'ESP');
    case 'language': case 'lang': return fc.constantFrom('en', 'fr', 'es', 'xx', 'english');
    case 'languages': return fc.array(fc.constantFrom('en', 'es', 'xx'), { maxLength: 3 });
    case 'role': return fc.constantFrom('origin', 'transit', 'destination', 'focal_point', 'practitioner', 'king');
    case 'stance': return fc.constantFrom('offer', 'seek', 'both', 'maybe');
    case 'startedOn': case 'endedOn': return fc.constantFrom('2023-01-15', '2024-02-30', '15/01/2023');
    case 'version': return fc.integer({ min: -1, max: 4 });
    case 'limit': case 'perPage': case 'page': return fc.integer({ min: -5, max: 200 });
    case 'cursor': return fc.constantFrom('abc', Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url'), Buffer.from('[1,2,3]').toString('base64url'));
    case 'q': return fc.constantFrom('kitchen', 'famlies', 'a', 'Málaga', '"quoted" -not OR', '*');
    case 'lat': return fc.double({ min: -100, max: 100, noNaN: true });
    case 'lon': return fc.double({ min: -200, max: 200, noNaN: true });
    case 'population': return fc.integer({ min: -1, max: 200_000_000 });
    default: return undefined;
  }
}

function valueFor(schema: Schema, name: string, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const named = byName(name);
  if (named) return named;
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valueFor(a, name, depth)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': return fc.string({ maxLength: Math.min(s.maxLength ?? 40, 40) });
    case 'integer': return fc.integer({ min: Math.max(s.minimum ?? -10, -1e6), max: Math.min(s.maximum ?? 1000, 1e6) });
    case 'number': return fc.double({ min: -1000, max: 1000, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'array': return depth > 3 ? fc.constant([]) : fc.array(valueFor(s.items ?? {}, name, depth + 1), { maxLength: 3 });
    case 'object': return depth > 3 ? fc.constant({}) : objectFor(s, depth + 1);
    default: return fc.oneof(fc.string({ maxLength: 10 }), fc.integer());
  }
}

function objectFor(s: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const entries = Object.entries(props).map(([k, v]) => [k, valueFor(v, k, depth)] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: Object.keys(props).filter((k) => required.has(k)) }) as fc.Arbitrary<Record<string, unknown>>;
}

// ───── mutations ─────

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string | Uint8Array; headers: Record<string, string>; note: string };

const asObject = (b: unknown): Record<string, unknown> => (b && typeof b === 'object' && !Array.isArray(b) ? b as Record<string, unknown> : {});

const bodyMutation = (schema: Schema): fc.Arbitrary<(b: unknown) => Body> => {
  const s = resolve(schema);
  const fields = Object.keys(s.properties ?? {});
  const setField = fields.length
    ? fc.tuple(fc.constantFrom(...fields), badValue).map(([f, v]) => (b: unknown) => ({ kind: 'json' as const, value: { ...asObject(b), [f]: v } }))
    : fc.constant((b: unknown) => ({ kind: 'json' as const, value: b }));
  const dropField = fields.length
    ? fc.constantFrom(...fields).map((f) => (b: unknown) => {
      const { [f]: _gone, ...rest } = asObject(b);
      return { kind: 'json' as const, value: rest };
    })
    : setField;
  const extraField = fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'isPlatformAdmin', 'status', 'id', 'a\u0000'), fc.oneof(badValue, fc.constant(true)))
    .map(([k, v]) => (b: unknown) => ({ kind: 'raw' as const, text: JSON.stringify(asObject(b)).replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'},`).replace(/,}$/, '}'), headers: { 'content-type': 'application/json' }, note: `extra ${k}` }));
  const nested = fields.length
    ? fc.tuple(fc.constantFrom(...fields), fc.constantFrom(deep(3000, 'array'), deep(3000, 'object'), deep(20, 'array')))
      .map(([f, d]) => (b: unknown) => ({ kind: 'raw' as const, text: JSON.stringify({ ...asObject(b), [f]: 0 }).replace(`"${f}":0`, `"${f}":${d}`), headers: { 'content-type': 'application/json' }, note: `deep ${f}` }))
    : setField;
  const whole = fc.oneof(
    fc.constantFrom<unknown>([], 'string', 42, null, true, [{}]).map((v) => () => ({ kind: 'json' as const, value: v })),
    fc.constantFrom(deep(50_000, 'array'), deep(20_000, 'object'), '{"a":', '{"a":1,}', "{'a':1}", '', 'null', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', huge(600_000))
      .map((text) => () => ({ kind: 'raw' as const, text, headers: { 'content-type': 'application/json' }, note: `raw ${text.slice(0, 12)}…(${text.length})` })),
    fc.constantFrom<Record<string, string>>(
      { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'text/plain' }, { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'application/xml' }, { 'content-type': 'application/json; charset=latin1' }, { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json', 'content-encoding': 'deflate' }, { 'content-type': 'application/json', 'content-encoding': 'x-unknown' }, {},
    ).map((headers) => (b: unknown) => ({ kind: 'raw' as const, text: JSON.stringify(b), headers, note: `headers ${JSON.stringify(headers)}` })),
  );
  return fc.oneof(setField, setField, dropField, extraField, nested, whole);
};

const pathValue = (p: Parameter) => fc.oneof(
  { weight: 4, arbitrary: (byName(p.name) ?? fc.string({ maxLength: 10 })).map((v) => enc(String(v))) },
  { weight: 2, arbitrary: nastyString.map((v) => enc(v.slice(0, 3000))) },
  { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '%ZZ', '%C0%AF', '..', '%2e%2e%2f', '%2F', '%00', '%ED%A0%80') },
);

const queryValue = (p: Parameter) => fc.oneof(
  { weight: 4, arbitrary: valueFor(p.schema, p.name).map((v) => [Array.isArray(v) ? v.join(',') : String(v)]) },
  { weight: 2, arbitrary: nastyString.map((v) => [v.slice(0, 3000)]) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyString, fc.string({ maxLength: 5 })), { minLength: 2, maxLength: 3 }) },
);

function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const path = fc.tuple(...pathParams.map(pathValue)).map((values) =>
    pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, values[i]), op.path));
  const query = fc.tuple(
    fc.subarray(queryParams).chain((chosen) => fc.tuple(...chosen.map((p) => queryValue(p).map((vs) => vs.map((v) => [p.name, v] as [string, string]))))),
    fc.option(fc.tuple(fc.constantFrom('extra', 'q[x]', '__proto__', 'a\u0000'), nastyString.map((s) => s.slice(0, 200))), { freq: 4 }),
  ).map(([pairs, extra]) => [...pairs.flat(), ...(extra ? [extra as [string, string]] : [])]);
  const body = op.body
    ? fc.tuple(objectFor(op.body), fc.option(bodyMutation(op.body), { freq: 3 }), fc.option(bodyMutation(op.body), { freq: 2 }))
      .map(([base, m1, m2]) => {
        let b: Body = { kind: 'json', value: base };
        for (const m of [m1, m2]) if (m && b.kind === 'json') b = m(b.value);
        return b;
      })
    : fc.constant(undefined);
  return fc.record({ actor: fc.constantFrom<Actor>('anonymous', 'user', 'admin'), path, query, body }).map(({ actor, path: p, query: q, body: b }) => {
    const note: string[] = [];
    let sent: FuzzRequest['body'];
    if (b?.kind === 'json') sent = { text: JSON.stringify(b.value) ?? 'null', headers: { 'content-type': 'application/json' } };
    else if (b) {
      note.push(b.note);
      const enc = b.headers['content-encoding'];
      // a gzip/deflate header on a body that is not compressed: it cannot inflate
      sent = { text: enc === 'gzip' || enc === 'deflate' ? new Uint8Array(Buffer.from(String(b.text))) : b.text, headers: b.headers };
    }
    return { actor, path: p, query: q, body: sent, note };
  });
}

/** encodeURIComponent, but a lone surrogate is sent as its (invalid) 3-byte UTF-8 form instead of throwing. */
function enc(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const cu = s.charCodeAt(i);
    const high = cu >= 0xd800 && cu < 0xdc00, low = cu >= 0xdc00 && cu <= 0xdfff;
    const next = s.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) out += encodeURIComponent(s.slice(i, ++i + 1));
    else if (high || low) out += [0xe0 | (cu >> 12), 0x80 | ((cu >> 6) & 0x3f), 0x80 | (cu & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(s[i]);
  }
  return out;
}
const encodeQuery = (pairs: [string, string][]) => (pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '');
const cut = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…(${s.length})` : s);
const describeRequest = (op: Operation, r: FuzzRequest) => `${op.method} ${cut(r.path, 200)}${cut(encodeQuery(r.query))} as ${r.actor} ${r.note.join(' ')} body=${cut(String(r.body?.text ?? ''))}`;

// ───── the property ─────

/** The response text without the strings the request sent (its path segments, query values, JSON leaves). */
function withoutEchoes(text: string, r: FuzzRequest): string {
  const sent = [...r.path.split('/'), ...r.query.map(([, v]) => v)];
  if (typeof r.body?.text === 'string') {
    const leaves = (v: unknown): void => {
      if (typeof v === 'string') sent.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(leaves);
    };
    try { leaves(JSON.parse(r.body.text)); } catch { sent.push(r.body.text); }
  }
  return sent.filter((s) => s.length > 3).reduce((acc, s) => acc.split(JSON.stringify(s).slice(1, -1)).join(''), text);
}

async function clientFor(op: Operation, r: FuzzRequest): Promise<TestClient> {
  // signing out ends the session the other requests use: sign out a fresh one
  if (op.operationId === 'postAuthLogout' && r.actor !== 'anonymous') return signIn(app.baseUrl, tokens[r.actor].email);
  return clients[r.actor];
}

describe('fuzz every operation of the OpenAPI document', () => {
  it(`no 5xx, one problem shape, schemas hold, nothing written on a rejection (${RUNS} runs per operation)`, async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(30);
    const statuses = new Map<number, number>();
    for (const op of ops) {
      await fc.assert(fc.asyncProperty(requestFor(op), async (r) => {
        const client = await clientFor(op, r);
        const before = await writes();
        let res: JsonResponse;
        try {
          res = await client.raw(op.method, r.path + encodeQuery(r.query), r.body?.text, r.body?.headers ?? {});
        } catch (err) {
          if (err instanceof ResponseSchemaMismatch) throw new Error(`${describeRequest(op, r)}\n${cut(err.message, 2000)}`, { cause: err });
          throw err;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `${describeRequest(op, r)} → ${res.status} ${(JSON.stringify(res.body) ?? "").slice(0, 400)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) {
          expect(await writes(), `a rejected request wrote rows: ${where}`).toBe(before);
          // no stack, SQL or driver text in a refusal; what the request itself sent may be quoted back
          // ("Unknown role \"1; SELECT …\"" is the validator doing its job)
          expect(withoutEchoes(JSON.stringify(res.body) ?? "", r), where).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|prisma|SELECT |relation "|violates/i);
        }
      }), {
        numRuns: RUNS, seed: SEED, endOnFailure: true,
        // huge generated values would flood the report: name the request and the failure, briefly
        reporter: (run) => {
          if (!run.failed) return;
          const cause = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
          throw new Error(`${op.operationId} failed (seed ${run.seed}, path "${run.counterexamplePath}", replay with FUZZ_SEED=${run.seed}):\n${cut(cause, 3000)}`);
        },
      });
    }
    if (process.env.FUZZ_RUNS) console.info('fuzz statuses', Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
    // the fuzz reached past validation too, not only 400s
    const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    expect(ok, JSON.stringify([...statuses])).toBeGreaterThan(0);
  }, 600_000);
});
