-- Analytics core (app/domain/analytics/README.md): what rollups need on each redemption, the
-- inventory item behind a variant's cost, and the campaign a code's rollup cell belongs to.

-- The order-level part of the code's discount (a discount on the whole order, allocated to its
-- lines); the line part is codeDiscount - shippingDiscount - orderDiscount.
ALTER TABLE "Redemption" ADD COLUMN "orderDiscount" DECIMAL NOT NULL DEFAULT 0;
-- The order's cost of goods where known, and how many of its lines had no cost (never 0 for unknown).
ALTER TABLE "Redemption" ADD COLUMN "cogs" DECIMAL NOT NULL DEFAULT 0;
ALTER TABLE "Redemption" ADD COLUMN "linesWithoutCost" INTEGER NOT NULL DEFAULT 0;
-- influenced | leaked | applied (see the README).
ALTER TABLE "Redemption" ADD COLUMN "influence" TEXT NOT NULL DEFAULT 'applied';

-- Rows recorded before this migration: costs from their lines, the class from the leaked flag
-- (a shared code's tag was not known then, so it counts as applied until reclassified).
UPDATE "Redemption" SET
  "cogs" = COALESCE((SELECT SUM(l."quantity" * l."unitCost") FROM "RedemptionLine" l WHERE l."redemptionId" = "Redemption"."id" AND l."unitCost" IS NOT NULL AND l."quantity" > 0), 0),
  "linesWithoutCost" = (SELECT COUNT(*) FROM "RedemptionLine" l WHERE l."redemptionId" = "Redemption"."id" AND l."unitCost" IS NULL AND l."quantity" > 0),
  "influence" = CASE WHEN "leaked" THEN 'leaked' WHEN "assignedEmail" IS NOT NULL AND "email" IS NOT NULL THEN 'influenced' ELSE 'applied' END;

-- The rollup job reads one shop-local day of redemptions.
CREATE INDEX "Redemption_shopDomain_processedAt_idx" ON "Redemption"("shopDomain", "processedAt");

-- inventory_items/update names the inventory item, not the variant.
ALTER TABLE "VariantCost" ADD COLUMN "inventoryItemId" TEXT;
CREATE INDEX "VariantCost_shopDomain_inventoryItemId_idx" ON "VariantCost"("shopDomain", "inventoryItemId");

-- A code's (or pool's) cell names its campaign, so a campaign page lists its codes from rollups.
ALTER TABLE "AnalyticsRollup" ADD COLUMN "campaignId" INTEGER;
-- Every key of a dimension over a range of days (figuresBy; its ranking of the top keys reads only
-- this index), a day's cells (the rollup job), and a campaign's codes.
CREATE INDEX "AnalyticsRollup_shopDomain_dimension_day_key_influencedRevenue_netRevenue_idx" ON "AnalyticsRollup"("shopDomain", "dimension", "day", "key", "influencedRevenue", "netRevenue");
CREATE INDEX "AnalyticsRollup_shopDomain_campaignId_dimension_day_idx" ON "AnalyticsRollup"("shopDomain", "campaignId", "dimension", "day");

-- Shops with redemptions recorded before this migration: their rollups are built once by a job,
-- and the daily refresh of their unit costs starts (keys as the app queues them).
INSERT INTO "Job" ("shopDomain", "type", "payload", "runAt", "dedupeKey", "concurrencyKey", "updatedAt")
SELECT s."domain", 'analytics.rollup-rebuild', '{}', strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now'),
  'analytics.rollup-rebuild:' || s."domain", 'analytics.rollup-rebuild:' || s."domain", strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')
FROM "Shop" s WHERE s."uninstalledAt" IS NULL AND EXISTS (SELECT 1 FROM "Redemption" r WHERE r."shopDomain" = s."domain");
INSERT INTO "Job" ("shopDomain", "type", "payload", "runAt", "dedupeKey", "concurrencyKey", "updatedAt")
SELECT s."domain", 'analytics.cost-refresh', '{}', strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now'),
  'analytics.cost-refresh:' || s."domain", 'analytics.cost-refresh:' || s."domain", strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')
FROM "Shop" s WHERE s."uninstalledAt" IS NULL AND s."installedAt" IS NOT NULL;
