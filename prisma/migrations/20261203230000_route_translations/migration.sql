-- Route names and descriptions per language (en/fr/es); the seed fills them from prisma/seed-data.
ALTER TABLE "routes" ADD COLUMN     "descriptions" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "names" JSONB NOT NULL DEFAULT '{}';
