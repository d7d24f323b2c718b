-- Join requests (issue 11). One open request per user and city: "open" is true while pending and NULL once
-- decided, so the unique key (city, user, open) ignores decided rows (NULLs are distinct).
-- CreateEnum
CREATE TYPE "JoinRequestStatus" AS ENUM ('pending', 'approved', 'declined');

-- CreateTable
CREATE TABLE "join_requests" (
    "id" TEXT NOT NULL,
    "city_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "CityRole" NOT NULL,
    "message" TEXT,
    "status" "JoinRequestStatus" NOT NULL DEFAULT 'pending',
    "open" BOOLEAN DEFAULT true,
    "reason" TEXT,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "join_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "join_requests_city_id_status_created_at_idx" ON "join_requests"("city_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "join_requests_user_id_idx" ON "join_requests"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "join_requests_city_id_user_id_open_key" ON "join_requests"("city_id", "user_id", "open");

-- AddForeignKey
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_city_id_fkey" FOREIGN KEY ("city_id") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written (Prisma does not model CHECK constraints): "open" follows the status.
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_open_follows_status" CHECK (("status" = 'pending') = ("open" IS NOT NULL AND "open"));
