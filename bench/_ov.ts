import pg from 'pg';
import { createPostgresSearchEngine } from '../server/services/search/postgres/engine.ts';
import { analyzeQuery } from '../server/services/search/postgres/query.ts';
import { LIVE } from '../server/services/search/postgres/tables.ts';
import { synonymMap } from '../server/services/search/synonyms.ts';
const url = process.env.B!;
const q = process.argv[2] ?? 'albergue';
const ours = createPostgresSearchEngine({ databaseUrl: url, poolSize: 1, cacheSize: 0 });
const exact = createPostgresSearchEngine({ databaseUrl: url, poolSize: 1, cacheSize: 0, exactUpTo: Infinity });
const a = await ours.search({ q, filters: {}, page: 1, perPage: 10 });
const e = await exact.search({ q, filters: {}, page: 1, perPage: 10 });
const pool = new pg.Pool({ connectionString: url, max: 1 });
const plan = (await analyzeQuery(pool, LIVE, q, Object.fromEntries(Object.entries(synonymMap()).map(([k, v]) => [k.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(), v]))))!;
console.log('lexemes', plan.lexemes, 'any', plan.any);
const got = new Set(a.hits.map((h) => h.id));
for (const h of e.hits) {
  const { rows } = await pool.query(`SELECT lexeme, g, (SELECT count(*) FROM search_head_champions y WHERE y.lexeme = x.lexeme AND (y.g > x.g)) AS better FROM
    (SELECT u.lexeme, ts_rank('{0.05, 0.2, 0.4, 1.0}', d.head_tsv, quote_literal(u.lexeme)::tsquery) g FROM practice_search_documents d, unnest(tsvector_to_array(d.head_tsv)) u(lexeme) WHERE d.practice_id = $1 AND u.lexeme = ANY($2)) x`, [h.id, plan.lexemes]);
  console.log(got.has(h.id) ? 'HIT ' : 'MISS', h.title.slice(0, 50), JSON.stringify(rows));
}
console.log('ours', a.hits.map((h) => h.title.slice(0, 40)));
await pool.end(); await ours.close(); await exact.close();
