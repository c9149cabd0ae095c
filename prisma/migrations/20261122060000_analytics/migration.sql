-- Analytics: every order, variant costs, rollups, holdouts, fraud review.
ALTER TABLE "Campaign" ADD COLUMN "holdoutPercent" REAL NOT NULL DEFAULT 0;
ALTER TABLE "Campaign" ADD COLUMN "holdoutWindowDays" INTEGER NOT NULL DEFAULT 14;
ALTER TABLE "Campaign" ADD COLUMN "experiment" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "utmCampaign" TEXT;
ALTER TABLE "Redemption" ADD COLUMN "shippingAddressHash" TEXT;

CREATE TABLE "ShopOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderUpdatedAt" DATETIME NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "email" TEXT,
    "customerId" TEXT,
    "subtotal" DECIMAL NOT NULL,
    "total" DECIMAL NOT NULL,
    "totalDiscount" DECIMAL NOT NULL,
    "cogs" DECIMAL NOT NULL DEFAULT 0,
    "linesWithoutCost" INTEGER NOT NULL DEFAULT 0,
    "hasCode" BOOLEAN NOT NULL,
    "landingSite" TEXT,
    "utmCampaign" TEXT,
    CONSTRAINT "ShopOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "VariantCost" (
    "shopDomain" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "unitCost" DECIMAL,
    "refreshedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "variantId"),
    CONSTRAINT "VariantCost_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "AnalyticsRollup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "redemptions" INTEGER NOT NULL DEFAULT 0,
    "influenced" INTEGER NOT NULL DEFAULT 0,
    "leaked" INTEGER NOT NULL DEFAULT 0,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "grossRevenue" DECIMAL NOT NULL DEFAULT 0,
    "lineDiscount" DECIMAL NOT NULL DEFAULT 0,
    "orderDiscount" DECIMAL NOT NULL DEFAULT 0,
    "shippingDiscount" DECIMAL NOT NULL DEFAULT 0,
    "netRevenue" DECIMAL NOT NULL DEFAULT 0,
    "cogs" DECIMAL NOT NULL DEFAULT 0,
    "linesWithoutCost" INTEGER NOT NULL DEFAULT 0,
    "influencedRevenue" DECIMAL NOT NULL DEFAULT 0,
    "newCustomers" INTEGER NOT NULL DEFAULT 0,
    "returningCustomers" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "AnalyticsRollup_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "HoldoutAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "email" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "assignedAt" DATETIME NOT NULL,
    CONSTRAINT "HoldoutAssignment_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "FraudCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "clusterKey" TEXT NOT NULL,
    "redemptionIds" TEXT NOT NULL DEFAULT '[]',
    "evidence" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'open',
    "decidedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FraudCase_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "BlockedCustomer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "fraudCaseId" INTEGER,
    "blockedById" INTEGER,
    "blockedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BlockedCustomer_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "ShopOrder_shopDomain_processedAt_idx" ON "ShopOrder"("shopDomain", "processedAt");

CREATE INDEX "ShopOrder_shopDomain_email_processedAt_idx" ON "ShopOrder"("shopDomain", "email", "processedAt");

CREATE INDEX "ShopOrder_shopDomain_customerId_processedAt_idx" ON "ShopOrder"("shopDomain", "customerId", "processedAt");

CREATE UNIQUE INDEX "ShopOrder_shopDomain_orderId_key" ON "ShopOrder"("shopDomain", "orderId");

CREATE UNIQUE INDEX "AnalyticsRollup_shopDomain_dimension_key_day_key" ON "AnalyticsRollup"("shopDomain", "dimension", "key", "day");

CREATE INDEX "HoldoutAssignment_shopDomain_campaignId_assignedAt_idx" ON "HoldoutAssignment"("shopDomain", "campaignId", "assignedAt");

CREATE INDEX "HoldoutAssignment_shopDomain_email_idx" ON "HoldoutAssignment"("shopDomain", "email");

CREATE UNIQUE INDEX "HoldoutAssignment_poolId_idempotencyKey_key" ON "HoldoutAssignment"("poolId", "idempotencyKey");

CREATE INDEX "FraudCase_shopDomain_status_idx" ON "FraudCase"("shopDomain", "status");

CREATE UNIQUE INDEX "FraudCase_shopDomain_signal_clusterKey_key" ON "FraudCase"("shopDomain", "signal", "clusterKey");

CREATE UNIQUE INDEX "BlockedCustomer_shopDomain_customerId_key" ON "BlockedCustomer"("shopDomain", "customerId");
