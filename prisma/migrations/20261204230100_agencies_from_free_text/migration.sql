-- Data migration (docs/decisions/026): today's free-text "User"."agency" becomes agency records.
-- One agency per country and trimmed name, exactly as typed (case and spelling variants are left
-- to the duplicates view at /admin/agencies/duplicates, where an administrator merges them).
-- People without a country keep their free text and no agency: an agency belongs to a country,
-- and guessing one would put them under the wrong focal point. The free text is never changed.
-- Idempotent: running it again creates nothing and assigns only people still without an agency.
INSERT INTO "Agency" ("id", "name", "country", "type", "updatedAt")
SELECT gen_random_uuid()::text, t.name, t.country, 'OTHER', CURRENT_TIMESTAMP
FROM (
    SELECT DISTINCT "country", left(btrim("agency"), 160) AS name
    FROM "User"
    WHERE "country" IS NOT NULL AND "agency" IS NOT NULL AND btrim("agency") <> ''
) t
ON CONFLICT ("country", "name") DO NOTHING;

UPDATE "User" u
SET "agencyId" = a."id"
FROM "Agency" a
WHERE u."agencyId" IS NULL
  AND u."country" IS NOT NULL
  AND u."agency" IS NOT NULL
  AND a."country" = u."country"
  AND a."name" = left(btrim(u."agency"), 160);
