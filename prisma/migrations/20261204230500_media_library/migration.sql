-- Media library (decision 024): uploaded images and PDFs, retained bytes, per-revision manifest.

-- AlterTable
ALTER TABLE "CourseRevision" ADD COLUMN     "media" JSONB NOT NULL DEFAULT '[]';

-- Every existing revision was published with the media the course has now.
UPDATE "CourseRevision" r SET "media" = COALESCE(
  (SELECT jsonb_agg(jsonb_build_object('name', m."name", 'sha256', m."sha256") ORDER BY m."name")
     FROM "CourseMedia" m WHERE m."courseId" = r."courseId"),
  '[]'::jsonb);

-- AlterTable
ALTER TABLE "CourseMedia" DROP CONSTRAINT "CourseMedia_pkey",
ADD COLUMN     "alt" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'image',
ADD COLUMN     "removedAt" TIMESTAMP(3),
ADD COLUMN     "size" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "width" DROP NOT NULL,
ALTER COLUMN "height" DROP NOT NULL,
ADD CONSTRAINT "CourseMedia_pkey" PRIMARY KEY ("id");

UPDATE "CourseMedia" SET "size" = octet_length("bytes");
ALTER TABLE "CourseMedia" ALTER COLUMN "id" DROP DEFAULT, ALTER COLUMN "size" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "CourseMedia_courseId_removedAt_idx" ON "CourseMedia"("courseId", "removedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseMedia_courseId_name_sha256_key" ON "CourseMedia"("courseId", "name", "sha256");
