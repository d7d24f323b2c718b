-- AlterTable
ALTER TABLE "practices" ADD COLUMN     "twinning_id" TEXT;

-- AlterTable
ALTER TABLE "twinning_events" ADD COLUMN     "city_id" TEXT,
ADD COLUMN     "from_status" "TwinningStatus",
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "to_status" "TwinningStatus";

-- AlterTable
ALTER TABLE "twinnings" DROP COLUMN "from_consent_at",
DROP COLUMN "to_consent_at",
ADD COLUMN     "activated_at" TIMESTAMP(3),
ADD COLUMN     "broker_note" TEXT,
ADD COLUMN     "closed_at" TIMESTAMP(3),
ADD COLUMN     "end_reason" TEXT,
ADD COLUMN     "match_score" DOUBLE PRECISION,
ADD COLUMN     "open_pair_key" TEXT,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "reasons" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "twinning_consents" (
    "twinning_id" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "consented_at" TIMESTAMP(3),
    "consented_by_id" TEXT,

    CONSTRAINT "twinning_consents_pkey" PRIMARY KEY ("twinning_id","city_id")
);

-- CreateTable
CREATE TABLE "twinning_plan_revisions" (
    "id" TEXT NOT NULL,
    "twinning_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "editor_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "twinning_plan_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "twinning_consents_city_id_idx" ON "twinning_consents"("city_id");

-- CreateIndex
CREATE UNIQUE INDEX "twinning_plan_revisions_twinning_id_revision_key" ON "twinning_plan_revisions"("twinning_id", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "twinnings_open_pair_key_key" ON "twinnings"("open_pair_key");

-- AddForeignKey
ALTER TABLE "practices" ADD CONSTRAINT "practices_twinning_id_fkey" FOREIGN KEY ("twinning_id") REFERENCES "twinnings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_consents" ADD CONSTRAINT "twinning_consents_twinning_id_fkey" FOREIGN KEY ("twinning_id") REFERENCES "twinnings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_consents" ADD CONSTRAINT "twinning_consents_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_consents" ADD CONSTRAINT "twinning_consents_consented_by_id_fkey" FOREIGN KEY ("consented_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_plan_revisions" ADD CONSTRAINT "twinning_plan_revisions_twinning_id_fkey" FOREIGN KEY ("twinning_id") REFERENCES "twinnings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_plan_revisions" ADD CONSTRAINT "twinning_plan_revisions_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- One open or active twinning per pair of cities, whoever writes the row: the key is derived from the
-- row itself (sorted pair while requested/proposed/active, else NULL) and is unique; NULLs never collide.
CREATE FUNCTION twinnings_open_pair_key() RETURNS trigger AS $$
BEGIN
  NEW.open_pair_key := CASE WHEN NEW.status IN ('requested', 'proposed', 'active')
    THEN LEAST(NEW.from_city_id, NEW.to_city_id) || ':' || GREATEST(NEW.from_city_id, NEW.to_city_id)
    ELSE NULL END;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER twinnings_open_pair_key BEFORE INSERT OR UPDATE OF status, from_city_id, to_city_id, open_pair_key ON twinnings
  FOR EACH ROW EXECUTE FUNCTION twinnings_open_pair_key();

ALTER TABLE twinnings ADD CONSTRAINT twinnings_not_self CHECK (from_city_id <> to_city_id);
