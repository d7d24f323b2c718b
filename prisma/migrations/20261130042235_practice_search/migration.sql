-- AlterTable
ALTER TABLE "practice_revisions" ADD COLUMN     "note" TEXT;

-- CreateTable
CREATE TABLE "practice_search_documents" (
    "practice_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body_text" TEXT NOT NULL,
    "label_text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "city_name" TEXT NOT NULL,
    "country" CHAR(2),
    "region" TEXT,
    "priorities" TEXT[],
    "principles" TEXT[],
    "routes" TEXT[],
    "target_groups" TEXT[],
    "published_at" TIMESTAMP(3),
    "head_tsv" tsvector NOT NULL,
    "full_tsv" tsvector NOT NULL,
    "indexed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_search_documents_pkey" PRIMARY KEY ("practice_id")
);

-- CreateTable
CREATE TABLE "search_lexicon" (
    "word" TEXT NOT NULL,
    "doc_count" INTEGER NOT NULL,
    "head_count" INTEGER NOT NULL,
    "deletes" TEXT[],

    CONSTRAINT "search_lexicon_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "practice_search_documents_full_tsv_idx" ON "practice_search_documents" USING GIN ("full_tsv");

-- CreateIndex
CREATE INDEX "practice_search_documents_priorities_idx" ON "practice_search_documents" USING GIN ("priorities");

-- CreateIndex
CREATE INDEX "practice_search_documents_published_at_idx" ON "practice_search_documents"("published_at" DESC);

-- CreateIndex
CREATE INDEX "search_lexicon_deletes_idx" ON "search_lexicon" USING GIN ("deletes");

-- CreateIndex
CREATE INDEX "search_lexicon_word_trgm_idx" ON "search_lexicon" USING GIN ("word" gin_trgm_ops);


-- ───── Hand-written: what Prisma cannot express ─────

-- levenshtein_less_equal() verifies typo corrections (contrib, like pg_trgm and unaccent).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- Text search configurations that fold accents before stemming, so "intégration" and "integration"
-- meet. One per language with a Snowball stemmer we index with; `charter_simple` (no stemming, no
-- stop words) for every other language and for the typo lexicon.
CREATE TEXT SEARCH CONFIGURATION charter_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION charter_simple ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
CREATE TEXT SEARCH CONFIGURATION charter_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION charter_en ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.english_stem;
CREATE TEXT SEARCH CONFIGURATION charter_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION charter_fr ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.french_stem;
CREATE TEXT SEARCH CONFIGURATION charter_es (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION charter_es ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.spanish_stem;
CREATE TEXT SEARCH CONFIGURATION charter_it (COPY = pg_catalog.italian);
ALTER TEXT SEARCH CONFIGURATION charter_it ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.italian_stem;
CREATE TEXT SEARCH CONFIGURATION charter_pt (COPY = pg_catalog.portuguese);
ALTER TEXT SEARCH CONFIGURATION charter_pt ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.portuguese_stem;
CREATE TEXT SEARCH CONFIGURATION charter_de (COPY = pg_catalog.german);
ALTER TEXT SEARCH CONFIGURATION charter_de ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.german_stem;

-- The configuration a practice written in `lang` (ISO 639-1) is indexed with.
CREATE OR REPLACE FUNCTION charter_ts_config(lang text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE lang
    WHEN 'en' THEN 'public.charter_en' WHEN 'fr' THEN 'public.charter_fr' WHEN 'es' THEN 'public.charter_es'
    WHEN 'it' THEN 'public.charter_it' WHEN 'pt' THEN 'public.charter_pt' WHEN 'de' THEN 'public.charter_de'
    ELSE 'public.charter_simple' END::regconfig $$;

-- Every way of removing one letter from a word. Two words within one edit (insertion, deletion,
-- substitution or swap of neighbours) share a member of {word} ∪ deletes: the typo lookup is a GIN
-- probe instead of a trigram scan, and it catches swaps that trigrams miss in short words.
CREATE OR REPLACE FUNCTION search_deletes(w text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(DISTINCT left(w, i - 1) || substr(w, i + 1)), '{}')
        FROM generate_series(1, char_length(w)) AS i $$;

-- The words of a text that typo correction may offer: accent-folded, lower-case, 4 to 32 letters, no
-- digits. (to_tsvector with a named configuration is immutable.)
CREATE OR REPLACE FUNCTION search_words(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(w), '{}') FROM unnest(tsvector_to_array(to_tsvector('public.charter_simple', t))) AS w
        WHERE char_length(w) BETWEEN 4 AND 32 AND w !~ '[0-9_]' $$;

-- What a query word may match in any language we stem: the union of its lexemes under every
-- configuration. A query does not know its language; practices are indexed in theirs.
CREATE OR REPLACE FUNCTION charter_lexemes(w text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(DISTINCT x), '{}') FROM unnest(
          tsvector_to_array(to_tsvector('public.charter_simple', w)) || tsvector_to_array(to_tsvector('public.charter_en', w)) ||
          tsvector_to_array(to_tsvector('public.charter_fr', w)) || tsvector_to_array(to_tsvector('public.charter_es', w)) ||
          tsvector_to_array(to_tsvector('public.charter_it', w)) || tsvector_to_array(to_tsvector('public.charter_pt', w)) ||
          tsvector_to_array(to_tsvector('public.charter_de', w))) AS x $$;

-- A stop word in any stemmed language ("the", "de", "und"): practices in that language do not index
-- it, so requiring it would hide them.
CREATE OR REPLACE FUNCTION charter_is_stopword(w text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT length(to_tsvector('public.charter_en', w)) = 0 OR length(to_tsvector('public.charter_fr', w)) = 0
            OR length(to_tsvector('public.charter_es', w)) = 0 OR length(to_tsvector('public.charter_it', w)) = 0
            OR length(to_tsvector('public.charter_pt', w)) = 0 OR length(to_tsvector('public.charter_de', w)) = 0 $$;
