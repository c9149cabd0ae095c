// "Test a cart" through the whole app, as the admin requests it: the page, its data, bad input
// answered with the fields to fix (never a 500), every role allowed to read, each shop seeing
// only its own store, the customer picker, and the links from the campaign pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { createCampaign } from "~/domain/campaigns/campaigns.server";
import { publishCampaign } from "~/domain/campaigns/publishing.server";
import { ROLES } from "~/domain/governance/roles";
import type { SimulatorPageData } from "~/features/simulator/simulator-route.server";
import type { ShopifyEmulator } from "../../dev/emulator";
import { adminFor, campaignInput, startShopify } from "../campaigns/support";
import { routeShopifyRequestsTo } from "~/shopify/transport.server";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, OTHER_SHOP, TEST_SHOP } from "../support/shopify-app";

const PAGE = "/app/campaigns/simulator";
let app: Awaited<ReturnType<typeof startRemixApp>>;
let emulator: ShopifyEmulator;
let stop: () => void;
let shirt: string;
let ana: string;
let otherShopsCustomer: string;
let campaignId: number;

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  app = await startRemixApp();
  const seed = emulator.seedFor(TEST_SHOP);
  shirt = seed.product({ title: "Linen shirt", variants: [{ title: "M", sku: "LIN-M", price: "40.00" }] }).variantIds[0];
  ana = seed.customer({ firstName: "Ana", lastName: "Lima", email: "ana@example.com", tags: ["vip"] }).id;
  otherShopsCustomer = emulator.seedFor(OTHER_SHOP).customer({ firstName: "Otto", email: "otto@example.com" }).id;
  const created = await createCampaign(
    prisma,
    TEST_SHOP,
    campaignInput({
      name: "Spring 10%",
      sharedCode: "SPRING10",
      config: { version: 1, minimumSubtotal: "50.00", effects: [{ type: "percentage", percentage: 10, appliesTo: "order" }] },
    }),
  );
  const outcome = await publishCampaign(prisma, await adminFor(TEST_SHOP), created);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  campaignId = created.id;
  const other = await createCampaign(
    prisma,
    OTHER_SHOP,
    campaignInput({
      name: "Other shop's",
      sharedCode: "OTHERS15",
      config: { version: 1, effects: [{ type: "percentage", percentage: 15, appliesTo: "order" }] },
    }),
  );
  if (!(await publishCampaign(prisma, await adminFor(OTHER_SHOP), other)).ok) throw new Error("Publishing the other shop's campaign failed");
}, 120_000);

afterAll(async () => {
  await app?.close();
  stop();
});

const data = (query: string, route = "routes/app.campaigns.simulator") => `${PAGE}?${query}${query ? "&" : ""}_data=${encodeURIComponent(route)}`;

async function load(query: string, options: { shop?: string; role?: (typeof ROLES)[number] } = {}) {
  const response = await app.fetch(await adminRequest(data(query), {}, options.shop ?? TEST_SHOP, options.role ?? "owner"));
  return { status: response.status, body: (await response.json()) as SimulatorPageData };
}

const cart = (extra: Record<string, string | string[]>) => {
  const params = new URLSearchParams({ buyer: "guest", country: "US", shipping: "8.00", delivery: "SHIPPING", test: "1" });
  for (const [name, value] of Object.entries(extra)) {
    params.delete(name);
    for (const item of [value].flat()) params.append(name, item);
  }
  return params.toString();
};

describe("the Test a cart page", () => {
  it("renders for every role, opened from a campaign with its code filled in", async () => {
    for (const role of ROLES) {
      const response = await app.fetch(await adminRequest(`${PAGE}?code=SPRING10`, {}, TEST_SHOP, role));
      expect(response.status, role).toBe(200);
      const html = await response.text();
      expect(html).toContain("Test a cart");
      expect(html).toContain('value="SPRING10"');
    }
  });

  it("tests a cart: the discount per line and the refusal with the shopper's words and the reason", async () => {
    const applied = await load(cart({ variant: shirt, quantity: "2", code: "spring10" }));
    expect(applied.status).toBe(200);
    expect(applied.body.errors).toEqual({});
    expect(applied.body.draft.lines).toEqual([{ variantId: shirt, quantity: "2", title: "Linen shirt - M" }]);
    expect(applied.body.simulation?.totals).toMatchObject({ subtotal: "80.00", orderDiscounts: "8.00", total: "80.00" });
    expect(applied.body.simulation?.discounts).toEqual([
      expect.objectContaining({ title: "Spring 10%", campaign: { id: campaignId, name: "Spring 10%" }, applied: true, amount: "8.00" }),
    ]);

    const refused = await load(cart({ variant: shirt, quantity: "1", code: ["SPRING10", "OTHERS15"] }));
    expect(refused.status).toBe(200);
    const [discount] = refused.body.simulation!.discounts;
    expect(discount.codes).toEqual([
      {
        code: "SPRING10",
        verdict: "refused",
        shopperMessage: "SPRING10 needs 50.00 USD of eligible items: add 10.00 USD more",
        reasons: ["SPRING10 needs 50.00 USD of eligible items: add 10.00 USD more"],
      },
    ]);
    // Another shop's code is nobody's here.
    expect(refused.body.simulation!.otherCodes).toEqual([
      { code: "OTHERS15", verdict: "refused", shopperMessage: "Enter a valid discount code", reasons: ["No discount in the store has the code OTHERS15"] },
    ]);
  });

  it("answers bad input with the fields to fix and keeps what was typed", async () => {
    const bad = await load(
      cart({
        variant: [shirt, "not-a-product", shirt],
        quantity: ["0", "2", "abc"],
        code: ["A1", "a1", "B", "C", "D", "E", "F"],
        country: "USA",
        shipping: "free",
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.simulation).toBeNull();
    expect(bad.body.errors).toMatchObject({
      "lines.0.quantity": "Enter at least 1",
      "lines.1.variantId": "Choose a product from the store",
      "lines.2.quantity": "Enter a quantity",
      codes: "Shopify takes at most 5 discount codes and 1 shipping code on an order",
      countryCode: "Choose a country",
      shippingCost: "Enter an amount like 8.00",
    });
    expect(bad.body.draft).toMatchObject({ countryCode: "USA", shippingCost: "free", codes: ["A1", "a1", "B", "C", "D", "E", "F"] });

    const empty = await load(cart({}));
    expect(empty).toMatchObject({ status: 400, body: { errors: { lines: "Add at least one product" } } });
    const duplicates = await load(cart({ variant: [shirt, shirt], quantity: ["1", "2"], code: ["SPRING10", "spring10"] }));
    expect(duplicates.body.errors).toEqual({
      "lines.1.variantId": "This product is in the cart already: change its quantity instead",
      "codes.1": "SPRING10 has already been entered",
    });
  });

  it("keeps each shop to its own store: another shop's customer or product is not found", async () => {
    const foreignCustomer = await load(cart({ variant: shirt, quantity: "1", buyer: "customer", customer: otherShopsCustomer }));
    expect(foreignCustomer).toMatchObject({ status: 400, body: { errors: { customerId: "This customer is no longer in the store: choose another" } } });
    const foreignProduct = await load(cart({ variant: shirt, quantity: "1" }), { shop: OTHER_SHOP });
    expect(foreignProduct).toMatchObject({ status: 400, body: { errors: { "lines.0.variantId": "This product is no longer in the store: remove it" } } });
    const mine = await load(cart({ variant: shirt, quantity: "1", buyer: "customer", customer: ana }), { role: "requester" });
    expect(mine.status).toBe(200);
    expect(mine.body.draft.customerName).toBe("Ana Lima · ana@example.com");
  });

  it("finds the shop's customers for the picker, and only them", async () => {
    const search = async (query: string, shop = TEST_SHOP) => {
      const response = await app.fetch(
        await adminRequest(
          `${PAGE}/customers?query=${encodeURIComponent(query)}&_data=${encodeURIComponent("routes/app.campaigns.simulator_.customers")}`,
          {},
          shop,
        ),
      );
      return ((await response.json()) as { customers: { id: string; name: string }[] }).customers;
    };
    expect(await search("ana")).toEqual([expect.objectContaining({ id: ana, name: "Ana Lima", tags: ["vip"], numberOfOrders: 0 })]);
    expect(await search("otto")).toEqual([]);
    expect((await search("otto", OTHER_SHOP)).map((customer) => customer.id)).toEqual([otherShopsCustomer]);
  });

  it("says so, without a 500, when Shopify doesn't answer, and keeps the cart", async () => {
    const failures = [
      () => Response.json({ errors: [{ message: "Internal error. Looks like something went wrong on our end." }] }),
      () => {
        throw new TypeError("fetch failed");
      },
    ];
    for (const failure of failures) {
      routeShopifyRequestsTo(async (input, init) => {
        const body = typeof init?.body === "string" ? init.body : "";
        if (body.includes("CartSimulatorShop")) return failure();
        return emulator.fetch(input, init);
      });
      try {
        const down = await load(cart({ variant: shirt, quantity: "3", code: "SPRING10" }));
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ simulation: null, errors: { general: expect.stringMatching(/^Shopify didn't answer/) } });
        expect(down.body.draft).toMatchObject({ lines: [{ variantId: shirt, quantity: "3" }], codes: ["SPRING10"] });
      } finally {
        routeShopifyRequestsTo(emulator.fetch);
      }
    }
  });

  it("is linked from the campaigns list and from each campaign page with its code", async () => {
    const list = await (await app.fetch(await adminRequest("/app/campaigns"))).text();
    expect(list).toContain("Test a cart");
    const page = await app.fetch(await adminRequest(`/app/campaigns/${campaignId}?_data=${encodeURIComponent("routes/app.campaigns.$id")}`));
    expect(((await page.json()) as { testCartUrl: string }).testCartUrl).toBe(`${PAGE}?code=SPRING10`);
  });
});
