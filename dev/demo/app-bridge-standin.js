// A small local stand-in for Shopify's App Bridge script, served only by `npm run demo`.
// In the Shopify admin, App Bridge gives the embedded app session tokens, toasts, the
// resource picker and the admin's navigation. Outside Shopify (the offline demo) this file
// provides the same `window.shopify` calls PromoGuard uses, backed by the demo server.
(function installAppBridgeStandIn() {
  "use strict";
  const TOKEN_URL = "/demo/session-token";
  const RESOURCES_URL = "/demo/resources";
  const STAFF_URL = "/demo/staff";
  const USER_COOKIE = "promoguard_demo_user";
  const STORE_COOKIE = "promoguard_demo_store";
  const nativeFetch = window.fetch.bind(window);
  let cachedToken = null;

  async function idToken() {
    if (cachedToken && cachedToken.expiresAt > Date.now() + 5000) return cachedToken.value;
    const response = await nativeFetch(TOKEN_URL, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`Demo session token request failed (${response.status})`);
    const { token, expiresAt } = await response.json();
    cachedToken = { value: token, expiresAt };
    return token;
  }

  // App Bridge adds the session token to the app's own requests; Remix navigations use fetch.
  window.fetch = async function fetchWithSessionToken(input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/demo/")) return nativeFetch(input, init);
    const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    if (!headers.has("Authorization")) headers.set("Authorization", `Bearer ${await idToken()}`);
    return nativeFetch(input, { ...init, headers });
  };

  // The library's bounce page asks App Bridge for a fresh token, then reloads the original URL.
  if (location.pathname === "/auth/session-token") {
    const params = new URLSearchParams(location.search);
    const reload = params.get("shopify-reload");
    if (reload) {
      idToken().then((token) => {
        const target = new URL(reload, location.href);
        target.searchParams.set("id_token", token);
        location.replace(target.toString());
      });
    }
  }

  const style = document.createElement("style");
  style.textContent = `
    body { margin: 0; }
    ui-nav-menu { display: flex; gap: 2px; align-items: center; padding: 8px 16px; background: #1a1a1a; }
    ui-nav-menu::before { content: "PromoGuard · demo"; color: #fff; font: 600 14px system-ui; margin-right: 16px; }
    ui-nav-menu a { color: #e3e3e3; font: 500 13px system-ui; text-decoration: none; padding: 6px 8px; border-radius: 8px; }
    ui-nav-menu a:hover { background: #303030; color: #fff; }
    /* A phone: the links wrap under the signed-in control instead of running off the screen. */
    @media (max-width: 720px) {
      ui-nav-menu { position: relative; flex-wrap: wrap; padding-top: 44px; }
      ui-nav-menu::before { display: none; }
    }
    .demo-toasts { position: fixed; bottom: 24px; left: 50%; transform: translateX(-50%); display: grid; gap: 8px; z-index: 10000; }
    .demo-toast { background: #1a1a1a; color: #fff; font: 500 14px system-ui; padding: 12px 16px; border-radius: 10px; }
    .demo-toast[data-error] { background: #8e1f0b; }
    .demo-picker { position: fixed; inset: 0; background: rgba(0,0,0,.5); display: grid; place-items: center; z-index: 10001; }
    .demo-picker > div { background: #fff; border-radius: 12px; width: min(560px, 92vw); max-height: 80vh; display: grid; grid-template-rows: auto auto 1fr auto; font: 14px system-ui; }
    .demo-picker header, .demo-picker footer { padding: 12px 16px; display: flex; justify-content: space-between; gap: 8px; }
    .demo-picker input[type=search] { margin: 0 16px 8px; padding: 8px; font: inherit; }
    .demo-picker ul { list-style: none; margin: 0; padding: 0 16px; overflow: auto; }
    .demo-picker li label { display: flex; gap: 8px; padding: 8px 0; border-bottom: 1px solid #eee; }
    .demo-user { position: fixed; top: 3px; right: 16px; z-index: 10002; color: #e3e3e3; background: #1a1a1a; border-radius: 8px; padding: 0 4px; font: 500 12px system-ui; display: grid; gap: 2px; justify-items: end; }
    .demo-user > div { display: flex; gap: 6px; align-items: center; }
    .demo-user button { font: inherit; color: #fff; background: #303030; border: 0; border-radius: 6px; padding: 1px 8px; cursor: pointer; }
    .demo-user [role=menu] { position: absolute; top: 40px; right: 0; background: #fff; color: #1a1a1a; border-radius: 10px; box-shadow: 0 4px 16px rgba(0,0,0,.25); padding: 6px; display: grid; min-width: 240px; }
    .demo-user [role=menu] button { background: none; color: inherit; text-align: left; padding: 8px 10px; }
    .demo-user [role=menu] button:hover, .demo-user [role=menu] button[aria-current=true] { background: #f1f1f1; }
  `;
  document.head.appendChild(style);

  // The current section is highlighted by a generated rule, not by attributes on the links:
  // React owns those elements and would see changed attributes as a hydration mismatch.
  const currentLinkStyle = document.createElement("style");
  document.head.appendChild(currentLinkStyle);
  function highlightCurrentSection() {
    const section = location.pathname.split("/").slice(0, 3).join("/");
    currentLinkStyle.textContent = `ui-nav-menu a[href="${CSS.escape(section)}"] { background: #303030; color: #fff; }`;
  }
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method].bind(history);
    history[method] = (...args) => {
      original(...args);
      highlightCurrentSection();
    };
  }
  window.addEventListener("popstate", highlightCurrentSection);
  highlightCurrentSection();

  function toastContainer() {
    let container = document.querySelector(".demo-toasts");
    if (!container) {
      container = document.createElement("div");
      container.className = "demo-toasts";
      container.setAttribute("role", "status");
      document.body.appendChild(container);
    }
    return container;
  }

  const toast = {
    show(message, options = {}) {
      const element = document.createElement("div");
      element.className = "demo-toast";
      if (options.isError) element.dataset.error = "";
      element.textContent = message;
      toastContainer().appendChild(element);
      setTimeout(() => element.remove(), options.duration || 5000);
      return String(Date.now());
    },
    hide() {},
  };

  /** Lists the demo catalogue (products or collections) and resolves with the merchant's choice. */
  function resourcePicker({ type = "product", multiple = false, selectionIds = [] } = {}) {
    return new Promise((resolve) => {
      const overlay = document.createElement("div");
      overlay.className = "demo-picker";
      overlay.innerHTML = `<div role="dialog" aria-label="Select ${type}s">
        <header><strong>Select ${type}s</strong></header>
        <input type="search" placeholder="Search ${type}s" aria-label="Search ${type}s">
        <ul></ul>
        <footer><button type="button" data-cancel>Cancel</button><button type="button" data-select>Select</button></footer>
      </div>`;
      const list = overlay.querySelector("ul");
      const chosen = new Map();
      const preselected = new Set(selectionIds.map((selection) => selection.id));
      let shown = [];
      async function load(query) {
        const response = await nativeFetch(`${RESOURCES_URL}?type=${encodeURIComponent(type)}&query=${encodeURIComponent(query)}`);
        shown = (await response.json()).resources;
        list.innerHTML = "";
        for (const resource of shown) {
          const item = document.createElement("li");
          const checked = chosen.has(resource.id) || preselected.has(resource.id);
          if (checked) chosen.set(resource.id, resource);
          item.innerHTML = `<label><input type="${multiple ? "checkbox" : "radio"}" name="pick" ${checked ? "checked" : ""}> <span></span></label>`;
          item.querySelector("span").textContent = resource.title;
          item.querySelector("input").addEventListener("change", (event) => {
            if (!multiple) chosen.clear();
            if (event.target.checked) chosen.set(resource.id, resource);
            else chosen.delete(resource.id);
          });
          list.appendChild(item);
        }
      }
      overlay.querySelector("input[type=search]").addEventListener("input", (event) => load(event.target.value));
      overlay.querySelector("[data-cancel]").addEventListener("click", () => {
        overlay.remove();
        resolve(undefined);
      });
      overlay.querySelector("[data-select]").addEventListener("click", () => {
        overlay.remove();
        resolve(Object.assign([...chosen.values()], { selection: [...chosen.values()] }));
      });
      document.body.appendChild(overlay);
      load("");
    });
  }

  // Demo only: "Signed in as <name> (<role>) at <store> — switch · store". In the Shopify admin the
  // signed-in staff member is whoever logged in, in the store they opened; here a person (or a
  // browser test) picks one of the demo stores and one of its staff. The choices are cookies the
  // demo server reads when it mints session tokens; switching reopens the current page through the
  // demo's entry URL so the new store's and user's token is used everywhere. The control is added
  // only once React has hydrated the page (Polaris's AppProvider styles the body when it mounts):
  // an element React did not render would break hydration.
  function reopen(path) {
    cachedToken = null;
    location.assign(`/?to=${encodeURIComponent(path)}`);
  }

  function currentPath() {
    const params = new URLSearchParams(location.search);
    for (const name of ["id_token", "embedded", "shop", "host", "hmac", "session", "timestamp", "locale"]) params.delete(name);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "");
  }

  function switchUser(userId) {
    document.cookie = `${USER_COOKIE}=${userId}; path=/; SameSite=Lax`;
    reopen(currentPath());
  }

  /** Opens the app in another demo store (as the same person when they work there too). */
  function switchStore(domain, path) {
    document.cookie = `${STORE_COOKIE}=${encodeURIComponent(domain)}; path=/; SameSite=Lax`;
    reopen(path || "/app");
  }

  let answer;
  async function demoStaff() {
    if (answer) return answer;
    const response = await nativeFetch(STAFF_URL, { credentials: "same-origin" });
    answer = response.ok ? await response.json() : null;
    return answer;
  }

  // A link into another store's Shopify admin (the portfolio's "open in that store") opens the app
  // there, as Shopify's admin would with the person signed in to that store.
  document.addEventListener(
    "click",
    async (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href^='https://admin.shopify.com/store/']") : null;
      if (!link) return;
      event.preventDefault();
      event.stopPropagation();
      const url = new URL(link.href);
      const [, , handle, , , ...rest] = url.pathname.split("/");
      const store = ((await demoStaff()) || { stores: [] }).stores.find((candidate) => candidate.handle === handle);
      if (store) switchStore(store.domain, `/${rest.join("/")}${url.search}`);
    },
    true,
  );

  function menuOf(label, items) {
    const menu = document.createElement("div");
    menu.setAttribute("role", "menu");
    menu.setAttribute("aria-label", label);
    for (const { text, current, data, onSelect } of items) {
      const item = document.createElement("button");
      item.type = "button";
      item.setAttribute("role", "menuitem");
      Object.assign(item.dataset, data);
      if (current) item.setAttribute("aria-current", "true");
      item.textContent = text;
      item.addEventListener("click", onSelect);
      menu.appendChild(item);
    }
    return menu;
  }

  let installing = false;
  async function installUserSwitch() {
    if (installing || !location.pathname.startsWith("/app") || document.querySelector(".demo-user")) return;
    installing = true;
    let loaded;
    try {
      loaded = await demoStaff();
    } finally {
      installing = false;
    }
    if (!loaded || document.querySelector(".demo-user")) return;
    const { current, staff, store, stores } = loaded;
    const control = document.createElement("div");
    control.className = "demo-user";
    control.dataset.userId = String(current.id);
    control.dataset.store = store.domain;
    control.innerHTML = `<div><span>Signed in as <strong></strong> (<span data-role></span>) —</span><button type="button" aria-haspopup="menu" aria-expanded="false" data-switch="user">switch</button></div><div><span>at <em data-store-name></em> —</span><button type="button" aria-haspopup="menu" aria-expanded="false" data-switch="store">store</button></div>`;
    control.querySelector("strong").textContent = current.name;
    control.querySelector("[data-role]").textContent = current.roleLabel;
    control.querySelector("[data-store-name]").textContent = store.name;
    let open = null;
    const toggle = (button, build) => {
      if (open) {
        open.menu.remove();
        open.button.setAttribute("aria-expanded", "false");
        if (open.button === button) return (open = null);
      }
      open = { button, menu: build() };
      control.appendChild(open.menu);
      button.setAttribute("aria-expanded", "true");
    };
    const userButton = control.querySelector("[data-switch=user]");
    userButton.addEventListener("click", () =>
      toggle(userButton, () =>
        menuOf(
          "Sign in as another demo staff member",
          staff.map((member) => ({
            text: `${member.name} · ${member.roleLabel}`,
            current: member.id === current.id,
            data: { demoUserId: String(member.id) },
            onSelect: () => switchUser(member.id),
          })),
        ),
      ),
    );
    const storeButton = control.querySelector("[data-switch=store]");
    storeButton.addEventListener("click", () =>
      toggle(storeButton, () =>
        menuOf(
          "Open another demo store",
          stores.map((candidate) => ({
            text: candidate.name,
            current: candidate.domain === store.domain,
            data: { demoStore: candidate.domain },
            onSelect: () => switchStore(candidate.domain, currentPath()),
          })),
        ),
      ),
    );
    document.body.appendChild(control);
  }

  function whenHydrated(callback, deadline = Date.now() + 120000) {
    if (document.body && document.body.style.backgroundColor) return callback();
    if (Date.now() > deadline) return undefined;
    setTimeout(() => whenHydrated(callback, deadline), 100);
  }
  whenHydrated(() => {
    installUserSwitch();
    // Keep it there if React re-renders the body (a recovered hydration error, say).
    new MutationObserver(() => {
      if (!document.querySelector(".demo-user")) installUserSwitch();
    }).observe(document.body, { childList: true });
  });

  window.shopify = {
    config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey, shop: "demo" },
    idToken,
    toast,
    resourcePicker,
    loading() {},
    environment: { embedded: false, mobile: false, pos: false },
  };
})();
