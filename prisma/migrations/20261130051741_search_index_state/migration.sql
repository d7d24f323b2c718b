-- CreateTable
CREATE TABLE "search_index_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "search_index_state_pkey" PRIMARY KEY ("id")
);

-- ───── Hand-written ─────
-- Exactly one row, always there: writers bump it, readers compare it.
ALTER TABLE "search_index_state" ADD CONSTRAINT "search_index_state_one_row" CHECK ("id" = 1);
INSERT INTO "search_index_state" ("id", "generation") VALUES (1, 0);
