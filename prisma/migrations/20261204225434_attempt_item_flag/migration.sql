-- AlterTable
ALTER TABLE "AttemptItem" ADD COLUMN     "flagged" BOOLEAN NOT NULL DEFAULT false;
