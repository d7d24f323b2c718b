-- Accent- and case-insensitive substring search on city names (GET /api/cities?q=).
-- Hand-written: Prisma cannot express expression indexes, so the schema does not mention this one.
-- unaccent() is only STABLE (its dictionary could change); an index needs an IMMUTABLE wrapper that
-- names the dictionary explicitly.
CREATE OR REPLACE FUNCTION "cities_name_norm"(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE INDEX "cities_name_trgm_idx" ON "cities" USING gin ("cities_name_norm"("name") gin_trgm_ops);
