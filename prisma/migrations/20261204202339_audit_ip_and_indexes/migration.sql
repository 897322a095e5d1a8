-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "ip" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- The audit trail is append-only: no row is deleted, and no recorded fact changes. The one
-- update allowed is the foreign keys' ON DELETE SET NULL (actor or target set to null).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'AuditEvent rows are append-only (delete refused)';
  END IF;
  IF NEW."id" IS DISTINCT FROM OLD."id"
     OR NEW."action" IS DISTINCT FROM OLD."action"
     OR NEW."detail"::text IS DISTINCT FROM OLD."detail"::text
     OR NEW."ip" IS DISTINCT FROM OLD."ip"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
     OR (NEW."actorId" IS DISTINCT FROM OLD."actorId" AND NEW."actorId" IS NOT NULL)
     OR (NEW."targetId" IS DISTINCT FROM OLD."targetId" AND NEW."targetId" IS NOT NULL) THEN
    RAISE EXCEPTION 'AuditEvent rows are append-only (update refused)';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
