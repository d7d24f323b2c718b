-- Search, second pass (measured with npm run bench:search; see docs/search.md).

-- AlterTable
ALTER TABLE "practice_search_documents" ADD COLUMN     "facets" TEXT[];

-- Facet counting unnests one array instead of seven columns (about twice as fast on large match sets).
UPDATE "practice_search_documents" SET "facets" =
     array(SELECT 'principle:' || x FROM unnest(principles) x) || array(SELECT 'priority:' || x FROM unnest(priorities) x)
  || array(SELECT 'route:' || x FROM unnest(routes) x) || array(SELECT 'targetGroup:' || x FROM unnest(target_groups) x)
  || array_remove(ARRAY['country:' || country, 'region:' || region, 'language:' || language], NULL);

-- Filters are on the facets array too (any facet, one GIN index), instead of priorities only.
DROP INDEX "practice_search_documents_priorities_idx";
CREATE INDEX "practice_search_documents_facets_idx" ON "practice_search_documents" USING GIN ("facets");

-- A search ranks every match on head_tsv and counts facets from `facets`: keep both in the heap row
-- (compressed if they must be) so neither reads TOAST. The body, the full vector and the label text may go out of line: a search reads
-- the full vector only through its GIN index and the texts only for the ten hits it highlights.
ALTER TABLE "practice_search_documents" ALTER COLUMN "head_tsv" SET STORAGE MAIN, ALTER COLUMN "facets" SET STORAGE MAIN;

-- Stemming is for the network's languages (en, fr, es). Stemmers of other languages applied to every
-- query word turned "vivienda" into the Italian stem "viv", which matches Spanish "vive", "vivir"…;
-- practices in other languages are indexed with charter_simple (accent-folded words, no stemming).
CREATE OR REPLACE FUNCTION charter_ts_config(lang text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE lang
    WHEN 'en' THEN 'public.charter_en' WHEN 'fr' THEN 'public.charter_fr' WHEN 'es' THEN 'public.charter_es'
    ELSE 'public.charter_simple' END::regconfig $$;

CREATE OR REPLACE FUNCTION charter_lexemes(w text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(DISTINCT x), '{}') FROM unnest(
          tsvector_to_array(to_tsvector('public.charter_simple', w)) || tsvector_to_array(to_tsvector('public.charter_en', w)) ||
          tsvector_to_array(to_tsvector('public.charter_fr', w)) || tsvector_to_array(to_tsvector('public.charter_es', w))) AS x $$;

CREATE OR REPLACE FUNCTION charter_is_stopword(w text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT length(to_tsvector('public.charter_en', w)) = 0 OR length(to_tsvector('public.charter_fr', w)) = 0
            OR length(to_tsvector('public.charter_es', w)) = 0 $$;

DROP TEXT SEARCH CONFIGURATION IF EXISTS charter_it;
DROP TEXT SEARCH CONFIGURATION IF EXISTS charter_pt;
DROP TEXT SEARCH CONFIGURATION IF EXISTS charter_de;
