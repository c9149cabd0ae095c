// The storefront side of "spend $X more" (built into assets/spend-more.js): fills every mount
// point the app block or app embed rendered from the cart the AJAX API reports (/cart.js), and
// again whenever the theme changes the cart through that API. The wording is unlock-offers.ts's.
import { nextUnlock, parseUnlockOffers, type UnlockShopper } from "checkout-messages/unlock-offers";

interface AjaxCart {
  /** Minor units ("cents"), before discounts. */
  original_total_price: number;
  currency: string;
}

/** The storefront's currency conversion (Shopify.currency), present when the shopper browses in another currency. */
declare global {
  interface Window {
    Shopify?: { currency?: { active?: string; rate?: string } };
  }
}

const MOUNT_SELECTOR = "[data-promoguard-spend-more]";
const CART_CHANGES = /\/cart\/(add|change|update|clear)(\.js)?(\?|$)/;

function shopperOf(mount: HTMLElement): UnlockShopper {
  const { loggedIn, orders, tags, b2b } = mount.dataset;
  if (loggedIn !== "true") return { loggedIn: false };
  return { loggedIn: true, numberOfOrders: orders ? Number(orders) : undefined, tags: tags ? tags.split(",") : [], b2b: b2b === "true" };
}

/** An app embed's mount moves into the theme's cart drawer; false while the page has no drawer. */
function place(mount: HTMLElement): boolean {
  const selector = mount.dataset.placement;
  if (!selector) return true;
  const target = document.querySelector(selector);
  if (target && mount.parentElement !== target) target.prepend(mount);
  return target !== null;
}

function render(mount: HTMLElement, cart: AjaxCart) {
  if (!place(mount)) {
    mount.hidden = true;
    return;
  }
  const rate = window.Shopify?.currency?.active === cart.currency ? Number(window.Shopify.currency.rate) || undefined : undefined;
  const unlock = nextUnlock(
    parseUnlockOffers(mount.dataset.offers),
    { subtotal: cart.original_total_price / 100, currencyCode: cart.currency, rate },
    shopperOf(mount),
    { locale: mount.dataset.locale || document.documentElement.lang || "en" },
  );
  mount.hidden = unlock === null;
  if (!unlock) return;
  mount.querySelector(".promoguard-spend-more__message")!.textContent = unlock.message;
  const percent = Math.round(unlock.progress * 100);
  const track = mount.querySelector(".promoguard-spend-more__track")!;
  track.setAttribute("aria-valuenow", String(percent));
  // A progress bar needs a name a screen reader announces: the message it illustrates.
  track.setAttribute("aria-label", unlock.message);
  mount.querySelector<HTMLElement>(".promoguard-spend-more__bar")!.style.width = `${percent}%`;
}

async function refresh() {
  const mounts = [...document.querySelectorAll<HTMLElement>(MOUNT_SELECTOR)];
  if (mounts.length === 0) return;
  const response = await fetch(mounts[0].dataset.cartUrl || "/cart.js", { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const cart = (await response.json()) as AjaxCart;
  for (const mount of mounts) render(mount, cart);
}

// Themes change the cart through the AJAX API in their own ways; watching those requests finish
// works with all of them without patching fetch.
new PerformanceObserver((list) => {
  if (list.getEntries().some((entry) => CART_CHANGES.test(new URL(entry.name, location.href).pathname))) void refresh();
}).observe({ type: "resource", buffered: false });
document.addEventListener("shopify:section:load", () => void refresh());
void refresh();
