// The demo storefront's HTTP side, served by `npm run demo` under /storefront, apart from the
// admin: catalogue, cart (with a /cart.js like Shopify's AJAX API), checkout and order status.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShopifyEmulator } from "../../emulator";
import { DEMO_SHOP } from "../catalogue";
import { ajaxCart, cartSession, CART_COOKIE, clearCart, currentCustomer, setQuantity, type CartSession } from "./cart";
import { completeOrder, DELIVERY_OPTIONS, enterCode, priceCheckout } from "./checkout";
import { checkoutApiData, checkoutExtensionBundle, CHECKOUT_EXTENSION_SCRIPT, extensionFrame, thankYouApiData } from "./checkout-extension";
import { checkoutPage, COUNTRIES, orderStatusPage } from "./checkout-page";
import { cartPage, cataloguePage, layout, STOREFRONT, type ShopPageContext } from "./shop-pages";
import { appMetafieldsOf, storefrontCustomers, storefrontProducts } from "./store-data";
import { html, trusted } from "./html";
import { renderThemeBlock, THEME_ASSETS_PATH, THEME_EXTENSION_DIR } from "./theme-extension";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  [`${STOREFRONT}/assets/storefront.css`]: { file: path.join(HERE, "storefront.css"), type: "text/css" },
  "/demo/checkout-ui-standin.js": { file: path.join(HERE, "..", "checkout-ui-standin.js"), type: "text/javascript" },
};
const THEME_ASSET_TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css" };

export interface StorefrontOptions {
  emulator: ShopifyEmulator;
  /** Where the app receives webhooks, and the secret Shopify signs them with. */
  origin: string;
  apiSecret: string;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer) {
  response.statusCode = status;
  response.setHeader("Content-Type", type);
  response.end(body);
}

function redirect(response: ServerResponse, location: string) {
  response.statusCode = 303;
  response.setHeader("Location", location);
  response.end();
}

function notFound(response: ServerResponse) {
  send(
    response,
    404,
    "text/html",
    layout(
      "Page not found",
      html`<main class="storefront">
        <h1>Page not found</h1>
        <p><a href="${STOREFRONT}">Continue shopping</a></p>
      </main>`,
    ),
  );
}

/** Handles the storefront's paths; returns false for every other path. */
export function storefrontHandler(options: StorefrontOptions) {
  const { emulator } = options;
  const shop = () => emulator.store(DEMO_SHOP.domain).shop;
  const context = (session: CartSession): ShopPageContext => ({ session, products: storefrontProducts(emulator), customers: storefrontCustomers(emulator) });
  const themeContext = (page: ShopPageContext) => ({
    shopMetafields: appMetafieldsOf(emulator, shop().id),
    customer: currentCustomer(page.session, page.customers),
    root: `${STOREFRONT}/`,
  });

  async function checkout(response: ServerResponse, page: ShopPageContext) {
    if (page.session.lines.length === 0) return redirect(response, `${STOREFRONT}/cart`);
    const customer = currentCustomer(page.session, page.customers);
    const result = await priceCheckout(emulator, page.session, page.customers);
    const api = checkoutApiData(result, customer, { id: shop().id, metafields: appMetafieldsOf(emulator, shop().id) });
    send(
      response,
      200,
      "text/html",
      checkoutPage(page, result, customer, {
        reductions: extensionFrame("purchase.checkout.reductions.render-after", api),
        block: extensionFrame("purchase.checkout.block.render", api),
      }),
    );
  }

  async function pay(response: ServerResponse, page: ShopPageContext) {
    const { session } = page;
    const customer = currentCustomer(session, page.customers);
    if (!customer && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(session.email)) {
      session.notice = "Enter an email so we can send your order confirmation";
      return redirect(response, `${STOREFRONT}/checkout`);
    }
    const result = await priceCheckout(emulator, session, page.customers);
    let order;
    try {
      order = await completeOrder(emulator, result, options);
    } catch (error) {
      console.error("The demo storefront could not place an order:", error);
      session.notice = "Your order couldn't be placed. Check your cart and try again.";
      return redirect(response, `${STOREFRONT}/checkout`);
    }
    session.lastOrder = {
      id: order.id,
      name: order.name,
      email: order.email,
      customerId: order.customerId,
      firstOrder: (customer?.numberOfOrders ?? 0) === 0,
      result,
    };
    clearCart(session);
    redirect(response, `${STOREFRONT}/orders/${order.number}`);
  }

  async function post(request: IncomingMessage, response: ServerResponse, page: ShopPageContext, pathname: string) {
    const form = await formBody(request);
    const { session } = page;
    const variantId = form.get("id") ?? "";
    const quantity = Number(form.get("quantity"));
    const sellable = page.products.some((product) => product.variants.some((variant) => variant.id === variantId)) && Number.isFinite(quantity);
    if (pathname === `${STOREFRONT}/cart/add`) {
      if (sellable) setQuantity(session, variantId, quantity, "add");
      return redirect(response, `${STOREFRONT}?cart=open`);
    }
    if (pathname === `${STOREFRONT}/cart/change`) {
      if (sellable) setQuantity(session, variantId, quantity, "set");
      return redirect(response, `${STOREFRONT}/cart`);
    }
    if (pathname === `${STOREFRONT}/account`) {
      const id = form.get("customerId") ?? "";
      session.customerId = page.customers.some((customer) => customer.id === id) ? id : null;
      const back = new URL(request.headers.referer ?? `${options.origin}${STOREFRONT}`).pathname;
      return redirect(response, back.startsWith(STOREFRONT) ? back : STOREFRONT);
    }
    if (pathname === `${STOREFRONT}/checkout/discount`) {
      const removed = form.get("remove");
      if (removed) session.codes = session.codes.filter((code) => code !== removed);
      else session.notice = enterCode(emulator, session, form.get("code") ?? "");
      return redirect(response, `${STOREFRONT}/checkout`);
    }
    if (pathname === `${STOREFRONT}/checkout`) {
      if (form.has("email")) session.email = (form.get("email") ?? "").trim();
      const country = form.get("country");
      if (country && COUNTRIES.some(([code]) => code === country)) session.countryCode = country;
      const delivery = form.get("delivery");
      if (delivery && DELIVERY_OPTIONS.some((option) => option.handle === delivery)) session.deliveryHandle = delivery;
      return form.get("intent") === "pay" ? pay(response, page) : redirect(response, `${STOREFRONT}/checkout`);
    }
    notFound(response);
  }

  async function get(response: ServerResponse, page: ShopPageContext, url: URL) {
    const { pathname } = url;
    const { session } = page;
    if (pathname === STOREFRONT || pathname === `${STOREFRONT}/`) {
      const embed = trusted(await renderThemeBlock("spend-more-embed", themeContext(page)));
      return send(response, 200, "text/html", cataloguePage(page, { drawerOpen: url.searchParams.get("cart") === "open", embed }));
    }
    if (pathname === `${STOREFRONT}/cart.js`)
      return send(response, 200, "application/json", JSON.stringify(ajaxCart(session, page.products, shop().currencyCode)));
    if (pathname === `${STOREFRONT}/cart`)
      return send(response, 200, "text/html", cartPage(page, trusted(await renderThemeBlock("spend-more", themeContext(page)))));
    if (pathname === `${STOREFRONT}/checkout`) return checkout(response, page);
    const order = /^\/storefront\/orders\/(\d+)$/.exec(pathname);
    if (order && session.lastOrder?.name === `#${order[1]}`) {
      const placed = session.lastOrder;
      const customer = placed.customerId ? { id: placed.customerId, metafields: appMetafieldsOf(emulator, placed.customerId) } : null;
      return send(response, 200, "text/html", orderStatusPage(placed, extensionFrame("purchase.thank-you.block.render", thankYouApiData(placed, customer))));
    }
    notFound(response);
  }

  return async function handleStorefront(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? "/", options.origin);
    const { pathname } = url;
    const file = STATIC_FILES[pathname];
    if (file) {
      send(response, 200, file.type, readFileSync(file.file));
      return true;
    }
    if (pathname === CHECKOUT_EXTENSION_SCRIPT) {
      send(response, 200, "text/javascript", await checkoutExtensionBundle());
      return true;
    }
    if (pathname.startsWith(THEME_ASSETS_PATH)) {
      const name = path.basename(pathname);
      const type = THEME_ASSET_TYPES[path.extname(name)];
      try {
        if (type) send(response, 200, type, readFileSync(path.join(THEME_EXTENSION_DIR, "assets", name)));
        else notFound(response);
      } catch {
        notFound(response);
      }
      return true;
    }
    if (pathname !== STOREFRONT && !pathname.startsWith(`${STOREFRONT}/`)) return false;

    const { session, isNew } = cartSession(request.headers.cookie);
    if (isNew) response.setHeader("Set-Cookie", `${CART_COOKIE}=${session.token}; Path=${STOREFRONT}; HttpOnly; SameSite=Lax`);
    const page = context(session);
    if (request.method === "POST") await post(request, response, page, pathname);
    else await get(response, page, url);
    return true;
  };
}
