-- The public API (issue 16): API keys, the customer and metadata an API caller gives with an
-- assignment, and the index of the redemptions feed.
-- AlterTable
ALTER TABLE "CouponAssignment" ADD COLUMN "customerId" TEXT;
ALTER TABLE "CouponAssignment" ADD COLUMN "metadata" TEXT;

-- AlterTable
ALTER TABLE "HoldoutAssignment" ADD COLUMN "customerId" TEXT;
ALTER TABLE "HoldoutAssignment" ADD COLUMN "metadata" TEXT;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" INTEGER,
    CONSTRAINT "ApiKey_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_secretHash_key" ON "ApiKey"("secretHash");

-- CreateIndex
CREATE INDEX "ApiKey_shopDomain_createdAt_idx" ON "ApiKey"("shopDomain", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_shopDomain_updatedAt_id_idx" ON "Redemption"("shopDomain", "updatedAt", "id");

