-- Sample data (npm run seed:sample): every sample row is marked so `--remove` deletes exactly those rows.
ALTER TABLE "users" ADD COLUMN "is_sample" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "networks" ADD COLUMN "is_sample" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "cities" ADD COLUMN "is_sample" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "practices" ADD COLUMN "is_sample" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "threads" ADD COLUMN "is_sample" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "twinnings" ADD COLUMN "is_sample" BOOLEAN NOT NULL DEFAULT false;
