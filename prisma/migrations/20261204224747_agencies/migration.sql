-- CreateEnum
CREATE TYPE "AgencyType" AS ENUM ('POLICE', 'PROSECUTION', 'JUDICIARY', 'FORENSIC_LAB', 'MINISTRY', 'OTHER');

-- CreateEnum
CREATE TYPE "VettingStatus" AS ENUM ('UNVERIFIED', 'VERIFIED', 'DECLINED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'FOCAL_POINT';

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'all';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "agencyId" TEXT,
ADD COLUMN     "vettedAt" TIMESTAMP(3),
ADD COLUMN     "vettedById" TEXT,
ADD COLUMN     "vettingMethod" TEXT,
ADD COLUMN     "vettingReason" TEXT,
ADD COLUMN     "vettingStatus" "VettingStatus" NOT NULL DEFAULT 'UNVERIFIED';

-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameTranslations" JSONB NOT NULL DEFAULT '{}',
    "country" TEXT NOT NULL,
    "type" "AgencyType" NOT NULL DEFAULT 'OTHER',
    "parentId" TEXT,
    "trustedDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FocalPointScope" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "agencyId" TEXT,
    "country" TEXT,
    "appointedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FocalPointScope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Agency_country_idx" ON "Agency"("country");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_country_name_key" ON "Agency"("country", "name");

-- CreateIndex
CREATE INDEX "FocalPointScope_agencyId_idx" ON "FocalPointScope"("agencyId");

-- CreateIndex
CREATE INDEX "FocalPointScope_country_idx" ON "FocalPointScope"("country");

-- CreateIndex
CREATE UNIQUE INDEX "FocalPointScope_userId_agencyId_key" ON "FocalPointScope"("userId", "agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "FocalPointScope_userId_country_key" ON "FocalPointScope"("userId", "country");

-- CreateIndex
CREATE INDEX "User_agencyId_vettingStatus_idx" ON "User"("agencyId", "vettingStatus");

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocalPointScope" ADD CONSTRAINT "FocalPointScope_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocalPointScope" ADD CONSTRAINT "FocalPointScope_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocalPointScope" ADD CONSTRAINT "FocalPointScope_appointedById_fkey" FOREIGN KEY ("appointedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_vettedById_fkey" FOREIGN KEY ("vettedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A focal point's appointment names exactly one agency or one whole country. A trigger, not a
-- CHECK constraint: Prisma 6.19's WebAssembly schema engine crashes replaying CHECK constraints
-- into its shadow database (the drift check, npm run db:check).
CREATE FUNCTION focal_point_scope_one_target() RETURNS trigger AS $$
BEGIN
  IF num_nonnulls(NEW."agencyId", NEW."country") <> 1 THEN
    RAISE EXCEPTION 'FocalPointScope needs exactly one of agencyId and country' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER focal_point_scope_one_target
BEFORE INSERT OR UPDATE ON "FocalPointScope"
FOR EACH ROW EXECUTE FUNCTION focal_point_scope_one_target();
