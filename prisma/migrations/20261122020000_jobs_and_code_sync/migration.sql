-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "dedupeKey" TEXT,
    "concurrencyKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Job_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CodeSyncEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "batchKey" TEXT,
    "bulkCreationId" TEXT,
    "error" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CodeSyncEntry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CodeSyncState" (
    "campaignId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "lastRunAt" DATETIME,
    "lastFinishedAt" DATETIME,
    "lastError" TEXT,
    CONSTRAINT "CodeSyncState_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_status_leaseExpiresAt_idx" ON "Job"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Job_concurrencyKey_status_idx" ON "Job"("concurrencyKey", "status");

-- CreateIndex
CREATE INDEX "Job_shopDomain_status_updatedAt_idx" ON "Job"("shopDomain", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "CodeSyncEntry_campaignId_state_id_idx" ON "CodeSyncEntry"("campaignId", "state", "id");

-- CreateIndex
CREATE INDEX "CodeSyncEntry_batchKey_idx" ON "CodeSyncEntry"("batchKey");

-- CreateIndex
CREATE UNIQUE INDEX "CodeSyncEntry_campaignId_codeKey_key" ON "CodeSyncEntry"("campaignId", "codeKey");

-- CreateIndex
CREATE INDEX "CodeSyncState_shopDomain_idx" ON "CodeSyncState"("shopDomain");
