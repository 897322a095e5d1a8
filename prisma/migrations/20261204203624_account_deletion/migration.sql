-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "holderNameShown" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deletedAt" TIMESTAMP(3);
