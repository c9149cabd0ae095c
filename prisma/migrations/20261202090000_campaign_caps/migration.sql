-- Caps that stop the spend (issue 17): budgets on discount spend, revenue and redemptions; a
-- daily redemption cap that pauses the campaign until the shop's next midnight; why a paused
-- campaign is paused. Per-customer limits and stock thresholds live in the campaign's config.
ALTER TABLE "Campaign" ADD COLUMN "budgetDiscount" DECIMAL;
ALTER TABLE "Campaign" ADD COLUMN "budgetRevenue" DECIMAL;
ALTER TABLE "Campaign" ADD COLUMN "budgetRedemptions" INTEGER;
ALTER TABLE "Campaign" ADD COLUMN "budgetReachedAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "budgetReachedBy" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "dailyCap" INTEGER;
ALTER TABLE "Campaign" ADD COLUMN "pauseReason" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "pausedUntil" DATETIME;
