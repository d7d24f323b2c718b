-- Champion lists 1,000 deep instead of 200 (docs/search.md, "Broad queries": broad queries rank the
-- documents with the highest sum of g over their lexemes' lists; 200 cut ties too early).
TRUNCATE "search_head_champions";
INSERT INTO "search_head_champions" (lexeme, practice_id, g, published_at)
SELECT lexeme, practice_id, g, published_at FROM (
  SELECT x.*, row_number() OVER (PARTITION BY lexeme ORDER BY g DESC, published_at DESC NULLS LAST, practice_id) AS rn,
    count(*) OVER (PARTITION BY lexeme) AS df
  FROM (
    SELECT u.lexeme, d.practice_id, d.published_at, ts_rank('{0.05, 0.2, 0.4, 1.0}', d.head_tsv, quote_literal(u.lexeme)::tsquery) AS g
    FROM "practice_search_documents" d, unnest(tsvector_to_array(d.head_tsv)) AS u(lexeme)
  ) x
) y WHERE df > 1000 AND rn <= 1000;
UPDATE search_index_state SET generation = generation + 1 WHERE id = 1;
