import { describe, expect, it } from "vitest";
import { nextUnlock, parseUnlockOffers, type UnlockOffer, type UnlockShopper } from "../src/unlock-offers";

const NOW = new Date("2026-11-20T12:00:00Z");
const guest: UnlockShopper = { loggedIn: false };
const usd = (subtotal: number) => ({ subtotal, currencyCode: "USD" });

function offers(...list: UnlockOffer[]) {
  return parseUnlockOffers(JSON.stringify({ version: 1, currency: "USD", offers: list }));
}

function message(list: UnlockOffer[], subtotal: number, shopper: UnlockShopper = guest, locale = "en-US") {
  return nextUnlock(offers(...list), usd(subtotal), shopper, { locale, now: NOW })?.message ?? null;
}

describe("spend more to unlock", () => {
  const tenPercentAt200: UnlockOffer = { minimum: "200.00", reward: { percentage: 10 } };

  it("says how much more the cart needs and what it unlocks, with the progress so far", () => {
    const unlock = nextUnlock(offers(tenPercentAt200), usd(187.5), guest, { locale: "en-US", now: NOW });
    expect(unlock).toEqual({ message: "Spend $12.50 more to get 10% off", progress: 0.9375, remaining: 12.5, minimum: 200, currencyCode: "USD" });
  });

  it("names fixed amounts and free shipping in the shopper's money", () => {
    expect(message([{ minimum: "50", reward: { amount: "5.00" } }], 20)).toBe("Spend $30.00 more to get $5.00 off");
    expect(message([{ minimum: "75", reward: { freeShipping: true } }], 0)).toBe("Spend $75.00 more to get free shipping");
    expect(message([tenPercentAt200], 150, guest, "fr-FR")).toBe("Spend 50,00\u00a0$US more to get 10% off");
  });

  it("shows the nearest minimum still ahead and nothing once every minimum is reached", () => {
    const tiers = [{ minimum: "300", reward: { percentage: 15 } }, tenPercentAt200];
    expect(message(tiers, 120)).toBe("Spend $80.00 more to get 10% off");
    expect(message(tiers, 200)).toBe("Spend $100.00 more to get 15% off");
    expect(message(tiers, 300)).toBeNull();
  });

  it("converts shop-currency minimums for a cart in another currency only when the rate is known", () => {
    const document = offers(tenPercentAt200);
    expect(nextUnlock(document, { subtotal: 100, currencyCode: "EUR", rate: 0.92 }, guest, { locale: "en-IE", now: NOW })?.message).toBe(
      "Spend €84.00 more to get 10% off",
    );
    expect(nextUnlock(document, { subtotal: 100, currencyCode: "EUR" }, guest, { locale: "en-IE", now: NOW })).toBeNull();
    expect(nextUnlock(document, { subtotal: 10_000, currencyCode: "JPY", rate: 150 }, guest, { locale: "ja-JP", now: NOW })?.message).toBe(
      "Spend ￥20,000 more to get 10% off",
    );
  });

  it("keeps to offers running now", () => {
    expect(message([{ ...tenPercentAt200, startsAt: "2026-11-21T00:00:00Z" }], 10)).toBeNull();
    expect(message([{ ...tenPercentAt200, endsAt: "2026-11-20T12:00:00Z" }], 10)).toBeNull();
    expect(message([{ ...tenPercentAt200, startsAt: "2026-11-01T00:00:00Z", endsAt: "2026-12-01T00:00:00Z" }], 10)).toBe("Spend $190.00 more to get 10% off");
  });

  it("offers audience-bound rewards only to shoppers known to qualify", () => {
    const firstOrder = { ...tenPercentAt200, audience: { firstOrder: true as const } };
    expect(message([firstOrder], 100, guest)).not.toBeNull();
    expect(message([firstOrder], 100, { loggedIn: true, numberOfOrders: 0 })).not.toBeNull();
    expect(message([firstOrder], 100, { loggedIn: true, numberOfOrders: 3 })).toBeNull();
    expect(message([firstOrder], 100, { loggedIn: true })).toBeNull();

    const returning = { ...tenPercentAt200, audience: { returningCustomer: true as const } };
    expect(message([returning], 100, guest)).toBeNull();
    expect(message([returning], 100, { loggedIn: true, numberOfOrders: 2 })).not.toBeNull();

    const vip = { ...tenPercentAt200, audience: { customerTagsAny: ["VIP"] } };
    expect(message([vip], 100, { loggedIn: true, tags: ["vip", "newsletter"] })).not.toBeNull();
    expect(message([vip], 100, { loggedIn: true, tags: ["newsletter"] })).toBeNull();
    expect(message([vip], 100, { loggedIn: true })).toBeNull();

    const business = { ...tenPercentAt200, audience: { b2b: "only" as const } };
    expect(message([business], 100, { loggedIn: true, b2b: true })).not.toBeNull();
    expect(message([business], 100, guest)).toBeNull();
    expect(message([{ ...tenPercentAt200, audience: { b2b: "excluded" } }], 100, guest)).not.toBeNull();
  });

  it("reads a broken or foreign metafield value as no offers", () => {
    expect(parseUnlockOffers("not json")).toBeNull();
    expect(parseUnlockOffers({ version: 2, currency: "USD", offers: [] })).toBeNull();
    expect(parseUnlockOffers(JSON.stringify({ version: 1, currency: "USD", offers: [{ minimum: "abc", reward: {} }, tenPercentAt200] }))?.offers).toEqual([
      tenPercentAt200,
    ]);
    expect(nextUnlock(null, usd(10), guest, { locale: "en-US" })).toBeNull();
  });
});
