-- Search documents carry their city's networks as `network:<slug>` in `facets` (the `network` filter of
-- practice search). Fills them in for documents indexed before; new writes add them themselves.
WITH nets AS (
  SELECT d.practice_id, array_agg('network:' || n.slug ORDER BY n.slug) AS vals
  FROM practice_search_documents d
  JOIN network_cities nc ON nc.city_id = d.city_id
  JOIN networks n ON n.id = nc.network_id
  GROUP BY d.practice_id
)
UPDATE practice_search_documents d SET facets = d.facets || nets.vals
FROM nets WHERE nets.practice_id = d.practice_id AND NOT (d.facets && nets.vals);

INSERT INTO search_facet_counts (value, doc_count)
SELECT v, count(*)::int FROM (SELECT unnest(facets) AS v FROM practice_search_documents) x WHERE v LIKE 'network:%' GROUP BY v
ON CONFLICT (value) DO UPDATE SET doc_count = EXCLUDED.doc_count;

-- cached results of every process are stale
UPDATE search_index_state SET generation = generation + 1 WHERE id = 1;
