-- Imports stage their rows outside "Coupon" (in a temporary table of the importing connection)
-- and insert them in the transaction that completes them: a running import no longer holds codes
-- in "Coupon", so the id range of its staged rows is gone; the process running it is recorded so
-- that an import whose process died is seen as failed at once.

-- Rows of imports that never completed were hidden; they go, and so do those imports.
DELETE FROM "Coupon" WHERE "importId" IN (SELECT "id" FROM "CouponImport" WHERE "status" <> 'COMPLETED');
UPDATE "CouponImport" SET "status" = 'FAILED', "imported" = 0, "finishedAt" = CURRENT_TIMESTAMP,
  "rejectionReason" = 'The import was interrupted (the server restarted). Nothing from it was kept; import the file again.'
  WHERE "status" IN ('RUNNING', 'DISCARDING');

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CouponImport" (
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
    "alreadyInShopify" INTEGER NOT NULL DEFAULT 0,
    "problems" TEXT NOT NULL DEFAULT '[]',
    "rejectionReason" TEXT,
    "runner" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "CouponImport_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "CouponPool" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CouponImport" ("createdAt", "duplicatesInFile", "duplicatesInOtherPool", "duplicatesInPool", "fileName", "finishedAt", "heartbeatAt", "id", "imported", "invalid", "poolId", "problems", "processedBytes", "rejectionReason", "rowsRead", "shopDomain", "source", "status", "totalBytes") SELECT "createdAt", "duplicatesInFile", "duplicatesInOtherPool", "duplicatesInPool", "fileName", "finishedAt", "heartbeatAt", "id", "imported", "invalid", "poolId", "problems", "processedBytes", "rejectionReason", "rowsRead", "shopDomain", "source", "status", "totalBytes" FROM "CouponImport";
DROP TABLE "CouponImport";
ALTER TABLE "new_CouponImport" RENAME TO "CouponImport";
CREATE INDEX "CouponImport_poolId_status_idx" ON "CouponImport"("poolId", "status");
CREATE INDEX "CouponImport_shopDomain_status_idx" ON "CouponImport"("shopDomain", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
