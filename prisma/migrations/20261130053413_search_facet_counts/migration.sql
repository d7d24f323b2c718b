-- CreateTable
CREATE TABLE "search_facet_counts" (
    "value" TEXT NOT NULL,
    "doc_count" INTEGER NOT NULL,

    CONSTRAINT "search_facet_counts_pkey" PRIMARY KEY ("value")
);

-- ───── Hand-written ─────
-- Counts of the documents already indexed; from here on the index writes keep them in step.
INSERT INTO "search_facet_counts" ("value", "doc_count")
SELECT v, count(*)::int FROM "practice_search_documents", unnest("facets") AS v GROUP BY v;
