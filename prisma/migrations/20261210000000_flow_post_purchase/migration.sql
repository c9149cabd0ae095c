-- Automatic assignment (issue 16, sections 2 and 3): post-purchase rules, the orders they answer
-- (one per order), and the delivery of automatically assigned codes (customer metafield, Flow
-- trigger, email), each channel at most once.
CREATE TABLE "PostPurchaseRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "triggerProducts" TEXT NOT NULL DEFAULT '[]',
    "triggerCollections" TEXT NOT NULL DEFAULT '[]',
    "minimumSubtotal" DECIMAL,
    "firstOrderOnly" BOOLEAN NOT NULL DEFAULT false,
    "poolId" INTEGER,
    "campaignId" INTEGER,
    "validityDays" INTEGER NOT NULL,
    "offerProducts" TEXT NOT NULL DEFAULT '[]',
    "message" TEXT NOT NULL,
    "delayDays" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PostPurchaseRule_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "PostPurchaseOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "ruleId" INTEGER NOT NULL,
    "customerId" TEXT,
    "email" TEXT NOT NULL,
    "sendAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "assignmentId" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    CONSTRAINT "PostPurchaseOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "CodeDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "message" TEXT,
    "offerProducts" TEXT NOT NULL DEFAULT '[]',
    "metafieldAt" DATETIME,
    "triggerAt" DATETIME,
    "emailAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CodeDelivery_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "PostPurchaseRule_shopDomain_status_idx" ON "PostPurchaseRule"("shopDomain", "status");

CREATE UNIQUE INDEX "PostPurchaseOrder_shopDomain_orderId_key" ON "PostPurchaseOrder"("shopDomain", "orderId");

CREATE INDEX "PostPurchaseOrder_ruleId_createdAt_idx" ON "PostPurchaseOrder"("ruleId", "createdAt");

CREATE INDEX "PostPurchaseOrder_shopDomain_customerId_idx" ON "PostPurchaseOrder"("shopDomain", "customerId");

CREATE UNIQUE INDEX "CodeDelivery_assignmentId_key" ON "CodeDelivery"("assignmentId");

CREATE INDEX "CodeDelivery_shopDomain_customerId_idx" ON "CodeDelivery"("shopDomain", "customerId");
