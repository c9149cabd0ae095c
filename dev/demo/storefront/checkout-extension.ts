// The checkout-messages UI extension inside the demo checkout. On Shopify each target runs in its
// own sandbox and reads the `shopify` global checkout gives it; here each target is an iframe
// whose `shopify` global is dev/demo/checkout-ui-standin.js, fed with this checkout's figures
// (cost, lines, discount codes, the app's metafields, the buyer). The bundle is the extension
// built as Shopify CLI builds it.
import { buildCheckoutMessages } from "../../../extensions/checkout-messages/tools/build";
import type { CheckoutResult, Metafield } from "../../emulator/checkout";
import { DEMO_SHOP } from "../catalogue";
import { html, trusted, type Markup } from "./html";
import type { StorefrontCustomer } from "./store-data";

export const CHECKOUT_EXTENSION_SCRIPT = "/storefront/apps/checkout-messages.js";
const CHECKOUT_STANDIN_SCRIPT = "/demo/checkout-ui-standin.js";

let bundle: Promise<string> | null = null;

/** The compiled extension, built once per demo run. */
export function checkoutExtensionBundle(): Promise<string> {
  bundle ??= buildCheckoutMessages().then(({ code }) => code);
  return bundle;
}

const money = (amount: string | number) => ({ amount: Number(amount), currencyCode: DEMO_SHOP.currencyCode });

function appMetafieldEntries(type: "shop" | "customer", id: string, metafields: Metafield[]) {
  return metafields.map(({ namespace, key, type: metafieldType, value }) => ({
    target: { type, id },
    metafield: { namespace, key, value, type: metafieldType, valueType: metafieldType === "json" ? "json_string" : "string" },
  }));
}

/** What checkout's `shopify` global holds for this checkout (signals are unwrapped by the stand-in). */
export function checkoutApiData(result: CheckoutResult, customer: StorefrontCustomer | null, shop: { id: string; metafields: Metafield[] }) {
  const { totals } = result;
  return {
    cost: {
      subtotalAmount: money(Number(totals.subtotal) - Number(totals.lineDiscounts)),
      totalShippingAmount: money(Number(totals.shipping) - Number(totals.shippingDiscounts)),
      totalAmount: money(totals.total),
    },
    // Line costs are after the line's own (product) discounts; order discounts are the cart's.
    lines: result.lines.map((line) => {
      const productDiscounts = line.allocations.filter((allocation) => allocation.discountClass === "PRODUCT");
      return {
        id: line.id,
        quantity: line.quantity,
        cost: { totalAmount: money(Number(line.subtotal) - productDiscounts.reduce((sum, allocation) => sum + Number(allocation.amount), 0)) },
        discountAllocations: productDiscounts.map((allocation) => ({
          type: allocation.code ? "code" : "automatic",
          code: allocation.code ?? undefined,
          discountedAmount: money(allocation.amount),
        })),
      };
    }),
    discountCodes: result.codes.filter((code) => code.status === "APPLIED").map(({ code }) => ({ code })),
    appMetafields: appMetafieldEntries("shop", shop.id, shop.metafields),
    buyerIdentity: { customer: customer ? { id: customer.id, ordersCount: customer.numberOfOrders } : undefined, purchasingCompany: undefined },
    localization: { language: { isoCode: "en-US" } },
  };
}

export function thankYouApiData(order: { id: string; name: string; firstOrder: boolean }, customer: { id: string; metafields: Metafield[] } | null) {
  return {
    orderConfirmation: { order: { id: order.id }, number: order.name, isFirstOrder: order.firstOrder },
    appMetafields: customer ? appMetafieldEntries("customer", customer.id, customer.metafields) : [],
    localization: { language: { isoCode: "en-US" } },
  };
}

/** One extension target in its sandbox: an iframe sized to what the extension renders. */
export function extensionFrame(target: string, api: object): Markup {
  const data = JSON.stringify({ target, ...api }).replace(/</g, "\\u003c");
  const document = html`<!doctype html>
    <html>
      <head>
        <meta charset="utf-8" />
      </head>
      <body>
        <script type="application/json" id="shopify-api">
          ${trusted(data)}
        </script>
        <script src="${CHECKOUT_STANDIN_SCRIPT}"></script>
        <script src="${CHECKOUT_EXTENSION_SCRIPT}"></script>
      </body>
    </html>`;
  return html`<iframe class="checkout-extension" data-target="${target}" title="PromoGuard checkout messages (${target})" srcdoc="${document.text}"></iframe>`;
}
