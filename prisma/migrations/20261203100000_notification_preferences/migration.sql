-- CreateEnum
CREATE TYPE "EmailMode" AS ENUM ('instant', 'digest', 'none');

-- DropIndex
DROP INDEX "notifications_user_id_created_at_idx";

-- AlterTable
ALTER TABLE "notification_preferences" ADD COLUMN     "digest_watermark" TIMESTAMP(3),
ADD COLUMN     "timezone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "types" JSONB NOT NULL DEFAULT '{}',
ALTER COLUMN "email" SET DEFAULT 'daily';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "email_mode" "EmailMode" NOT NULL DEFAULT 'none',
ADD COLUMN     "in_app" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "digest_emails" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "notification_ids" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "digest_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "digest_emails_user_id_slot_key" ON "digest_emails"("user_id", "slot");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_id_idx" ON "notifications"("user_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "notifications_user_id_email_mode_emailed_at_idx" ON "notifications"("user_id", "email_mode", "emailed_at");

-- AddForeignKey
ALTER TABLE "digest_emails" ADD CONSTRAINT "digest_emails_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

