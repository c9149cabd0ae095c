import { describe, expect, it } from "vitest";
import { redactedEmail } from "~/domain/pools/redaction.server";
import { shippingAddressHash, utmParameters } from "~/domain/redemptions/order-facts";
import { isLeaked } from "~/domain/redemptions/record.server";
import { orderFactsFromWebhook } from "~/domain/redemptions/webhook-order";
import { TEST_SHOP } from "../support/shopify-app";

describe("UTM parameters", () => {
  it("reads them from a REST landing path and from a GraphQL landing URL alike", () => {
    expect(utmParameters("/products/shirt?utm_source=ig&utm_content=story&utm_medium=")).toEqual({
      utmSource: "ig",
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: "story",
    });
    expect(utmParameters("https://shop.example/?utm_campaign=bf&utm_term=linen").utmCampaign).toBe("bf");
    expect(utmParameters(null).utmSource).toBeNull();
  });
});

describe("leaked codes", () => {
  const owner = { campaignId: 1, couponId: 2, assignedEmail: "ana@example.com" };

  it("flags a unique code used with another email, not one used by its recipient or without any email", () => {
    expect(isLeaked(TEST_SHOP, owner, "bo@example.com")).toBe(true);
    expect(isLeaked(TEST_SHOP, owner, "ana@example.com")).toBe(false);
    expect(isLeaked(TEST_SHOP, owner, null)).toBe(false);
    expect(isLeaked(TEST_SHOP, { ...owner, assignedEmail: null }, "bo@example.com")).toBe(false);
  });

  it("still judges a code whose recipient was redacted, through the same keyed hash", () => {
    const redacted = { ...owner, assignedEmail: redactedEmail(TEST_SHOP, "ana@example.com") };
    expect(isLeaked(TEST_SHOP, redacted, "ana@example.com")).toBe(false);
    expect(isLeaked(TEST_SHOP, redacted, "bo@example.com")).toBe(true);
  });
});

describe("order webhook bodies", () => {
  it("names the field that makes a body unreadable", () => {
    expect(() => orderFactsFromWebhook({ id: 1, name: "#1001", created_at: "yesterday" })).toThrow(/order webhook's created_at is not valid/);
    expect(() => orderFactsFromWebhook([])).toThrow(/order webhook's body is not valid/);
  });
});

describe("shipping address hash", () => {
  const address = { address1: "12 Rue de la Paix", address2: null, city: "Paris", zip: "75002", provinceCode: null, countryCode: "FR" };

  it("is the same for one address however it is typed, different for another, and keeps nothing readable", () => {
    const hash = shippingAddressHash(TEST_SHOP, address);
    expect(hash).toMatch(/^addr:[0-9a-f]{32}$/);
    expect(shippingAddressHash(TEST_SHOP, { ...address, address1: "12, rue de la  PAIX", city: " paris" })).toBe(hash);
    expect(shippingAddressHash(TEST_SHOP, { ...address, address1: "14 Rue de la Paix" })).not.toBe(hash);
    // Keyed per shop: the same address in another shop does not match.
    expect(shippingAddressHash("other-shop.myshopify.com", address)).not.toBe(hash);
    expect(hash).not.toContain("paix");
    expect(shippingAddressHash(TEST_SHOP, null)).toBeNull();
  });

  it("is read from the order webhook's shipping address", () => {
    const facts = orderFactsFromWebhook({
      id: 1,
      name: "#1001",
      created_at: "2026-11-20T10:00:00Z",
      updated_at: "2026-11-20T10:00:00Z",
      currency: "EUR",
      subtotal_price: "10.00",
      total_price: "10.00",
      total_discounts: "0.00",
      line_items: [],
      shipping_address: { address1: "12 Rue de la Paix", city: "Paris", zip: "75002", country_code: "FR" },
      discount_applications: [{ type: "discount_code", code: "ALL10", target_selection: "all", target_type: "line_item" }],
    });
    expect(shippingAddressHash(TEST_SHOP, facts.shippingAddress)).toBe(shippingAddressHash(TEST_SHOP, address));
    expect(facts.applications).toEqual([{ index: 0, code: "ALL10", orderLevel: true }]);
  });
});
