-- Ungoverned discounts adopted into PromoGuard: the Shopify discount stays as it is; PromoGuard
-- records who is accountable for it, why it exists and where it is used.
ALTER TABLE "ExistingDiscount" ADD COLUMN "adoptedAt" DATETIME;
ALTER TABLE "ExistingDiscount" ADD COLUMN "adoptedById" INTEGER;
ALTER TABLE "ExistingDiscount" ADD COLUMN "ownerStaffId" INTEGER;
ALTER TABLE "ExistingDiscount" ADD COLUMN "purpose" TEXT;
ALTER TABLE "ExistingDiscount" ADD COLUMN "channel" TEXT;
