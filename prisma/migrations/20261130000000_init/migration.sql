-- Extensions used by text search over cities and practices (both ship with PostgreSQL contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CityRole" AS ENUM ('focal_point', 'practitioner');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('offer', 'seek', 'both');

-- CreateEnum
CREATE TYPE "RouteRole" AS ENUM ('origin', 'transit', 'destination');

-- CreateEnum
CREATE TYPE "PracticeStatus" AS ENUM ('draft', 'in_review', 'published', 'archived');

-- CreateEnum
CREATE TYPE "TwinningStatus" AS ENUM ('requested', 'proposed', 'active', 'declined', 'withdrawn', 'ended');

-- CreateEnum
CREATE TYPE "EmailFrequency" AS ENUM ('instant', 'daily', 'weekly', 'off');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "is_platform_admin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "user_agent" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "countries" (
    "code" CHAR(2) NOT NULL,
    "names" JSONB NOT NULL,
    "region" TEXT NOT NULL,
    "subregion" TEXT,

    CONSTRAINT "countries_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "principles" (
    "slug" TEXT NOT NULL,
    "order" INTEGER NOT NULL,
    "label" JSONB NOT NULL,
    "theme" JSONB NOT NULL,

    CONSTRAINT "principles_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "priorities" (
    "code" TEXT NOT NULL,
    "principle_slug" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "label" JSONB NOT NULL,

    CONSTRAINT "priorities_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "routes" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "sourced_from" TEXT,
    "stage_hints" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "routes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "networks" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'network',
    "country" CHAR(2),
    "is_founding" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "networks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_managers" (
    "network_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_managers_pkey" PRIMARY KEY ("network_id","user_id")
);

-- CreateTable
CREATE TABLE "cities" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'city',
    "country_code" CHAR(2),
    "region" TEXT,
    "population" INTEGER,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "languages" TEXT[],
    "geonames_id" INTEGER,
    "location_note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_cities" (
    "network_id" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "network_cities_pkey" PRIMARY KEY ("network_id","city_id")
);

-- CreateTable
CREATE TABLE "city_memberships" (
    "city_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "CityRole" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "city_memberships_pkey" PRIMARY KEY ("city_id","user_id")
);

-- CreateTable
CREATE TABLE "city_priorities" (
    "city_id" TEXT NOT NULL,
    "priority_code" TEXT NOT NULL,
    "stance" "Stance" NOT NULL,

    CONSTRAINT "city_priorities_pkey" PRIMARY KEY ("city_id","priority_code")
);

-- CreateTable
CREATE TABLE "city_routes" (
    "city_id" TEXT NOT NULL,
    "route_id" TEXT NOT NULL,
    "role" "RouteRole" NOT NULL,

    CONSTRAINT "city_routes_pkey" PRIMARY KEY ("city_id","route_id","role")
);

-- CreateTable
CREATE TABLE "practices" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" "PracticeStatus" NOT NULL DEFAULT 'draft',
    "author_id" TEXT NOT NULL,
    "target_groups" TEXT[],
    "how_to" JSONB,
    "budget" TEXT,
    "started_on" DATE,
    "ended_on" DATE,
    "outcomes" TEXT,
    "contact" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "published_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "practices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practice_priorities" (
    "practice_id" TEXT NOT NULL,
    "priority_code" TEXT NOT NULL,

    CONSTRAINT "practice_priorities_pkey" PRIMARY KEY ("practice_id","priority_code")
);

-- CreateTable
CREATE TABLE "practice_routes" (
    "practice_id" TEXT NOT NULL,
    "route_id" TEXT NOT NULL,

    CONSTRAINT "practice_routes_pkey" PRIMARY KEY ("practice_id","route_id")
);

-- CreateTable
CREATE TABLE "practice_revisions" (
    "id" TEXT NOT NULL,
    "practice_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "editor_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practice_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "threads" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "practice_id" TEXT,
    "twinning_id" TEXT,
    "route_id" TEXT,
    "last_message_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "thread_cities" (
    "thread_id" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thread_cities_pkey" PRIMARY KEY ("thread_id","city_id")
);

-- CreateTable
CREATE TABLE "thread_participants" (
    "thread_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "last_read_at" TIMESTAMP(3),
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thread_participants_pkey" PRIMARY KEY ("thread_id","user_id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMP(3),

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "twinnings" (
    "id" TEXT NOT NULL,
    "from_city_id" TEXT NOT NULL,
    "to_city_id" TEXT NOT NULL,
    "themes" TEXT[],
    "message" TEXT NOT NULL,
    "status" "TwinningStatus" NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "brokered_by_network_id" TEXT,
    "from_consent_at" TIMESTAMP(3),
    "to_consent_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "twinnings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "twinning_events" (
    "id" TEXT NOT NULL,
    "twinning_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "twinning_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),
    "emailed_at" TIMESTAMP(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preferences" (
    "user_id" TEXT NOT NULL,
    "email" "EmailFrequency" NOT NULL DEFAULT 'instant',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "job_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "priorities_principle_slug_n_key" ON "priorities"("principle_slug", "n");

-- CreateIndex
CREATE UNIQUE INDEX "routes_slug_key" ON "routes"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "networks_slug_key" ON "networks"("slug");

-- CreateIndex
CREATE INDEX "network_managers_user_id_idx" ON "network_managers"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "cities_geonames_id_key" ON "cities"("geonames_id");

-- CreateIndex
CREATE INDEX "cities_country_code_idx" ON "cities"("country_code");

-- CreateIndex
CREATE INDEX "cities_name_idx" ON "cities"("name");

-- CreateIndex
CREATE INDEX "network_cities_city_id_idx" ON "network_cities"("city_id");

-- CreateIndex
CREATE INDEX "city_memberships_user_id_idx" ON "city_memberships"("user_id");

-- CreateIndex
CREATE INDEX "city_priorities_priority_code_idx" ON "city_priorities"("priority_code");

-- CreateIndex
CREATE INDEX "city_routes_route_id_role_idx" ON "city_routes"("route_id", "role");

-- CreateIndex
CREATE INDEX "practices_city_id_idx" ON "practices"("city_id");

-- CreateIndex
CREATE INDEX "practices_status_idx" ON "practices"("status");

-- CreateIndex
CREATE INDEX "practice_priorities_priority_code_idx" ON "practice_priorities"("priority_code");

-- CreateIndex
CREATE INDEX "practice_routes_route_id_idx" ON "practice_routes"("route_id");

-- CreateIndex
CREATE INDEX "practice_revisions_practice_id_version_idx" ON "practice_revisions"("practice_id", "version");

-- CreateIndex
CREATE INDEX "thread_cities_city_id_idx" ON "thread_cities"("city_id");

-- CreateIndex
CREATE INDEX "thread_participants_user_id_idx" ON "thread_participants"("user_id");

-- CreateIndex
CREATE INDEX "messages_thread_id_created_at_id_idx" ON "messages"("thread_id", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "twinnings_from_city_id_status_idx" ON "twinnings"("from_city_id", "status");

-- CreateIndex
CREATE INDEX "twinnings_to_city_id_status_idx" ON "twinnings"("to_city_id", "status");

-- CreateIndex
CREATE INDEX "twinning_events_twinning_id_created_at_idx" ON "twinning_events"("twinning_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_dedupe_key_key" ON "notifications"("user_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_job_id_key" ON "outbox_events"("job_id");

-- CreateIndex
CREATE INDEX "outbox_events_dispatched_at_available_at_idx" ON "outbox_events"("dispatched_at", "available_at");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "priorities" ADD CONSTRAINT "priorities_principle_slug_fkey" FOREIGN KEY ("principle_slug") REFERENCES "principles"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_managers" ADD CONSTRAINT "network_managers_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_managers" ADD CONSTRAINT "network_managers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cities" ADD CONSTRAINT "cities_country_code_fkey" FOREIGN KEY ("country_code") REFERENCES "countries"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_cities" ADD CONSTRAINT "network_cities_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_cities" ADD CONSTRAINT "network_cities_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "city_memberships" ADD CONSTRAINT "city_memberships_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "city_memberships" ADD CONSTRAINT "city_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "city_priorities" ADD CONSTRAINT "city_priorities_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "city_priorities" ADD CONSTRAINT "city_priorities_priority_code_fkey" FOREIGN KEY ("priority_code") REFERENCES "priorities"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "city_routes" ADD CONSTRAINT "city_routes_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "city_routes" ADD CONSTRAINT "city_routes_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "routes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practices" ADD CONSTRAINT "practices_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practices" ADD CONSTRAINT "practices_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_priorities" ADD CONSTRAINT "practice_priorities_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_priorities" ADD CONSTRAINT "practice_priorities_priority_code_fkey" FOREIGN KEY ("priority_code") REFERENCES "priorities"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_routes" ADD CONSTRAINT "practice_routes_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_routes" ADD CONSTRAINT "practice_routes_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "routes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_revisions" ADD CONSTRAINT "practice_revisions_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_revisions" ADD CONSTRAINT "practice_revisions_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_practice_id_fkey" FOREIGN KEY ("practice_id") REFERENCES "practices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_twinning_id_fkey" FOREIGN KEY ("twinning_id") REFERENCES "twinnings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "routes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_cities" ADD CONSTRAINT "thread_cities_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_cities" ADD CONSTRAINT "thread_cities_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_from_city_id_fkey" FOREIGN KEY ("from_city_id") REFERENCES "cities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_to_city_id_fkey" FOREIGN KEY ("to_city_id") REFERENCES "cities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinnings" ADD CONSTRAINT "twinnings_brokered_by_network_id_fkey" FOREIGN KEY ("brokered_by_network_id") REFERENCES "networks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_events" ADD CONSTRAINT "twinning_events_twinning_id_fkey" FOREIGN KEY ("twinning_id") REFERENCES "twinnings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "twinning_events" ADD CONSTRAINT "twinning_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

