// The storefront's pages a theme would render: the catalogue (with a cart drawer) and the cart,
// each showing the cart-messages theme app extension (the embed in the drawer, the block on the
// cart page) rendered from the extension's own Liquid.
import { DEMO_SHOP } from "../catalogue";
import type { CartSession } from "./cart";
import { html, money, trusted, type Markup } from "./html";
import type { StorefrontCustomer, StorefrontProduct } from "./store-data";

export const STOREFRONT = "/storefront";

export interface ShopPageContext {
  session: CartSession;
  products: StorefrontProduct[];
  customers: StorefrontCustomer[];
}

export function layout(title: string, body: Markup, options: { className?: string } = {}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${DEMO_SHOP.name}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${STOREFRONT}/assets/storefront.css" />
        <script>
          window.Shopify = {
            shop: ${trusted(JSON.stringify(DEMO_SHOP.domain))},
            routes: { root: "${STOREFRONT}/" },
            currency: { active: "${DEMO_SHOP.currencyCode}", rate: "1.0" },
          };
        </script>
      </head>
      <body class="${options.className ?? ""}">
        ${body}
      </body>
    </html>`.text;
}

function variantOf(context: ShopPageContext, variantId: string) {
  for (const product of context.products) {
    const variant = product.variants.find((candidate) => candidate.id === variantId);
    if (variant) return { product, variant };
  }
  return null;
}

export function cartLines(context: ShopPageContext) {
  return context.session.lines.flatMap((line) => {
    const found = variantOf(context, line.variantId);
    return found ? [{ ...line, ...found, total: Number(found.variant.price) * line.quantity }] : [];
  });
}

function header(context: ShopPageContext) {
  const count = context.session.lines.reduce((sum, line) => sum + line.quantity, 0);
  return html`<header class="store-header">
    <a class="store-name" href="${STOREFRONT}">${DEMO_SHOP.name}</a>
    <p class="store-note">Demo storefront: shoppers' side of the store. <a href="/">Open the admin</a></p>
    <form method="post" action="${STOREFRONT}/account" class="account">
      <label
        >Shopping as
        <select name="customerId" onchange="this.form.requestSubmit()">
          <option value="">Guest</option>
          ${context.customers.map((customer) => html`<option value="${customer.id}" ${customer.id === context.session.customerId ? "selected" : ""}>${customer.firstName} ${customer.lastName} · ${customer.numberOfOrders > 0 ? "returning customer" : "new customer"}</option>`)}
        </select>
      </label>
      <noscript><button>Log in</button></noscript>
    </form>
    <a class="cart-link" href="${STOREFRONT}/cart">Cart (${count})</a>
  </header>`;
}

function productCard(product: StorefrontProduct) {
  const [first] = product.variants;
  return html`<li class="product-card">
    <div class="product-image" aria-hidden="true">${product.title[0]}</div>
    <h3>${product.title}</h3>
    <p class="vendor">${product.vendor}</p>
    <p class="price">${money(first.price)}${product.variants.length > 1 ? " and up" : ""}</p>
    <form method="post" action="${STOREFRONT}/cart/add">
      ${
        product.variants.length > 1
          ? html`<label
              >Size
              <select name="id">
                ${product.variants.map((variant) => html`<option value="${variant.id}">${variant.title} · ${money(variant.price)}</option>`)}
              </select></label
            >`
          : html`<input type="hidden" name="id" value="${first.id}" />`
      }
      <input type="hidden" name="quantity" value="1" />
      <button type="submit" aria-label="Add ${product.title} to cart">Add to cart</button>
    </form>
  </li>`;
}

function cartDrawer(context: ShopPageContext, embed: Markup) {
  const lines = cartLines(context);
  const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
  return html`<aside id="CartDrawer" class="drawer" aria-label="Cart">
      <header>
        <h2>Your cart</h2>
        <a href="${STOREFRONT}" aria-label="Close cart">×</a>
      </header>
      <ul>
        ${lines.map((line) => html`<li><span>${line.product.title}${line.product.variants.length > 1 ? ` (${line.variant.title})` : ""} × ${line.quantity}</span><span>${money(line.total)}</span></li>`)}
      </ul>
      <div class="drawer__footer">
        <p class="drawer-subtotal"><span>Subtotal</span><strong>${money(subtotal)}</strong></p>
        <a class="button" href="${STOREFRONT}/cart">View cart</a>
        <a class="button primary" href="${STOREFRONT}/checkout">Check out</a>
      </div>
    </aside>
    ${embed}`;
}

export function cataloguePage(context: ShopPageContext, options: { drawerOpen: boolean; embed: Markup }): string {
  return layout(
    "Catalogue",
    html`${header(context)}
      <main class="storefront">
        <h1>All products</h1>
        <ul class="product-grid">
          ${context.products.map(productCard)}
        </ul>
      </main>
      ${options.drawerOpen && context.session.lines.length > 0 ? cartDrawer(context, options.embed) : options.embed}`,
  );
}

export function cartPage(context: ShopPageContext, appBlock: Markup): string {
  const lines = cartLines(context);
  const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
  const body =
    lines.length === 0
      ? html`<p>Your cart is empty. <a href="${STOREFRONT}">Continue shopping</a></p>`
      : html`<table class="cart-table">
            <thead>
              <tr>
                <th>Product</th>
                <th>Quantity</th>
                <th>Total</th>
              </tr>
            </thead>
            <tbody>
              ${lines.map(
                (line) =>
                  html`<tr>
                    <td>
                      <strong>${line.product.title}</strong
                      >${line.product.variants.length > 1 ? html`<br /><small>${line.variant.title}</small>` : ""}<br /><small
                        >${money(line.variant.price)}</small
                      >
                    </td>
                    <td>
                      <form method="post" action="${STOREFRONT}/cart/change" class="quantity">
                        <input type="hidden" name="id" value="${line.variantId}" />
                        <button name="quantity" value="${line.quantity - 1}" aria-label="Remove one ${line.product.title}">−</button>
                        <span>${line.quantity}</span>
                        <button name="quantity" value="${line.quantity + 1}" aria-label="Add one ${line.product.title}">+</button>
                      </form>
                    </td>
                    <td>${money(line.total)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <div class="cart-footer">
            <div class="cart-app-block">${appBlock}</div>
            <p class="cart-subtotal"><span>Subtotal</span><strong>${money(subtotal)}</strong></p>
            <p class="hint">Discount codes and shipping are added at checkout.</p>
            <a class="button primary" href="${STOREFRONT}/checkout">Check out</a>
          </div>`;
  return layout(
    "Your cart",
    html`${header(context)}
      <main class="storefront cart">
        <h1>Your cart</h1>
        ${body}
      </main>`,
  );
}
