import type { Db } from '../../server/db/client.ts';

/**
 * Counts every row written (inserted, updated or deleted) in a test database, in any table: a row
 * trigger on each table bumps one counter in the same transaction, so a write that rolled back does
 * not count. For "nothing written by a rejected request": read `writes()` before and after it.
 */
export async function installWriteCounter(db: Db) {
  await db.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS _test_writes (id int PRIMARY KEY, n bigint NOT NULL)');
  await db.$executeRawUnsafe('INSERT INTO _test_writes VALUES (1, 0) ON CONFLICT DO NOTHING');
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION _test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE _test_writes SET n = n + 1 WHERE id = 1; RETURN NULL; END $$`);
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT IN ('_test_writes', '_prisma_migrations')`);
  for (const { name } of tables) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE TRIGGER _test_count_write AFTER INSERT OR UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION _test_count_write()`);
  }
  return {
    tables: tables.length,
    async writes(): Promise<number> {
      const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>('SELECT n FROM _test_writes WHERE id = 1');
      return Number(row.n);
    },
  };
}
