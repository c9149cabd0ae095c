-- Issue 18: the columns that hold JSON are Prisma Json columns (read and written as values, not
-- hand-parsed text): AuditEntry.diff, CouponImport.problems, ApprovalRequest.reasons,
-- PlaybookApplication.report, ExistingDiscount.codes. SQLite cannot change a column's type, so each
-- table is rebuilt with its rows copied over unchanged (they already are JSON text, which is how
-- Prisma stores Json on SQLite). The audit log's append-only triggers go with the old table
-- (DROP TABLE removes a table's triggers before it empties it, so none fires) and are recreated.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CouponImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "totalBytes" INTEGER,
    "processedBytes" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "duplicatesInFile" INTEGER NOT NULL DEFAULT 0,
    "duplicatesInPool" INTEGER NOT NULL DEFAULT 0,
    "duplicatesInOtherPool" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,
    "alreadyInShopify" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "rejectionReason" TEXT,
    "runner" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "CouponImport_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CouponImport" ("alreadyInShopify", "createdAt", "duplicatesInFile", "duplicatesInOtherPool", "duplicatesInPool", "fileName", "finishedAt", "heartbeatAt", "id", "imported", "invalid", "poolId", "problems", "processedBytes", "rejectionReason", "rowsRead", "runner", "shopDomain", "source", "status", "totalBytes") SELECT "alreadyInShopify", "createdAt", "duplicatesInFile", "duplicatesInOtherPool", "duplicatesInPool", "fileName", "finishedAt", "heartbeatAt", "id", "imported", "invalid", "poolId", "problems", "processedBytes", "rejectionReason", "rowsRead", "runner", "shopDomain", "source", "status", "totalBytes" FROM "CouponImport";
DROP TABLE "CouponImport";
ALTER TABLE "new_CouponImport" RENAME TO "CouponImport";
CREATE INDEX "CouponImport_poolId_status_idx" ON "CouponImport"("poolId", "status");
CREATE INDEX "CouponImport_shopDomain_status_idx" ON "CouponImport"("shopDomain", "status");
CREATE TABLE "new_ExistingDiscount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "shopifyDiscountId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "discountType" TEXT NOT NULL,
    "appTitle" TEXT,
    "summary" TEXT,
    "status" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "usageCount" INTEGER NOT NULL DEFAULT 0,
    "usageLimit" INTEGER,
    "codesCount" INTEGER NOT NULL DEFAULT 0,
    "codes" JSONB NOT NULL DEFAULT '[]',
    "importedAt" DATETIME NOT NULL,
    "adoptedAt" DATETIME,
    "adoptedById" INTEGER,
    "ownerStaffId" INTEGER,
    "purpose" TEXT,
    "channel" TEXT,
    CONSTRAINT "ExistingDiscount_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ExistingDiscount" ("adoptedAt", "adoptedById", "appTitle", "channel", "codes", "codesCount", "discountType", "endsAt", "id", "importedAt", "method", "ownerStaffId", "purpose", "shopDomain", "shopifyDiscountId", "startsAt", "status", "summary", "title", "usageCount", "usageLimit") SELECT "adoptedAt", "adoptedById", "appTitle", "channel", "codes", "codesCount", "discountType", "endsAt", "id", "importedAt", "method", "ownerStaffId", "purpose", "shopDomain", "shopifyDiscountId", "startsAt", "status", "summary", "title", "usageCount", "usageLimit" FROM "ExistingDiscount";
DROP TABLE "ExistingDiscount";
ALTER TABLE "new_ExistingDiscount" RENAME TO "ExistingDiscount";
CREATE UNIQUE INDEX "ExistingDiscount_shopDomain_shopifyDiscountId_key" ON "ExistingDiscount"("shopDomain", "shopifyDiscountId");
CREATE TABLE "new_ApprovalRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "proposed" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" INTEGER NOT NULL,
    "requestNote" TEXT NOT NULL DEFAULT '',
    "decidedById" INTEGER,
    "decisionReason" TEXT,
    "overrideReason" TEXT,
    "playbookVersion" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "ApprovalRequest_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApprovalRequest" ("campaignId", "createdAt", "decidedAt", "decidedById", "decisionReason", "id", "kind", "overrideReason", "playbookVersion", "proposed", "reasons", "requestNote", "requestedById", "shopDomain", "status") SELECT "campaignId", "createdAt", "decidedAt", "decidedById", "decisionReason", "id", "kind", "overrideReason", "playbookVersion", "proposed", "reasons", "requestNote", "requestedById", "shopDomain", "status" FROM "ApprovalRequest";
DROP TABLE "ApprovalRequest";
ALTER TABLE "new_ApprovalRequest" RENAME TO "ApprovalRequest";
CREATE INDEX "ApprovalRequest_shopDomain_status_createdAt_idx" ON "ApprovalRequest"("shopDomain", "status", "createdAt");
CREATE INDEX "ApprovalRequest_campaignId_createdAt_idx" ON "ApprovalRequest"("campaignId", "createdAt");
CREATE TABLE "new_AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "entityLabel" TEXT NOT NULL DEFAULT '',
    "diff" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT,
    CONSTRAINT "AuditEntry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditEntry" ("action", "actorId", "actorName", "at", "diff", "entityId", "entityLabel", "entityType", "id", "reason", "shopDomain") SELECT "action", "actorId", "actorName", "at", "diff", "entityId", "entityLabel", "entityType", "id", "reason", "shopDomain" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_shopDomain_at_idx" ON "AuditEntry"("shopDomain", "at");
CREATE INDEX "AuditEntry_shopDomain_entityType_entityId_idx" ON "AuditEntry"("shopDomain", "entityType", "entityId");

-- The audit log stays append-only (as in 20261122050000_governance).
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
WHEN EXISTS (SELECT 1 FROM "Shop" WHERE "domain" = OLD."shopDomain")
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be deleted');
END;

CREATE TABLE "new_PlaybookApplication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "playbookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlaybookApplication_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlaybookApplication_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PlaybookApplication" ("actorName", "actorUserId", "createdAt", "id", "playbookId", "report", "shopDomain", "version") SELECT "actorName", "actorUserId", "createdAt", "id", "playbookId", "report", "shopDomain", "version" FROM "PlaybookApplication";
DROP TABLE "PlaybookApplication";
ALTER TABLE "new_PlaybookApplication" RENAME TO "PlaybookApplication";
CREATE INDEX "PlaybookApplication_playbookId_createdAt_idx" ON "PlaybookApplication"("playbookId", "createdAt");
CREATE INDEX "PlaybookApplication_shopDomain_createdAt_idx" ON "PlaybookApplication"("shopDomain", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

