-- Campaigns, the stacking guard and the audit list of existing discounts (app/domain/campaigns).
-- CreateTable
CREATE TABLE "Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerName" TEXT NOT NULL,
    "ownerEmail" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "codeSource" TEXT NOT NULL,
    "sharedCode" TEXT,
    "generatedCount" INTEGER,
    "generatedPrefix" TEXT,
    "generatedLength" INTEGER,
    "poolId" INTEGER,
    "ownsPool" BOOLEAN NOT NULL DEFAULT false,
    "initialCode" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "usageLimit" INTEGER,
    "oncePerCustomer" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithProduct" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithOrder" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithShipping" BOOLEAN NOT NULL DEFAULT false,
    "stackingCategory" TEXT NOT NULL DEFAULT 'joint',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "shopifyDiscountId" TEXT,
    "publishedAt" DATETIME,
    "lastPublishError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Campaign_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Campaign_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StackingGuard" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "shopifyDiscountId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "catalogueEntries" INTEGER NOT NULL DEFAULT 0,
    "catalogueUpdatedAt" DATETIME,
    CONSTRAINT "StackingGuard_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExistingDiscount" (
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
    "codes" TEXT NOT NULL DEFAULT '[]',
    "importedAt" DATETIME NOT NULL,
    CONSTRAINT "ExistingDiscount_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_shopifyDiscountId_key" ON "Campaign"("shopifyDiscountId");

-- CreateIndex
CREATE INDEX "Campaign_shopDomain_createdAt_idx" ON "Campaign"("shopDomain", "createdAt");

-- CreateIndex
CREATE INDEX "Campaign_poolId_idx" ON "Campaign"("poolId");

-- CreateIndex
CREATE UNIQUE INDEX "ExistingDiscount_shopDomain_shopifyDiscountId_key" ON "ExistingDiscount"("shopDomain", "shopifyDiscountId");

