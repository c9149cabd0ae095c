-- Hand-written, appended to the generated migration by scripts/postgres-schema.ts: what the
-- SQLite migrations add beyond Prisma's schema, in PostgreSQL's terms.

-- The audit trail is append-only: no statement may change an entry, and entries go only with
-- their shop (shop/redact deletes the Shop row first, and the cascade then finds no Shop row).
-- Prisma's schema engine splits a migration at every semicolon, even inside a function's body,
-- so the body is an E'' string whose semicolons are written \073.
CREATE FUNCTION "AuditEntry_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' THEN
    RAISE EXCEPTION ''The audit log is append-only: entries cannot be changed''\073
  END IF\073
  IF EXISTS (SELECT 1 FROM "Shop" WHERE "domain" = OLD."shopDomain") THEN
    RAISE EXCEPTION ''The audit log is append-only: entries cannot be deleted''\073
  END IF\073
  RETURN OLD\073
END\073
';

CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();

CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "AuditEntry_append_only"();
