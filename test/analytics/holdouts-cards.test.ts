import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { HoldoutResultCard } from "~/components/analytics/holdout/HoldoutResultCard";
import type { HoldoutComparison } from "~/domain/analytics/types";

// The result card as the server renders it (the chart draws after hydration; its place is kept).
const html = (element: ReactElement) => renderToString(createElement(AppProvider, { i18n: en }, element));

const comparison: HoldoutComparison = {
  campaignId: 7,
  windowDays: 14,
  treated: { recipients: 10, converted: 5, revenue: "280.00", profit: "180.00" },
  heldOut: { recipients: 10, converted: 2, revenue: "70.00", profit: "40.00" },
  incrementalOrders: { value: "3.00", low: "-0.97", high: "6.97" },
  incrementalRevenue: { value: "210.00", low: "-4.41", high: "424.41" },
  incrementalProfit: { value: "140.00", low: "6.11", high: "273.89" },
  verdict: "positive",
  explanation: "Each treated recipient brought $14.00 more profit than a held-out recipient within 14 days (95%: $0.61 to $27.39).",
};

describe("HoldoutResultCard", () => {
  it("shows treated vs held out per recipient, the incremental figures with their ranges, and the verdict", () => {
    const page = html(createElement(HoldoutResultCard, { comparison, currency: "USD" }));
    for (const text of [
      "Positive",
      comparison.explanation,
      "Revenue per recipient",
      "$28.00", // 280 ÷ 10 treated
      "$7.00", // 70 ÷ 10 held out
      "$18.00",
      "$4.00",
      "50%",
      "20%",
      "$140.00 (95%: $6.11 to $273.89)",
      "$210.00 (95%: -$4.41 to $424.41)",
      "3.00 (95%: -0.97 to 6.97)",
      'data-chart="holdout-revenue"',
    ]) {
      expect(page).toContain(text.replace(/&/g, "&amp;"));
    }
  });

  it("says why profit is missing, and what a holdout is when there is none", () => {
    const withoutCosts = html(
      createElement(HoldoutResultCard, {
        comparison: { ...comparison, incrementalProfit: null, verdict: "not yet significant", heldOut: { ...comparison.heldOut, profit: null } },
        currency: "EUR",
      }),
    );
    expect(withoutCosts).toContain("Not yet significant");
    expect(withoutCosts).toContain("Needs a cost for every product sold");
    expect(withoutCosts).toContain("€28.00");
    const none = html(createElement(HoldoutResultCard, { comparison: null, currency: "USD" }));
    expect(none).toContain("No holdout yet");
  });
});
