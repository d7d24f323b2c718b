-- Ranking broad queries on a bounded candidate set (docs/search.md, "Broad queries").
CREATE TABLE "search_head_champions" (
    "lexeme" TEXT NOT NULL,
    "practice_id" TEXT NOT NULL,
    "g" REAL NOT NULL,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "search_head_champions_pkey" PRIMARY KEY ("lexeme","practice_id")
);
CREATE INDEX "search_head_champions_rank_idx" ON "search_head_champions"("lexeme", "g" DESC, "published_at" DESC);
CREATE INDEX "search_head_champions_practice_idx" ON "search_head_champions"("practice_id");
-- head matches of lexemes too rare for a list, and the tier of a candidate
CREATE INDEX "practice_search_documents_head_tsv_idx" ON "practice_search_documents" USING GIN ("head_tsv");

-- ───── Hand-written ─────
-- Lists of the documents already indexed (server/services/search/postgres/champions.ts, buildChampionsSql).
INSERT INTO "search_head_champions" (lexeme, practice_id, g, published_at)
SELECT lexeme, practice_id, g, published_at FROM (
  SELECT x.*, row_number() OVER (PARTITION BY lexeme ORDER BY g DESC, published_at DESC NULLS LAST, practice_id) AS rn,
    count(*) OVER (PARTITION BY lexeme) AS df
  FROM (
    SELECT u.lexeme, d.practice_id, d.published_at, ts_rank('{0.05, 0.2, 0.4, 1.0}', d.head_tsv, quote_literal(u.lexeme)::tsquery) AS g
    FROM "practice_search_documents" d, unnest(tsvector_to_array(d.head_tsv)) AS u(lexeme)
  ) x
) y WHERE df > 200 AND rn <= 200;
UPDATE search_index_state SET generation = generation + 1 WHERE id = 1;
