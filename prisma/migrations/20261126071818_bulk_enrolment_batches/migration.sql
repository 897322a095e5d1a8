-- CreateEnum
CREATE TYPE "BulkEnrolmentStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "BulkEnrolmentBatch" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "createdById" TEXT,
    "fileName" TEXT NOT NULL,
    "allOrNothing" BOOLEAN NOT NULL DEFAULT false,
    "status" "BulkEnrolmentStatus" NOT NULL DEFAULT 'PENDING',
    "csvText" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "applied" BOOLEAN,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkEnrolmentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkEnrolmentRow" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT,
    "agency" TEXT,
    "cohort" TEXT,
    "cohortId" TEXT,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "outcome" TEXT,

    CONSTRAINT "BulkEnrolmentRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulkEnrolmentBatch_status_updatedAt_idx" ON "BulkEnrolmentBatch"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "BulkEnrolmentBatch_createdAt_idx" ON "BulkEnrolmentBatch"("createdAt");

-- CreateIndex
CREATE INDEX "BulkEnrolmentRow_batchId_outcome_idx" ON "BulkEnrolmentRow"("batchId", "outcome");

-- CreateIndex
CREATE INDEX "BulkEnrolmentRow_cohortId_idx" ON "BulkEnrolmentRow"("cohortId");

-- CreateIndex
CREATE UNIQUE INDEX "BulkEnrolmentRow_batchId_line_key" ON "BulkEnrolmentRow"("batchId", "line");

-- AddForeignKey
ALTER TABLE "BulkEnrolmentBatch" ADD CONSTRAINT "BulkEnrolmentBatch_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkEnrolmentBatch" ADD CONSTRAINT "BulkEnrolmentBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkEnrolmentRow" ADD CONSTRAINT "BulkEnrolmentRow_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "BulkEnrolmentBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkEnrolmentRow" ADD CONSTRAINT "BulkEnrolmentRow_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;
