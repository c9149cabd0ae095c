-- Agencies (issue 20): playbooks saved from one store and applied to others, the campaigns and
-- approval requests that came from them, and an Owner's removal of someone's access to a store.
CREATE TABLE "Agency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "AgencyMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agencyId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "admin" BOOLEAN NOT NULL DEFAULT false,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgencyMember_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "AgencyMember_userId_key" ON "AgencyMember"("userId");
CREATE INDEX "AgencyMember_agencyId_idx" ON "AgencyMember"("agencyId");

CREATE TABLE "Playbook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agencyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Playbook_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Playbook_agencyId_nameKey_key" ON "Playbook"("agencyId", "nameKey");

CREATE TABLE "PlaybookVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "playbookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL,
    "sourceShop" TEXT,
    "authorUserId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlaybookVersion_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "PlaybookVersion_playbookId_version_key" ON "PlaybookVersion"("playbookId", "version");

CREATE TABLE "PlaybookApplication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "playbookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "report" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlaybookApplication_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlaybookApplication_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "PlaybookApplication_playbookId_createdAt_idx" ON "PlaybookApplication"("playbookId", "createdAt");
CREATE INDEX "PlaybookApplication_shopDomain_createdAt_idx" ON "PlaybookApplication"("shopDomain", "createdAt");

-- A column with a foreign key can be added in place when it defaults to NULL.
ALTER TABLE "Campaign" ADD COLUMN "playbookId" INTEGER REFERENCES "Playbook" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Campaign" ADD COLUMN "playbookEntry" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "playbookVersion" INTEGER;
CREATE INDEX "Campaign_shopDomain_playbookId_playbookEntry_idx" ON "Campaign"("shopDomain", "playbookId", "playbookEntry");

ALTER TABLE "ApprovalRequest" ADD COLUMN "playbookVersion" INTEGER;

ALTER TABLE "StaffMember" ADD COLUMN "accessRemovedAt" DATETIME;
