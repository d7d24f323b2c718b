-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "body_html" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "deleted_at" TIMESTAMP(3),
ADD COLUMN     "mentions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "seq" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "thread_participants" ADD COLUMN     "last_read_seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "threads" ADD COLUMN     "direct_key" TEXT,
ADD COLUMN     "last_seq" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "messages_thread_id_seq_key" ON "messages"("thread_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "threads_direct_key_key" ON "threads"("direct_key");
