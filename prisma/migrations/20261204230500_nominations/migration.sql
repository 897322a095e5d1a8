-- AlterEnum
ALTER TYPE "EnrolmentStatus" ADD VALUE 'AWAITING_ENDORSEMENT';

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "quotaPerAgency" INTEGER,
ADD COLUMN     "quotaPerCountry" INTEGER,
ADD COLUMN     "quotasEndAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "endorsedAt" TIMESTAMP(3),
ADD COLUMN     "endorsedById" TEXT,
ADD COLUMN     "nominatedById" TEXT;

-- AlterTable
ALTER TABLE "BulkEnrolmentBatch" ADD COLUMN     "nominatedById" TEXT;

-- CreateTable
CREATE TABLE "DecisionBatch" (
    "id" TEXT NOT NULL,
    "createdById" TEXT,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "status" "BulkEnrolmentStatus" NOT NULL DEFAULT 'PENDING',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DecisionBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionBatchRow" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "course" TEXT NOT NULL,
    "outcome" TEXT,

    CONSTRAINT "DecisionBatchRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DecisionBatch_status_updatedAt_idx" ON "DecisionBatch"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "DecisionBatchRow_batchId_outcome_idx" ON "DecisionBatchRow"("batchId", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "DecisionBatchRow_batchId_position_key" ON "DecisionBatchRow"("batchId", "position");

-- CreateIndex
CREATE INDEX "Enrolment_status_createdAt_idx" ON "Enrolment"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_nominatedById_fkey" FOREIGN KEY ("nominatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_endorsedById_fkey" FOREIGN KEY ("endorsedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkEnrolmentBatch" ADD CONSTRAINT "BulkEnrolmentBatch_nominatedById_fkey" FOREIGN KEY ("nominatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionBatch" ADD CONSTRAINT "DecisionBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionBatchRow" ADD CONSTRAINT "DecisionBatchRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "DecisionBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

