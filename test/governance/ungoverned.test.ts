// The "Not governed by PromoGuard" page: adopt (owner, purpose, channel; Shopify unchanged),
// deactivate in Shopify, the Owner's "refuse codes not created by PromoGuard" switch, each
// audited, each refused to roles without the permission and to other shops, and the switch
// proved at checkout with the real function.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { prepareCampaignsOnInstall } from "~/domain/campaigns/install.server";
import type { Role } from "~/domain/governance/roles";
import type { ShopifyEmulator } from "../../dev/emulator";
import { simulateCheckout, type ActiveDiscount, type Cart } from "../../dev/emulator/checkout";
import { testFunction } from "../../packages/shopify-checkout/tests/test-factories";
import { adminFor, checkoutOf, shopCatalogue, startShopify } from "../campaigns/support";
import { startRemixApp } from "../support/remix-server";
import { adminRequest, OTHER_SHOP, TEST_SHOP, testStaff } from "../support/shopify-app";

let emulator: ShopifyEmulator;
let stop: () => void;
let app: Awaited<ReturnType<typeof startRemixApp>>;

const ROUTE = "routes/app.campaigns.ungoverned";
const post = async (intent: string, fields: Record<string, string>, as: Role = "owner", shop = TEST_SHOP) =>
  app.fetch(
    await adminRequest(
      `/app/campaigns/ungoverned?intent=${intent}&_data=${encodeURIComponent(ROUTE)}`,
      { method: "POST", body: new URLSearchParams(fields) },
      shop,
      as,
    ),
  );
const load = async (as: Role = "owner", shop = TEST_SHOP) => {
  const response = await app.fetch(await adminRequest(`/app/campaigns/ungoverned?_data=${encodeURIComponent(ROUTE)}`, {}, shop, as));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    ungoverned: Array<{ id: number; title: string; status: string }>;
    adopted: Array<{ id: number; title: string; ownerName: string; purpose: string; channel: string }>;
    refuse: { refuse: boolean; liveDiscounts: number; liveCodes: number };
  };
};
const rowByTitle = (title: string, shop = TEST_SHOP) => prisma.existingDiscount.findFirstOrThrow({ where: { shopDomain: shop, title } });
const auditCount = () => prisma.auditEntry.count();
/** Everything a denied call could have changed: the rows, the policy, the audit trail, Shopify. */
const state = async () => ({
  rows: await prisma.existingDiscount.findMany({ orderBy: { id: "asc" } }),
  policies: await prisma.governancePolicy.findMany(),
  audit: await auditCount(),
  shopify: JSON.stringify([...emulator.store(TEST_SHOP).discounts.values(), ...emulator.store(OTHER_SHOP).discounts.values()]),
});

beforeAll(async () => {
  ({ emulator, stop } = await startShopify());
  for (const shop of [TEST_SHOP, OTHER_SHOP]) await prepareCampaignsOnInstall(prisma, await adminFor(shop), shop);
  const seed = emulator.seedFor(TEST_SHOP);
  seed.discount({ title: "Newsletter 10", codes: ["NEWS10"], summary: "10% off entire order" });
  seed.discount({ title: "Influencer", codes: ["ANNA15", "ANNA15B"], summary: "15% off entire order" });
  seed.discount({ title: "Staff", codes: ["STAFF30"], summary: "30% off entire order" });
  seed.discount({ method: "AUTOMATIC", kind: "FREE_SHIPPING", title: "Free shipping over 50", summary: "Free shipping on orders over $50" });
  emulator.seedFor(OTHER_SHOP).discount({ title: "Other shop's code", codes: ["ELSEWHERE"], summary: "50% off" });
  app = await startRemixApp();
  // The import through the page, as a Manager: audited.
  expect((await post("import", {}, "manager")).status).toBe(200);
  expect((await post("import", {}, "owner", OTHER_SHOP)).status).toBe(200);
});
afterAll(async () => {
  await app.close();
  stop();
});

describe("importing", () => {
  it("lists the store's discounts and records the import in the audit trail", async () => {
    const page = await load("requester");
    expect(page.ungoverned.map((row) => row.title).sort()).toEqual(["Free shipping over 50", "Influencer", "Newsletter 10", "Staff"]);
    expect(page.adopted).toEqual([]);
    expect(page.refuse).toEqual(expect.objectContaining({ refuse: false, liveDiscounts: 3, liveCodes: 4 }));
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, action: "discount.import" } });
    expect(entry.actorName).toBe("Morgan Manager");
    expect(entry.diff).toEqual({ discounts: { before: 0, after: 4 } });
  });

  it("renders the page with the switch and the list", async () => {
    const response = await app.fetch(await adminRequest("/app/campaigns/ungoverned", {}, TEST_SHOP, "requester"));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Refuse codes not created by PromoGuard");
    expect(html).toContain("4 live codes in 3 discounts not governed by PromoGuard would be refused at checkout.");
    expect(html).toContain("Newsletter 10");
  });

  it("refuses a requester's import", async () => {
    const before = await state();
    expect((await post("import", {}, "requester")).status).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe("adopting a discount", () => {
  it("explains every missing field and changes nothing", async () => {
    const row = await rowByTitle("Newsletter 10");
    const before = await state();
    const response = await post("adopt", { id: String(row.id), ownerStaffId: "", purpose: "  ", channel: "carrier-pigeon" }, "approver");
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Record<string, string> };
    expect(errors.ownerStaffId).toBe("Choose the staff member accountable for this discount.");
    expect(errors.purpose).toMatch(/Say what the discount is for/);
    expect(errors.channel).toBe('"carrier-pigeon" is not a channel: choose one from the list.');
    // Another shop's staff member is not an owner here.
    const foreign = await testStaff("manager", OTHER_SHOP);
    const second = await post("adopt", { id: String(row.id), ownerStaffId: String(foreign.id), purpose: "Welcome", channel: "email" }, "approver");
    expect(((await second.json()) as { errors: Record<string, string> }).errors.ownerStaffId).toMatch(/one of this store's staff/);
    expect(await state()).toEqual(before);
  });

  it.each(["manager", "requester"] as Role[])("refuses a %s (ungoverned.manage is Approver and up) and changes nothing", async (role) => {
    const row = await rowByTitle("Newsletter 10");
    const manager = await testStaff("manager");
    const before = await state();
    const adopt = await post("adopt", { id: String(row.id), ownerStaffId: String(manager.id), purpose: "Welcome", channel: "email" }, role);
    expect(adopt.status).toBe(403);
    expect(await adopt.json()).toEqual({ error: expect.stringContaining("Approver"), permission: "ungoverned.manage" });
    expect((await post("deactivate", { id: String(row.id) }, role)).status).toBe(403);
    expect((await post("refuse", { refuse: "true" }, role)).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("answers another shop's discount 404, exactly like a missing one, and changes nothing", async () => {
    const foreign = await rowByTitle("Other shop's code", OTHER_SHOP);
    const manager = await testStaff("manager");
    const before = await state();
    for (const id of [String(foreign.id), "999999"]) {
      expect((await post("adopt", { id, ownerStaffId: String(manager.id), purpose: "Mine now", channel: "email" }, "owner")).status).toBe(404);
      expect((await post("deactivate", { id }, "owner")).status).toBe(404);
    }
    expect(await state()).toEqual(before);
  });

  it("records owner, purpose and channel, moves it to Adopted, leaves Shopify's discount as it was, and is audited", async () => {
    const row = await rowByTitle("Newsletter 10");
    const manager = await testStaff("manager");
    const shopifyBefore = JSON.stringify(emulator.store(TEST_SHOP).discounts.get(row.shopifyDiscountId));
    const response = await post(
      "adopt",
      { id: String(row.id), ownerStaffId: String(manager.id), purpose: "Newsletter welcome offer", channel: "email" },
      "approver",
    );
    expect(response.status).toBe(200);
    const page = await load();
    expect(page.ungoverned.map((entry) => entry.title)).not.toContain("Newsletter 10");
    expect(page.adopted).toEqual([
      expect.objectContaining({ title: "Newsletter 10", ownerName: "Morgan Manager", purpose: "Newsletter welcome offer", channel: "email" }),
    ]);
    expect(page.refuse).toEqual(expect.objectContaining({ liveDiscounts: 2, liveCodes: 3 }));
    expect(JSON.stringify(emulator.store(TEST_SHOP).discounts.get(row.shopifyDiscountId))).toBe(shopifyBefore);
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, action: "discount.adopt" } });
    expect(entry).toMatchObject({ actorName: "Avery Approver", entityType: "discount", entityId: row.shopifyDiscountId, entityLabel: "Newsletter 10" });
    expect(entry.diff).toMatchObject({
      ownerStaffId: { before: null, after: manager.id },
      purpose: { before: null, after: "Newsletter welcome offer" },
      channel: { before: null, after: "email" },
    });
    // The guard now lists the adopted code.
    expect(shopCatalogue(emulator).campaigns).toContainEqual(["NEWS10", "joint", 0, "10%"]);
    // Adopting twice is refused.
    expect((await post("adopt", { id: String(row.id), ownerStaffId: String(manager.id), purpose: "Again", channel: "email" }, "owner")).status).toBe(409);
  });

  it("keeps the adoption when the list is imported again", async () => {
    expect((await post("import", {}, "owner")).status).toBe(200);
    const row = await rowByTitle("Newsletter 10");
    expect(row).toMatchObject({ purpose: "Newsletter welcome offer", channel: "email" });
    expect(row.adoptedAt).not.toBeNull();
  });
});

describe("deactivating in Shopify", () => {
  it("ends a code discount in Shopify, shows it expired and records it", async () => {
    const row = await rowByTitle("Staff");
    const response = await post("deactivate", { id: String(row.id) }, "approver");
    expect(response.status).toBe(200);
    expect(emulator.store(TEST_SHOP).discounts.get(row.shopifyDiscountId)!.endsAt).not.toBeNull();
    const updated = await rowByTitle("Staff");
    expect(updated.status).toBe("EXPIRED");
    expect(updated.endsAt).not.toBeNull();
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { shopDomain: TEST_SHOP, action: "discount.deactivate", entityId: row.shopifyDiscountId },
    });
    expect((entry.diff as Record<string, unknown>).status).toEqual({ before: "ACTIVE", after: "EXPIRED" });
    // A fresh import agrees with Shopify.
    expect((await post("import", {}, "owner")).status).toBe(200);
    expect((await rowByTitle("Staff")).status).toBe("EXPIRED");
    // Row ids are the list's own; a re-import renumbers them, the page reloads with the new ones.
    expect((await post("deactivate", { id: String((await rowByTitle("Staff")).id) }, "approver")).status).toBe(409);
  });

  it("ends an automatic discount through discountAutomaticDeactivate", async () => {
    const row = await rowByTitle("Free shipping over 50");
    expect((await post("deactivate", { id: String(row.id) }, "owner")).status).toBe(200);
    expect(emulator.store(TEST_SHOP).discounts.get(row.shopifyDiscountId)!.endsAt).not.toBeNull();
    expect((await rowByTitle("Free shipping over 50")).status).toBe("EXPIRED");
  });
});

// ---------------------------------------------------------------------------------------------
// The switch, at checkout

let percentOff: Awaited<ReturnType<typeof testFunction>>;

/** The guard as Shopify holds it (PromoGuard's real functions) plus the store's native code
 * discounts, each played by the emulator's percent-off test function. */
async function checkout(codes: string[]) {
  percentOff ??= await testFunction("percent-off-lines");
  const store = emulator.store(TEST_SHOP);
  const now = new Date();
  const { discounts: promoGuard, shop } = await checkoutOf(emulator, now);
  const native = [...store.discounts.values()].filter(
    (discount) => discount.kind !== "APP" && discount.method === "CODE" && (discount.endsAt === null || Date.parse(discount.endsAt) > now.getTime()),
  );
  const discounts: ActiveDiscount[] = [
    ...promoGuard,
    ...native.map((discount): ActiveDiscount => ({
      id: discount.id,
      title: discount.title,
      method: "CODE",
      codes: store.redeemCodesOf(discount.id).map((code) => code.code),
      discountClasses: ["PRODUCT"],
      combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
      function: percentOff,
      metafields: [{ namespace: "$app:test", key: "config", type: "json", value: JSON.stringify({ percentage: 10 }) }],
    })),
  ];
  const lines = [
    {
      id: "gid://shopify/CartLine/1",
      quantity: 1,
      unitPrice: "40.00",
      variant: {
        id: "gid://shopify/ProductVariant/1",
        sku: "SKU-1",
        product: { id: "gid://shopify/Product/1", title: "Product 1", handle: "product-1", vendor: "Acme", isGiftCard: false, tags: [], collectionIds: [] },
      },
    },
  ];
  const cart: Cart = {
    currencyCode: "USD",
    lines,
    enteredDiscountCodes: codes,
    localization: { countryCode: "US", languageCode: "EN" },
    buyerIdentity: null,
    deliveryGroups: [
      {
        id: "gid://shopify/CartDeliveryGroup/1",
        lineIds: ["gid://shopify/CartLine/1"],
        address: { countryCode: "US" },
        options: [{ handle: "standard", cost: "5.00", methodType: "SHIPPING" }],
        selectedHandle: "standard",
      },
    ],
  };
  const result = await simulateCheckout(cart, discounts, { shop, now });
  return Object.fromEntries(
    result.codes.map((code) => [code.code, code.status === "REJECTED" ? `REJECTED: ${"message" in code ? code.message : ""}` : code.status]),
  );
}

describe("refusing codes not created by PromoGuard", () => {
  it("only the Owner may switch it; an Approver is refused and nothing changes", async () => {
    const before = await state();
    const response = await post("refuse", { refuse: "true" }, "approver");
    expect(response.status).toBe(403);
    expect(((await response.json()) as { permission: string }).permission).toBe("policy.manage");
    expect(shopCatalogue(emulator).unlistedCodes).toBe("allow");
    expect(await state()).toEqual(before);
  });

  it("when off, an ungoverned code is accepted at checkout", async () => {
    expect(await checkout(["ANNA15"])).toEqual({ ANNA15: "APPLIED" });
  });

  it("when on, the guard refuses the ungoverned code and still accepts the adopted one; audited with the count", async () => {
    const page = await load("owner");
    expect(page.refuse).toEqual(expect.objectContaining({ refuse: false, liveDiscounts: 1, liveCodes: 2 }));
    expect((await post("refuse", { refuse: "maybe" }, "owner")).status).toBe(400);
    expect((await post("refuse", { refuse: "true" }, "owner")).status).toBe(200);
    expect(shopCatalogue(emulator).unlistedCodes).toBe("refuse");
    expect((await prisma.governancePolicy.findUniqueOrThrow({ where: { shopDomain: TEST_SHOP } })).refuseUngovernedCodes).toBe(true);
    // The rest of the policy keeps its defaults: the switch did not reset it.
    expect((await prisma.governancePolicy.findUniqueOrThrow({ where: { shopDomain: TEST_SHOP } })).maxPercentWithoutApproval).toBe(25);
    expect((await load("requester")).refuse.refuse).toBe(true);

    expect(await checkout(["ANNA15"])).toEqual({ ANNA15: "REJECTED: ANNA15 can't be used on this order" });
    expect(await checkout(["NEWS10"])).toEqual({ NEWS10: "APPLIED" });

    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { shopDomain: TEST_SHOP, action: "policy.refuse-ungoverned" } });
    expect(entry.actorName).toBe("Olivia Owner");
    expect(entry.diff).toEqual({
      refuseUngovernedCodes: { before: false, after: true },
      liveUngovernedDiscounts: { before: null, after: 1 },
      liveUngovernedCodes: { before: null, after: 2 },
    });
    // The other shop is untouched.
    expect(shopCatalogue(emulator, OTHER_SHOP).unlistedCodes).toBe("allow");
  });

  it("switched off again, the code is accepted again", async () => {
    expect((await post("refuse", { refuse: "false" }, "owner")).status).toBe(200);
    expect(shopCatalogue(emulator).unlistedCodes).toBe("allow");
    expect(await checkout(["ANNA15"])).toEqual({ ANNA15: "APPLIED" });
    expect(await prisma.auditEntry.count({ where: { shopDomain: TEST_SHOP, action: "policy.refuse-ungoverned" } })).toBe(2);
  });
});
