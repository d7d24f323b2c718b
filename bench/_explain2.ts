import pg from 'pg';
import { boundedBrowseSql, filterSql } from '../server/services/search/postgres/search.ts';
import { LIVE } from '../server/services/search/postgres/tables.ts';
const pool = new pg.Pool({ connectionString: process.env.B, max: 1, options: '-c jit=off -c random_page_cost=1.1 -c enable_seqscan=off -c work_mem=64MB' });
const params: unknown[] = [10, 0, 'language:en'];
const sql = boundedBrowseSql(LIVE, filterSql({ language: ['en'] }, params), 1000);
for (let i = 0; i < 2; i++) {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE) ${sql}`, params);
  if (i === 1) console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await pool.end();
