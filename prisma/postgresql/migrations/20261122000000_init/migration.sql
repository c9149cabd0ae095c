-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currencyCode" TEXT,
    "ianaTimezone" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT,
    "customerId" TEXT,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ComplianceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponPool" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "lowStockAlertEnabled" BOOLEAN NOT NULL DEFAULT false,
    "lowStockThreshold" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CouponPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Coupon" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "message" TEXT,
    "expiresAt" TIMESTAMP(3),
    "validityDays" INTEGER,
    "assignedAt" TIMESTAMP(3),
    "redeemedAt" TIMESTAMP(3),
    "importId" INTEGER,

    CONSTRAINT "Coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponAssignment" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "couponId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "customerId" TEXT,
    "metadata" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CouponAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoolAlert" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "openKind" TEXT,
    "available" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "PoolAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponImport" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CouponImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
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
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "usageLimit" INTEGER,
    "oncePerCustomer" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithProduct" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithOrder" BOOLEAN NOT NULL DEFAULT false,
    "combinesWithShipping" BOOLEAN NOT NULL DEFAULT false,
    "stackingCategory" TEXT NOT NULL DEFAULT 'joint',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "shopifyDiscountId" TEXT,
    "publishedAt" TIMESTAMP(3),
    "lastPublishError" TEXT,
    "ownerStaffId" INTEGER,
    "createdById" INTEGER,
    "approvalState" TEXT NOT NULL DEFAULT 'none',
    "holdoutPercent" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "holdoutWindowDays" INTEGER NOT NULL DEFAULT 14,
    "experiment" TEXT,
    "utmCampaign" TEXT,
    "budgetDiscount" DECIMAL(65,30),
    "budgetRevenue" DECIMAL(65,30),
    "budgetRedemptions" INTEGER,
    "budgetReachedAt" TIMESTAMP(3),
    "budgetReachedBy" TEXT,
    "dailyCap" INTEGER,
    "pauseReason" TEXT,
    "pausedUntil" TIMESTAMP(3),
    "playbookId" INTEGER,
    "playbookEntry" TEXT,
    "playbookVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StackingGuard" (
    "shopDomain" TEXT NOT NULL,
    "shopifyDiscountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "catalogueEntries" INTEGER NOT NULL DEFAULT 0,
    "catalogueUpdatedAt" TIMESTAMP(3),

    CONSTRAINT "StackingGuard_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateTable
CREATE TABLE "ExistingDiscount" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "shopifyDiscountId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "discountType" TEXT NOT NULL,
    "appTitle" TEXT,
    "summary" TEXT,
    "status" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "usageCount" INTEGER NOT NULL DEFAULT 0,
    "usageLimit" INTEGER,
    "codesCount" INTEGER NOT NULL DEFAULT 0,
    "codes" JSONB NOT NULL DEFAULT '[]',
    "importedAt" TIMESTAMP(3) NOT NULL,
    "adoptedAt" TIMESTAMP(3),
    "adoptedById" INTEGER,
    "ownerStaffId" INTEGER,
    "purpose" TEXT,
    "channel" TEXT,

    CONSTRAINT "ExistingDiscount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "dedupeKey" TEXT,
    "concurrencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeSyncEntry" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "batchKey" TEXT,
    "bulkCreationId" TEXT,
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CodeSyncEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeSyncState" (
    "campaignId" INTEGER NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "CodeSyncState_pkey" PRIMARY KEY ("campaignId")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "orderUpdatedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "campaignId" INTEGER,
    "couponId" INTEGER,
    "customerId" TEXT,
    "email" TEXT,
    "newCustomer" BOOLEAN,
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "subtotal" DECIMAL(65,30) NOT NULL,
    "total" DECIMAL(65,30) NOT NULL,
    "totalDiscount" DECIMAL(65,30) NOT NULL,
    "codeDiscount" DECIMAL(65,30) NOT NULL,
    "shippingDiscount" DECIMAL(65,30) NOT NULL,
    "presentmentTotal" DECIMAL(65,30) NOT NULL,
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
    "shippingAddressHash" TEXT,
    "recordedFrom" TEXT NOT NULL,
    "leaked" BOOLEAN NOT NULL DEFAULT false,
    "assignedEmail" TEXT,
    "orderDiscount" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "cogs" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "linesWithoutCost" INTEGER NOT NULL DEFAULT 0,
    "influence" TEXT NOT NULL DEFAULT 'applied',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RedemptionLine" (
    "id" SERIAL NOT NULL,
    "redemptionId" INTEGER NOT NULL,
    "variantId" TEXT,
    "sku" TEXT,
    "title" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(65,30) NOT NULL,
    "discountAllocated" DECIMAL(65,30) NOT NULL,
    "codeDiscount" DECIMAL(65,30) NOT NULL,
    "unitCost" DECIMAL(65,30),

    CONSTRAINT "RedemptionLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrdersBackfill" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "since" TIMESTAMP(3) NOT NULL,
    "cursor" TEXT,
    "ordersImported" INTEGER NOT NULL DEFAULT 0,
    "redemptionsSeen" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "OrdersBackfill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "role" TEXT NOT NULL DEFAULT 'requester',
    "accessRemovedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GovernancePolicy" (
    "shopDomain" TEXT NOT NULL,
    "maxPercentWithoutApproval" DOUBLE PRECISION,
    "maxAmountWithoutApproval" DECIMAL(65,30),
    "requireEndDate" BOOLEAN NOT NULL DEFAULT true,
    "maxDurationDays" INTEGER,
    "freeShippingNeedsApproval" BOOLEAN NOT NULL DEFAULT true,
    "unlimitedUseNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
    "ungatedNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
    "requireOwner" BOOLEAN NOT NULL DEFAULT true,
    "requirePurpose" BOOLEAN NOT NULL DEFAULT true,
    "requireChannel" BOOLEAN NOT NULL DEFAULT true,
    "maxCombinedDepthPercent" DOUBLE PRECISION,
    "refuseUngovernedCodes" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GovernancePolicy_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "entityLabel" TEXT NOT NULL DEFAULT '',
    "diff" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderUpdatedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "email" TEXT,
    "customerId" TEXT,
    "subtotal" DECIMAL(65,30) NOT NULL,
    "total" DECIMAL(65,30) NOT NULL,
    "totalDiscount" DECIMAL(65,30) NOT NULL,
    "cogs" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "linesWithoutCost" INTEGER NOT NULL DEFAULT 0,
    "hasCode" BOOLEAN NOT NULL,
    "landingSite" TEXT,
    "utmCampaign" TEXT,

    CONSTRAINT "ShopOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VariantCost" (
    "shopDomain" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "unitCost" DECIMAL(65,30),
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "inventoryItemId" TEXT,

    CONSTRAINT "VariantCost_pkey" PRIMARY KEY ("shopDomain","variantId")
);

-- CreateTable
CREATE TABLE "VariantStock" (
    "shopDomain" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "writtenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VariantStock_pkey" PRIMARY KEY ("shopDomain","variantId")
);

-- CreateTable
CREATE TABLE "AnalyticsRollup" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "redemptions" INTEGER NOT NULL DEFAULT 0,
    "influenced" INTEGER NOT NULL DEFAULT 0,
    "leaked" INTEGER NOT NULL DEFAULT 0,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "grossRevenue" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "lineDiscount" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "orderDiscount" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "shippingDiscount" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "netRevenue" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "cogs" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "linesWithoutCost" INTEGER NOT NULL DEFAULT 0,
    "influencedRevenue" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "newCustomers" INTEGER NOT NULL DEFAULT 0,
    "returningCustomers" INTEGER NOT NULL DEFAULT 0,
    "campaignId" INTEGER,

    CONSTRAINT "AnalyticsRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HoldoutAssignment" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "email" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "customerId" TEXT,
    "metadata" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HoldoutAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FraudCase" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "clusterKey" TEXT NOT NULL,
    "redemptionIds" TEXT NOT NULL DEFAULT '[]',
    "evidence" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'open',
    "decidedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FraudCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlockedCustomer" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "fraudCaseId" INTEGER,
    "blockedById" INTEGER,
    "blockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlockedCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostPurchaseRule" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "triggerProducts" TEXT NOT NULL DEFAULT '[]',
    "triggerCollections" TEXT NOT NULL DEFAULT '[]',
    "minimumSubtotal" DECIMAL(65,30),
    "firstOrderOnly" BOOLEAN NOT NULL DEFAULT false,
    "poolId" INTEGER,
    "campaignId" INTEGER,
    "validityDays" INTEGER NOT NULL,
    "offerProducts" TEXT NOT NULL DEFAULT '[]',
    "message" TEXT NOT NULL,
    "delayDays" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostPurchaseRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostPurchaseOrder" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "ruleId" INTEGER NOT NULL,
    "customerId" TEXT,
    "email" TEXT NOT NULL,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "assignmentId" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "PostPurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeDelivery" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "message" TEXT,
    "offerProducts" TEXT NOT NULL DEFAULT '[]',
    "metafieldAt" TIMESTAMP(3),
    "triggerAt" TIMESTAMP(3),
    "emailAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" INTEGER,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyMember" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "admin" BOOLEAN NOT NULL DEFAULT false,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Playbook" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Playbook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlaybookVersion" (
    "id" SERIAL NOT NULL,
    "playbookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "origin" TEXT NOT NULL,
    "sourceShop" TEXT,
    "authorUserId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlaybookVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlaybookApplication" (
    "id" SERIAL NOT NULL,
    "playbookId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlaybookApplication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRequest_webhookId_key" ON "ComplianceRequest"("webhookId");

-- CreateIndex
CREATE INDEX "ComplianceRequest_shopDomain_idx" ON "ComplianceRequest"("shopDomain");

-- CreateIndex
CREATE UNIQUE INDEX "CouponPool_shopDomain_nameKey_key" ON "CouponPool"("shopDomain", "nameKey");

-- CreateIndex
CREATE INDEX "Coupon_poolId_assignedAt_expiresAt_id_idx" ON "Coupon"("poolId", "assignedAt", "expiresAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Coupon_shopDomain_codeKey_key" ON "Coupon"("shopDomain", "codeKey");

-- CreateIndex
CREATE INDEX "CouponAssignment_poolId_assignedAt_id_idx" ON "CouponAssignment"("poolId", "assignedAt", "id");

-- CreateIndex
CREATE INDEX "CouponAssignment_shopDomain_email_idx" ON "CouponAssignment"("shopDomain", "email");

-- CreateIndex
CREATE INDEX "CouponAssignment_couponId_idx" ON "CouponAssignment"("couponId");

-- CreateIndex
CREATE UNIQUE INDEX "CouponAssignment_poolId_idempotencyKey_key" ON "CouponAssignment"("poolId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "PoolAlert_shopDomain_firedAt_idx" ON "PoolAlert"("shopDomain", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PoolAlert_poolId_openKind_key" ON "PoolAlert"("poolId", "openKind");

-- CreateIndex
CREATE INDEX "CouponImport_poolId_status_idx" ON "CouponImport"("poolId", "status");

-- CreateIndex
CREATE INDEX "CouponImport_shopDomain_status_idx" ON "CouponImport"("shopDomain", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_shopifyDiscountId_key" ON "Campaign"("shopifyDiscountId");

-- CreateIndex
CREATE INDEX "Campaign_shopDomain_createdAt_idx" ON "Campaign"("shopDomain", "createdAt");

-- CreateIndex
CREATE INDEX "Campaign_poolId_idx" ON "Campaign"("poolId");

-- CreateIndex
CREATE INDEX "Campaign_shopDomain_playbookId_playbookEntry_idx" ON "Campaign"("shopDomain", "playbookId", "playbookEntry");

-- CreateIndex
CREATE UNIQUE INDEX "ExistingDiscount_shopDomain_shopifyDiscountId_key" ON "ExistingDiscount"("shopDomain", "shopifyDiscountId");

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

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_processedAt_idx" ON "Redemption"("shopDomain", "processedAt");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_campaignId_processedAt_idx" ON "Redemption"("shopDomain", "campaignId", "processedAt");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_couponId_idx" ON "Redemption"("shopDomain", "couponId");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_customerId_idx" ON "Redemption"("shopDomain", "customerId");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_email_idx" ON "Redemption"("shopDomain", "email");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_updatedAt_id_idx" ON "Redemption"("shopDomain", "updatedAt", "id");

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

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_shopDomain_userId_key" ON "StaffMember"("shopDomain", "userId");

-- CreateIndex
CREATE INDEX "ApprovalRequest_shopDomain_status_createdAt_idx" ON "ApprovalRequest"("shopDomain", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_campaignId_createdAt_idx" ON "ApprovalRequest"("campaignId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_shopDomain_staffId_readAt_idx" ON "Notification"("shopDomain", "staffId", "readAt");

-- CreateIndex
CREATE INDEX "AuditEntry_shopDomain_at_idx" ON "AuditEntry"("shopDomain", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_shopDomain_entityType_entityId_idx" ON "AuditEntry"("shopDomain", "entityType", "entityId");

-- CreateIndex
CREATE INDEX "ShopOrder_shopDomain_processedAt_idx" ON "ShopOrder"("shopDomain", "processedAt");

-- CreateIndex
CREATE INDEX "ShopOrder_shopDomain_email_processedAt_idx" ON "ShopOrder"("shopDomain", "email", "processedAt");

-- CreateIndex
CREATE INDEX "ShopOrder_shopDomain_customerId_processedAt_idx" ON "ShopOrder"("shopDomain", "customerId", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShopOrder_shopDomain_orderId_key" ON "ShopOrder"("shopDomain", "orderId");

-- CreateIndex
CREATE INDEX "VariantCost_shopDomain_inventoryItemId_idx" ON "VariantCost"("shopDomain", "inventoryItemId");

-- CreateIndex
CREATE INDEX "VariantStock_shopDomain_inventoryItemId_idx" ON "VariantStock"("shopDomain", "inventoryItemId");

-- CreateIndex
CREATE INDEX "VariantStock_shopDomain_quantity_idx" ON "VariantStock"("shopDomain", "quantity");

-- CreateIndex
CREATE INDEX "AnalyticsRollup_shopDomain_dimension_day_key_influencedReve_idx" ON "AnalyticsRollup"("shopDomain", "dimension", "day", "key", "influencedRevenue", "netRevenue");

-- CreateIndex
CREATE INDEX "AnalyticsRollup_shopDomain_campaignId_dimension_day_idx" ON "AnalyticsRollup"("shopDomain", "campaignId", "dimension", "day");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsRollup_shopDomain_dimension_key_day_key" ON "AnalyticsRollup"("shopDomain", "dimension", "key", "day");

-- CreateIndex
CREATE INDEX "HoldoutAssignment_shopDomain_campaignId_assignedAt_idx" ON "HoldoutAssignment"("shopDomain", "campaignId", "assignedAt");

-- CreateIndex
CREATE INDEX "HoldoutAssignment_shopDomain_email_idx" ON "HoldoutAssignment"("shopDomain", "email");

-- CreateIndex
CREATE UNIQUE INDEX "HoldoutAssignment_poolId_idempotencyKey_key" ON "HoldoutAssignment"("poolId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "FraudCase_shopDomain_status_idx" ON "FraudCase"("shopDomain", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FraudCase_shopDomain_signal_clusterKey_key" ON "FraudCase"("shopDomain", "signal", "clusterKey");

-- CreateIndex
CREATE UNIQUE INDEX "BlockedCustomer_shopDomain_customerId_key" ON "BlockedCustomer"("shopDomain", "customerId");

-- CreateIndex
CREATE INDEX "PostPurchaseRule_shopDomain_status_idx" ON "PostPurchaseRule"("shopDomain", "status");

-- CreateIndex
CREATE INDEX "PostPurchaseOrder_ruleId_createdAt_idx" ON "PostPurchaseOrder"("ruleId", "createdAt");

-- CreateIndex
CREATE INDEX "PostPurchaseOrder_shopDomain_customerId_idx" ON "PostPurchaseOrder"("shopDomain", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "PostPurchaseOrder_shopDomain_orderId_key" ON "PostPurchaseOrder"("shopDomain", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "CodeDelivery_assignmentId_key" ON "CodeDelivery"("assignmentId");

-- CreateIndex
CREATE INDEX "CodeDelivery_shopDomain_customerId_idx" ON "CodeDelivery"("shopDomain", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "ApiKey_shopDomain_createdAt_idx" ON "ApiKey"("shopDomain", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyMember_userId_key" ON "AgencyMember"("userId");

-- CreateIndex
CREATE INDEX "AgencyMember_agencyId_idx" ON "AgencyMember"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Playbook_agencyId_nameKey_key" ON "Playbook"("agencyId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookVersion_playbookId_version_key" ON "PlaybookVersion"("playbookId", "version");

-- CreateIndex
CREATE INDEX "PlaybookApplication_playbookId_createdAt_idx" ON "PlaybookApplication"("playbookId", "createdAt");

-- CreateIndex
CREATE INDEX "PlaybookApplication_shopDomain_createdAt_idx" ON "PlaybookApplication"("shopDomain", "createdAt");

-- AddForeignKey
ALTER TABLE "ComplianceRequest" ADD CONSTRAINT "ComplianceRequest_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponPool" ADD CONSTRAINT "CouponPool_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponAssignment" ADD CONSTRAINT "CouponAssignment_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponAssignment" ADD CONSTRAINT "CouponAssignment_couponId_fkey" FOREIGN KEY ("couponId") REFERENCES "Coupon"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoolAlert" ADD CONSTRAINT "PoolAlert_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponImport" ADD CONSTRAINT "CouponImport_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StackingGuard" ADD CONSTRAINT "StackingGuard_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExistingDiscount" ADD CONSTRAINT "ExistingDiscount_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeSyncEntry" ADD CONSTRAINT "CodeSyncEntry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeSyncState" ADD CONSTRAINT "CodeSyncState_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RedemptionLine" ADD CONSTRAINT "RedemptionLine_redemptionId_fkey" FOREIGN KEY ("redemptionId") REFERENCES "Redemption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookReceipt" ADD CONSTRAINT "WebhookReceipt_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrdersBackfill" ADD CONSTRAINT "OrdersBackfill_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffMember" ADD CONSTRAINT "StaffMember_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GovernancePolicy" ADD CONSTRAINT "GovernancePolicy_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantCost" ADD CONSTRAINT "VariantCost_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantStock" ADD CONSTRAINT "VariantStock_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsRollup" ADD CONSTRAINT "AnalyticsRollup_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HoldoutAssignment" ADD CONSTRAINT "HoldoutAssignment_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FraudCase" ADD CONSTRAINT "FraudCase_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlockedCustomer" ADD CONSTRAINT "BlockedCustomer_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostPurchaseRule" ADD CONSTRAINT "PostPurchaseRule_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostPurchaseOrder" ADD CONSTRAINT "PostPurchaseOrder_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeDelivery" ADD CONSTRAINT "CodeDelivery_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyMember" ADD CONSTRAINT "AgencyMember_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Playbook" ADD CONSTRAINT "Playbook_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlaybookVersion" ADD CONSTRAINT "PlaybookVersion_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlaybookApplication" ADD CONSTRAINT "PlaybookApplication_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlaybookApplication" ADD CONSTRAINT "PlaybookApplication_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

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
