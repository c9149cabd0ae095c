// The analytics read model shared by the domain (rollups, metrics.server.ts) and the screens.
// Money is a decimal string in the shop's currency ("1234.50"); figures that depend on costs
// Shopify does not know are null, never silently 0.

/** Inclusive shop-local days, YYYY-MM-DD. */
export interface DateRange {
  from: string;
  to: string;
}

export type Dimension = "campaign" | "code" | "pool" | "channel";

export interface Figures {
  /** Orders that used at least one code of the key (a redemption = one code on one order). */
  orders: number;
  redemptions: number;
  /** Unique code by its recipient, or a shared code whose order carried the campaign's UTM/landing tag. */
  influenced: number;
  /** Unique code used by someone other than its recipient. */
  leaked: number;
  /** Shared public code without the campaign's tag. */
  applied: number;
  grossRevenue: string;
  lineDiscount: string;
  orderDiscount: string;
  shippingDiscount: string;
  /** lineDiscount + orderDiscount + shippingDiscount. */
  discountGiven: string;
  /** grossRevenue − discountGiven. */
  netRevenue: string;
  /** Cost of goods of the lines whose cost is known. */
  cogs: string;
  /** Lines without a known unit cost: when > 0, grossProfit is null and the UI says why. */
  linesWithoutCost: number;
  /** netRevenue − cogs; null while any line lacks a cost. */
  grossProfit: string | null;
  influencedRevenue: string;
  /** Average order value with the code (net revenue ÷ orders); null without orders. */
  aov: string | null;
  newCustomers: number;
  returningCustomers: number;
}

export interface AovLift {
  withCode: string | null;
  /** The store's orders without any code in the same period. */
  withoutCode: string | null;
  /** (withCode − withoutCode) ÷ withoutCode, e.g. 0.12 for +12%; null when either is missing. */
  lift: number | null;
}

export interface KeyFigures {
  key: string;
  /** Campaign name, code, pool name or channel label. */
  label: string;
  figures: Figures;
}

export interface DayFigures {
  day: string;
  figures: Figures;
}

export type Verdict = "not yet significant" | "positive" | "negative";

/** An estimate with its 95% confidence interval. */
export interface Estimate {
  value: string;
  low: string;
  high: string;
}

export interface HoldoutComparison {
  campaignId: number;
  windowDays: number;
  treated: { recipients: number; converted: number; revenue: string; profit: string | null };
  heldOut: { recipients: number; converted: number; revenue: string; profit: string | null };
  incrementalOrders: Estimate;
  incrementalRevenue: Estimate;
  /** null while costs are incomplete. */
  incrementalProfit: Estimate | null;
  verdict: Verdict;
  /** Plain words, e.g. "Each treated recipient brought $1.20 more profit (95%: $0.30 to $2.10)". */
  explanation: string;
}

export interface DashboardKpis {
  range: DateRange;
  influencedRevenue: string;
  /** Sum over campaigns with a holdout of their incremental profit; null when none has one yet. */
  incrementalProfit: string | null;
  discountCost: string;
  liveCampaigns: number;
  openPoolAlerts: number;
}
