-- CreateTable
CREATE TABLE "CouponPool" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "lowStockAlertEnabled" BOOLEAN NOT NULL DEFAULT false,
    "lowStockThreshold" INTEGER NOT NULL DEFAULT 100,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CouponPool_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Coupon" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "codeKey" TEXT NOT NULL,
    "message" TEXT,
    "expiresAt" DATETIME,
    "validityDays" INTEGER,
    "assignedAt" DATETIME,
    "redeemedAt" DATETIME,
    "importId" INTEGER,
    CONSTRAINT "Coupon_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CouponAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "couponId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "assignedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "CouponAssignment_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CouponAssignment_couponId_fkey" FOREIGN KEY ("couponId") REFERENCES "Coupon" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PoolAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "poolId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "openKind" TEXT,
    "available" INTEGER NOT NULL,
    "detail" TEXT NOT NULL,
    "firedAt" DATETIME NOT NULL,
    "clearedAt" DATETIME,
    CONSTRAINT "PoolAlert_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CouponImport" (
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
    "problems" TEXT NOT NULL DEFAULT '[]',
    "rejectionReason" TEXT,
    "firstCouponId" INTEGER,
    "lastCouponId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "CouponImport_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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

