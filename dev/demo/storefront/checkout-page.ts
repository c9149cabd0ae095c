// The checkout a shopper sees, in Shopify's one-page layout: contact, delivery, shipping method
// and payment on the left; the order summary on the right with each line's discount, the
// discount code field, the codes entered (refused ones with checkout's reason), the extension's
// blocks and the totals. Then the order status page with the thank-you block.
import type { CheckoutResult, CodeStatus } from "../../emulator/checkout";
import { DEMO_SHOP } from "../catalogue";
import { cartLines, layout, STOREFRONT, type ShopPageContext } from "./shop-pages";
import { DELIVERY_OPTIONS } from "./checkout";
import { html, money, type Markup } from "./html";
import type { StorefrontCustomer } from "./store-data";

export const COUNTRIES: [string, string][] = [
  ["US", "United States"],
  ["CA", "Canada"],
  ["GB", "United Kingdom"],
  ["DE", "Germany"],
  ["FR", "France"],
  ["AU", "Australia"],
];

/** Each extension frame is as tall as what the extension rendered. */
const FIT_EXTENSION_FRAMES = html`<script>
  for (const frame of document.querySelectorAll("iframe.checkout-extension")) {
    const fit = () => {
      frame.style.height = frame.contentDocument.documentElement.scrollHeight + "px";
    };
    const watch = () => {
      new ResizeObserver(fit).observe(frame.contentDocument.body);
      fit();
    };
    // Until its srcdoc has loaded, a frame still holds its initial about:blank document.
    if (frame.contentDocument?.URL === "about:srcdoc" && frame.contentDocument.readyState === "complete") watch();
    else frame.addEventListener("load", watch, { once: true });
  }
</script>`;

interface CheckoutFrames {
  reductions: Markup;
  block: Markup;
}

function contact(customer: StorefrontCustomer | null, email: string) {
  return customer
    ? html`<p class="logged-in">Logged in as <strong>${customer.firstName} ${customer.lastName}</strong> (${customer.email})</p>`
    : html`<label class="field">Email<input type="email" name="email" value="${email}" required autocomplete="email" /></label>
        <p class="hint">Or log in as a demo customer with "Shopping as" on the <a href="${STOREFRONT}/cart">cart page</a>.</p>`;
}

function shippingMethods(result: CheckoutResult, selected: string) {
  const priced = result.deliveryGroups[0]?.options ?? [];
  return DELIVERY_OPTIONS.map((option) => {
    const price = priced.find((candidate) => candidate.handle === option.handle);
    const discounted = price && Number(price.discount) > 0;
    return html`<label class="choice">
      <input
        type="radio"
        name="delivery"
        value="${option.handle}"
        ${option.handle === selected ? "checked" : ""}
        onchange="this.form.requestSubmit(this.form.querySelector('[value=update]'))"
      />
      <span><strong>${option.title}</strong><br /><small>${option.description}</small></span>
      <span
        >${discounted ? html`<s>${money(option.cost)}</s> ${Number(price.discountedCost) === 0 ? "Free" : money(price.discountedCost)}` : money(option.cost)}</span
      >
    </label>`;
  });
}

function codeTag(status: CodeStatus) {
  const remove = html`<button form="discount-form" name="remove" value="${status.code}" aria-label="Remove ${status.code}">×</button>`;
  return status.status === "REJECTED"
    ? html`<li class="code refused">
        <span class="tag">${status.code}</span>${remove}
        <p role="alert">${status.message}</p>
      </li>`
    : html`<li class="code applied"><span class="tag">${status.code}</span>${remove}</li>`;
}

function summaryLines(context: ShopPageContext, result: CheckoutResult) {
  const shown = cartLines(context);
  return result.lines.map((line, index) => {
    const item = shown[index];
    const discounts = line.allocations.filter((allocation) => allocation.discountClass === "PRODUCT");
    return html`<li class="summary-line">
      <div class="thumb" aria-hidden="true">${item.product.title[0]}<span class="badge">${line.quantity}</span></div>
      <div class="line-title">
        <strong>${item.product.title}</strong>${item.product.variants.length > 1 ? html`<br /><small>${item.variant.title}</small>` : ""}
        ${discounts.map((allocation) => html`<br /><small class="line-discount">${allocation.code ?? "Discount"} (−${money(allocation.amount)})</small>`)}
      </div>
      <div class="line-price">
        ${discounts.length > 0 ? html`<s>${money(line.subtotal)}</s><br />` : ""}${money(Number(line.subtotal) - discounts.reduce((sum, allocation) => sum + Number(allocation.amount), 0))}
      </div>
    </li>`;
  });
}

function orderDiscounts(result: CheckoutResult) {
  return result.appliedDiscounts
    .filter((discount) => discount.amounts.ORDER)
    .map(
      (discount) =>
        html`<p class="row">
          <span>Order discount <small>${discount.code ?? discount.title}</small></span
          ><span>−${money(discount.amounts.ORDER!)}</span>
        </p>`,
    );
}

function totals(result: CheckoutResult) {
  const { totals: t } = result;
  const shipping = Number(t.shipping) - Number(t.shippingDiscounts);
  const lineDiscounts = Number(t.lineDiscounts);
  return html`<div class="totals">
    <p class="row"><span>Subtotal</span><span>${money(Number(t.subtotal) - lineDiscounts)}</span></p>
    ${orderDiscounts(result)}
    <p class="row"><span>Shipping</span><span>${shipping === 0 && Number(t.shipping) > 0 ? "Free" : money(shipping)}</span></p>
    <p class="row total">
      <span>Total</span><span><small>${DEMO_SHOP.currencyCode}</small> ${money(t.total)}</span>
    </p>
    ${
      Number(t.lineDiscounts) + Number(t.orderDiscounts) + Number(t.shippingDiscounts) > 0
        ? html`<p class="savings">Total savings ${money(Number(t.lineDiscounts) + Number(t.orderDiscounts) + Number(t.shippingDiscounts))}</p>`
        : ""
    }
  </div>`;
}

export function checkoutPage(context: ShopPageContext, result: CheckoutResult, customer: StorefrontCustomer | null, frames: CheckoutFrames): string {
  const { session } = context;
  const notice = session.notice;
  session.notice = null;
  return layout(
    "Checkout",
    html`<header class="checkout-header"><a href="${STOREFRONT}">${DEMO_SHOP.name}</a><a href="${STOREFRONT}/cart" class="back">Return to cart</a></header>
      <div class="checkout">
        <main class="checkout-main">
          <form method="post" action="${STOREFRONT}/checkout" id="checkout-form">
            <section>
              <h2>Contact</h2>
              ${contact(customer, session.email)}
            </section>
            <section>
              <h2>Delivery</h2>
              <label class="field"
                >Country/Region<select name="country" onchange="this.form.requestSubmit(this.form.querySelector('[value=update]'))">
                  ${COUNTRIES.map(([code, name]) => html`<option value="${code}" ${code === session.countryCode ? "selected" : ""}>${name}</option>`)}
                </select></label
              >
            </section>
            <section>
              <h2>Shipping method</h2>
              ${shippingMethods(result, session.deliveryHandle)}
            </section>
            <section>
              <h2>Payment</h2>
              <p class="hint">This demo store takes no payment: the order is placed as it would be once paid.</p>
            </section>
            <div class="checkout-block">${frames.block}</div>
            <button class="update" name="intent" value="update" formnovalidate>Update</button>
            <button class="button primary pay" name="intent" value="pay">Pay now</button>
          </form>
        </main>
        <aside class="checkout-summary" aria-label="Order summary">
          <ul class="summary-lines">
            ${summaryLines(context, result)}
          </ul>
          <form method="post" action="${STOREFRONT}/checkout/discount" id="discount-form" class="discount-form">
            <input name="code" placeholder="Discount code" aria-label="Discount code" autocomplete="off" />
            <button name="intent" value="apply">Apply</button>
          </form>
          ${notice ? html`<p class="notice" role="alert">${notice}</p>` : ""}
          <ul class="codes">
            ${result.codes.map(codeTag)}
          </ul>
          <div class="reductions-after">${frames.reductions}</div>
          ${totals(result)}
        </aside>
      </div>
      ${FIT_EXTENSION_FRAMES}`,
    { className: "checkout-page" },
  );
}

export function orderStatusPage(order: { name: string; email: string | null; result: CheckoutResult }, thankYouFrame: Markup): string {
  return layout(
    `Order ${order.name}`,
    html`<header class="checkout-header"><a href="${STOREFRONT}">${DEMO_SHOP.name}</a></header>
      <div class="checkout">
        <main class="checkout-main">
          <p class="confirmed">✓ Order ${order.name}</p>
          <h1>Thank you for your order!</h1>
          <section>
            <h2>Your order is confirmed</h2>
            <p>${order.email ? `A confirmation goes to ${order.email}.` : "You'll receive a confirmation email soon."}</p>
          </section>
          <div class="checkout-block">${thankYouFrame}</div>
          <a class="button primary" href="${STOREFRONT}">Continue shopping</a>
        </main>
        <aside class="checkout-summary" aria-label="Order summary">${totals(order.result)}</aside>
      </div>
      ${FIT_EXTENSION_FRAMES}`,
    { className: "checkout-page" },
  );
}
