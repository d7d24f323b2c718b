import pg from 'pg';
import { analyzeQuery } from '../server/services/search/postgres/query.ts';
import { boundedQuerySql, filterSql } from '../server/services/search/postgres/search.ts';
import { LIVE } from '../server/services/search/postgres/tables.ts';
const pool = new pg.Pool({ connectionString: process.env.B, max: 1, options: '-c jit=off -c random_page_cost=1.1 -c enable_seqscan=off -c work_mem=64MB' });
const q = process.argv[2] ?? 'housing';
const plan = (await analyzeQuery(pool, LIVE, q, {}))!;
const params: unknown[] = [plan.match, plan.exact, plan.any, 10, 0, plan.lexemes];
const sql = boundedQuerySql(LIVE, filterSql({}, params), 1000);
for (let i = 0; i < 2; i++) {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE) ${sql}`, params);
  if (i === 1) console.log(rows.map((r) => r['QUERY PLAN']).filter((l: string) => /actual time=\d+\.\d+\.\.(\d{2,}|[3-9])\./.test(l) || /Execution|Index Cond|rows=\d{4,}/.test(l)).join('\n'));
}
await pool.end();
