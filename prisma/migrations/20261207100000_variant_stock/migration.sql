-- Stock-aware campaigns (issue 17): what PromoGuard last wrote to each variant's stock metafield.
CREATE TABLE "VariantStock" (
    "shopDomain" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "writtenAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "variantId"),
    CONSTRAINT "VariantStock_shopDomain_fkey" FOREIGN KEY ("shopDomain") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "VariantStock_shopDomain_inventoryItemId_idx" ON "VariantStock"("shopDomain", "inventoryItemId");
CREATE INDEX "VariantStock_shopDomain_quantity_idx" ON "VariantStock"("shopDomain", "quantity");
