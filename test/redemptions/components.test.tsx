import { renderToString } from "react-dom/server";
import type { ReactNode } from "react";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { CouponUsageBadge } from "~/components/redemptions/CouponUsageBadge";
import { RedemptionSummaryCard } from "~/components/redemptions/RedemptionSummaryCard";

const text = (element: ReactNode) =>
  renderToString(<AppProvider i18n={en}>{element}</AppProvider>)
    .replaceAll("<!-- -->", "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
const timeZone = "America/New_York";

describe("redemption components", () => {
  it("shows a campaign's redemptions, revenue, discount, last redemption and leaks", () => {
    const html = text(
      <RedemptionSummaryCard
        summary={{ redemptions: 1200, revenue: "98765.4", discountGiven: "1234.5", lastRedeemedAt: "2026-11-21T14:30:00.000Z", leaked: 3, currency: "USD" }}
        timeZone={timeZone}
      />,
    );
    expect(html).toContain("Redemptions 1,200");
    expect(html).toContain("Revenue $98,765.40");
    expect(html).toContain("Discount given $1,234.50");
    expect(html).toContain("Last redeemed Nov 21, 2026, 9:30 AM");
    expect(html).toContain("Leaked codes 3");
  });

  it("says Never for a campaign nobody redeemed yet", () => {
    expect(
      text(
        <RedemptionSummaryCard
          summary={{ redemptions: 0, revenue: "0", discountGiven: "0", lastRedeemedAt: null, leaked: 0, currency: null }}
          timeZone={timeZone}
        />,
      ),
    ).toContain("Last redeemed Never");
  });

  it("marks a coupon unused, used, or leaked with both identities", () => {
    expect(text(<CouponUsageBadge usage={undefined} timeZone={timeZone} />)).toContain("Unused");
    const used = {
      orderId: "gid://shopify/Order/1",
      orderName: "#1001",
      redeemedAt: "2026-11-21T14:30:00.000Z",
      timesUsed: 1,
      leaked: false,
      assignedEmail: "ana@example.com",
      usedByEmail: "ana@example.com",
      usedByCustomerId: null,
    };
    const usedText = text(<CouponUsageBadge usage={used} timeZone={timeZone} />);
    expect(usedText).toContain("Used #1001 · Nov 21, 2026, 9:30 AM");
    expect(usedText).not.toContain("Leaked");
    const leaked = text(<CouponUsageBadge usage={{ ...used, leaked: true, usedByEmail: "bo@example.com" }} timeZone={timeZone} />);
    expect(leaked).toContain("Leaked");
    expect(leaked).toContain("Assigned to ana@example.com, used by bo@example.com");
  });
});
