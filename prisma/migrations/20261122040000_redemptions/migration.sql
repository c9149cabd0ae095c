-- Redemptions: orders that used discount codes, received webhooks, orders backfill (app/domain/redemptions).
-- CreateTable
CREATE TABLE "Redemption" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "orderUpdatedAt" DATETIME NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "campaignId" INTEGER,
    "couponId" INTEGER,
    "customerId" TEXT,
    "email" TEXT,
    "newCustomer" BOOLEAN,
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "subtotal" DECIMAL NOT NULL,
    "total" DECIMAL NOT NULL,
    "totalDiscount" DECIMAL NOT NULL,
    "codeDiscount" DECIMAL NOT NULL,
    "shippingDiscount" DECIMAL NOT NULL,
    "presentmentTotal" DECIMAL NOT NULL,
    "landingSite" TEXT,
    "referringSite" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmTerm" TEXT,
    "utmContent" TEXT,
    "sourceName" TEXT,
    "clientIp" TEXT,
    "userAgentHash" TEXT,
    "recordedFrom" TEXT NOT NULL,
    "leaked" BOOLEAN NOT NULL DEFAULT false,
    "assignedEmail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Redemption_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RedemptionLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "redemptionId" INTEGER NOT NULL,
    "variantId" TEXT,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL NOT NULL,
    "discountAllocated" DECIMAL NOT NULL,
    "codeDiscount" DECIMAL NOT NULL,
    "unitCost" DECIMAL,
    CONSTRAINT "RedemptionLine_redemptionId_fkey" FOREIGN KEY ("redemptionId") REFERENCES "Redemption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    CONSTRAINT "WebhookReceipt_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrdersBackfill" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "since" DATETIME NOT NULL,
    "cursor" TEXT,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "redemptionsSeen" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "OrdersBackfill_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_campaignId_processedAt_idx" ON "Redemption"("shopDomain", "campaignId", "processedAt");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_couponId_idx" ON "Redemption"("shopDomain", "couponId");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_customerId_idx" ON "Redemption"("shopDomain", "customerId");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_email_idx" ON "Redemption"("shopDomain", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shopDomain_orderId_codeKey_key" ON "Redemption"("shopDomain", "orderId", "codeKey");

-- CreateIndex
CREATE INDEX "RedemptionLine_redemptionId_idx" ON "RedemptionLine"("redemptionId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_webhookId_key" ON "WebhookReceipt"("webhookId");

-- CreateIndex
CREATE INDEX "WebhookReceipt_shopDomain_processedAt_idx" ON "WebhookReceipt"("shopDomain", "processedAt");

-- CreateIndex
CREATE INDEX "OrdersBackfill_shopDomain_startedAt_idx" ON "OrdersBackfill"("shopDomain", "startedAt");
