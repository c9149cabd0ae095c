-- Governance: staff and roles, policy, approvals, notifications, audit trail.
ALTER TABLE "Campaign" ADD COLUMN "ownerStaffId" INTEGER;
ALTER TABLE "Campaign" ADD COLUMN "createdById" INTEGER;
ALTER TABLE "Campaign" ADD COLUMN "approvalState" TEXT NOT NULL DEFAULT 'none';

CREATE TABLE "StaffMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "role" TEXT NOT NULL DEFAULT 'requester',
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StaffMember_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "GovernancePolicy" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "maxPercentWithoutApproval" REAL,
    "maxAmountWithoutApproval" DECIMAL,
    "requireEndDate" BOOLEAN NOT NULL DEFAULT true,
    "maxDurationDays" INTEGER,
    "freeShippingNeedsApproval" BOOLEAN NOT NULL DEFAULT true,
    "unlimitedUseNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
    "ungatedNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
    "requireOwner" BOOLEAN NOT NULL DEFAULT true,
    "requirePurpose" BOOLEAN NOT NULL DEFAULT true,
    "requireChannel" BOOLEAN NOT NULL DEFAULT true,
    "maxCombinedDepthPercent" REAL,
    "refuseUngovernedCodes" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GovernancePolicy_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "ApprovalRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "proposed" TEXT NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" INTEGER NOT NULL,
    "requestNote" TEXT NOT NULL DEFAULT '',
    "decidedById" INTEGER,
    "decisionReason" TEXT,
    "overrideReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "ApprovalRequest_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "entityLabel" TEXT NOT NULL DEFAULT '',
    "diff" TEXT NOT NULL DEFAULT '{}',
    "reason" TEXT,
    CONSTRAINT "AuditEntry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "StaffMember_shopDomain_userId_key" ON "StaffMember"("shopDomain", "userId");

CREATE INDEX "ApprovalRequest_shopDomain_status_createdAt_idx" ON "ApprovalRequest"("shopDomain", "status", "createdAt");

CREATE INDEX "ApprovalRequest_campaignId_createdAt_idx" ON "ApprovalRequest"("campaignId", "createdAt");

CREATE INDEX "Notification_shopDomain_staffId_readAt_idx" ON "Notification"("shopDomain", "staffId", "readAt");

CREATE INDEX "AuditEntry_shopDomain_at_idx" ON "AuditEntry"("shopDomain", "at");

CREATE INDEX "AuditEntry_shopDomain_entityType_entityId_idx" ON "AuditEntry"("shopDomain", "entityType", "entityId");

-- The audit trail is append-only: no statement may change an entry, and entries go only with
-- their shop (shop/redact deletes the Shop row first, then the cascade reaches these rows).
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
WHEN EXISTS (SELECT 1 FROM "Shop" WHERE "domain" = OLD."shopDomain")
BEGIN
  SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be deleted');
END;
