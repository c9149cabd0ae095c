/** @jsxImportSource preact */
// "Spend $12.50 more to get 10% off" under the discount field and as a checkout block, from the
// app's unlock offers and the cart as checkout sees it. The wording is unlock-offers.ts's.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { UNLOCK_OFFERS_KEY, UNLOCK_OFFERS_NAMESPACE, nextUnlock, parseUnlockOffers } from "./unlock-offers";

export default function extension() {
  render(<SpendMore />, document.body);
}

/** Line totals are after line discounts: adding those back gives the subtotal the offers' minimums are about. */
function subtotalBeforeDiscounts(): number {
  const lineDiscounts = shopify.lines.value
    .flatMap((line) => line.discountAllocations)
    .reduce((sum, allocation) => sum + allocation.discountedAmount.amount, 0);
  return shopify.cost.subtotalAmount.value.amount + lineDiscounts;
}

function SpendMore() {
  const entry = shopify.appMetafields.value.find(
    ({ target, metafield }) => target.type === "shop" && metafield.namespace === UNLOCK_OFFERS_NAMESPACE && metafield.key === UNLOCK_OFFERS_KEY,
  );
  const customer = shopify.buyerIdentity?.customer.value;
  const unlock = nextUnlock(
    parseUnlockOffers(entry?.metafield.value),
    { subtotal: subtotalBeforeDiscounts(), currencyCode: shopify.cost.subtotalAmount.value.currencyCode },
    customer
      ? { loggedIn: true, numberOfOrders: customer.ordersCount, b2b: shopify.buyerIdentity?.purchasingCompany.value !== undefined }
      : { loggedIn: false },
    { locale: shopify.localization.language.value.isoCode },
  );
  if (!unlock) return null;
  return (
    <s-stack gap="small-200">
      <s-text>{unlock.message}</s-text>
      <s-progress value={unlock.progress} max={1} accessibilityLabel={unlock.message} />
    </s-stack>
  );
}
