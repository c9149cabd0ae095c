// A small local stand-in for what Shopify checkout gives a UI extension, served only by
// `npm run demo` inside the demo checkout's extension frames (dev/demo/storefront). On Shopify an
// extension runs in a sandbox where the `shopify` global holds the checkout's APIs as signals and
// Polaris web components (s-stack, s-text, …) render as checkout's own UI. Here the frame's
// page provides the figures (#shopify-api) and this file provides the global and plain versions
// of the components the extension uses. Nothing here is Shopify's code.
(function installCheckoutStandIn() {
  "use strict";
  const data = JSON.parse(document.getElementById("shopify-api").textContent);

  /** SubscribableSignalLike: the frame is rebuilt on every checkout change, so values never change. */
  const signal = (value) => ({ value, subscribe: () => () => {} });
  const money = (amount) => ({ amount: amount.amount, currencyCode: amount.currencyCode });
  const locale = data.localization.language.isoCode;

  const api = {
    extension: { target: data.target },
    appMetafields: signal(data.appMetafields),
    localization: { language: signal(data.localization.language), extensionLanguage: signal(data.localization.language) },
    i18n: {
      formatCurrency: (number, options) =>
        new Intl.NumberFormat(locale, { style: "currency", currency: data.cost?.totalAmount.currencyCode, ...options }).format(number),
      formatNumber: (number, options) => new Intl.NumberFormat(locale, options).format(number),
      formatDate: (date, options) => new Intl.DateTimeFormat(locale, options).format(date),
      translate: (key) => key,
    },
  };
  if (data.cost) {
    Object.assign(api, {
      cost: {
        subtotalAmount: signal(money(data.cost.subtotalAmount)),
        totalShippingAmount: signal(money(data.cost.totalShippingAmount)),
        totalAmount: signal(money(data.cost.totalAmount)),
        totalTaxAmount: signal(undefined),
      },
      lines: signal(data.lines),
      discountCodes: signal(data.discountCodes),
      buyerIdentity: { customer: signal(data.buyerIdentity.customer), purchasingCompany: signal(data.buyerIdentity.purchasingCompany) },
    });
  }
  if (data.orderConfirmation) api.orderConfirmation = signal(data.orderConfirmation);

  // Shopify loads the bundle once per target; the bundle registers every target it has and the
  // host runs the one it is rendering.
  globalThis.shopify = Object.assign(api, {
    extend(target, render) {
      if (target === data.target) render();
    },
  });

  const style = document.createElement("style");
  style.textContent = `
    html, body { margin: 0; font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: transparent; }
    s-stack { display: grid; gap: 6px; }
    s-text { display: block; }
    s-text[type="strong"] { font-weight: 650; }
    s-text[color="subdued"] { color: #707070; }
    s-banner { display: block; border-radius: 10px; padding: 12px 14px; background: #f1f8f5; border: 1px solid #b4dfc4; }
    s-banner > .heading { font-weight: 650; margin-bottom: 4px; }
    s-progress { display: block; height: 8px; border-radius: 99px; background: #e3e3e3; overflow: hidden; }
    s-progress > span { display: block; height: 100%; background: #2c6ecb; border-radius: inherit; }
  `;
  document.head.appendChild(style);

  /** A property Preact sets on the element, reflected as an attribute so CSS and tests see it. */
  function reflect(element, name, attribute = name.toLowerCase()) {
    Object.defineProperty(element.prototype, name, {
      get() {
        return this.getAttribute(attribute);
      },
      set(value) {
        if (value === undefined || value === null) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
    });
  }

  class Plain extends HTMLElement {}
  class Text extends HTMLElement {}
  ["type", "color"].forEach((name) => reflect(Text, name));

  class Progress extends HTMLElement {
    static observedAttributes = ["value", "max", "accessibilitylabel"];
    connectedCallback() {
      // Preact may have set these before the element was upgraded, as plain own properties that
      // hide the reflecting ones: hand them to the reflecting setters (the standard upgrade dance).
      for (const name of ["value", "max", "accessibilityLabel"]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      this.setAttribute("role", "progressbar");
      this.update();
    }
    attributeChangedCallback() {
      this.update();
    }
    update() {
      const share = Math.max(0, Math.min(1, Number(this.getAttribute("value") ?? 0) / Number(this.getAttribute("max") ?? 1)));
      if (!this.firstElementChild) this.appendChild(document.createElement("span"));
      this.firstElementChild.style.width = `${Math.round(share * 100)}%`;
      this.setAttribute("aria-valuenow", String(Math.round(share * 100)));
      const label = this.getAttribute("accessibilitylabel");
      if (label) this.setAttribute("aria-label", label);
      else this.removeAttribute("aria-label");
    }
  }
  ["value", "max", "accessibilityLabel"].forEach((name) => reflect(Progress, name));

  class Banner extends HTMLElement {
    set heading(text) {
      let heading = this.querySelector(":scope > .heading");
      if (!heading) {
        heading = document.createElement("div");
        heading.className = "heading";
        this.prepend(heading);
      }
      heading.textContent = text;
    }
  }
  reflect(Banner, "tone");

  customElements.define("s-stack", class extends Plain {});
  customElements.define("s-text", Text);
  customElements.define("s-progress", Progress);
  customElements.define("s-banner", Banner);
})();
