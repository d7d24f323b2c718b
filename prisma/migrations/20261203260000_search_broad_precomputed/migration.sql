-- Precomputed broad queries (docs/search.md, "Precomputed broad queries"): filled on a first ask, moved by every write.
-- CreateTable
CREATE TABLE "search_broad_keys" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "match" TEXT,
    "exact" TEXT,
    "any_query" TEXT,
    "filters" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_broad_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_broad_facets" (
    "key_id" BIGINT NOT NULL,
    "value" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "search_broad_facets_pkey" PRIMARY KEY ("key_id","value")
);

-- CreateTable
CREATE TABLE "search_broad_top" (
    "key_id" BIGINT NOT NULL,
    "practice_id" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "published_at" TIMESTAMP(3),

    CONSTRAINT "search_broad_top_pkey" PRIMARY KEY ("key_id","practice_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "search_broad_keys_key_key" ON "search_broad_keys"("key");

-- CreateIndex
CREATE INDEX "search_broad_top_rank_idx" ON "search_broad_top"("key_id", "score" DESC, "published_at" DESC);

-- CreateIndex
CREATE INDEX "search_broad_top_practice_idx" ON "search_broad_top"("practice_id");

-- AddForeignKey
ALTER TABLE "search_broad_facets" ADD CONSTRAINT "search_broad_facets_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "search_broad_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "search_broad_top" ADD CONSTRAINT "search_broad_top_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "search_broad_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

