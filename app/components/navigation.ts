/** The app's sections, in the order the Shopify admin nav shows them. */
export const APP_NAV = [
  { url: "/app", label: "Dashboard" },
  { url: "/app/pools", label: "Pools" },
  { url: "/app/campaigns", label: "Campaigns" },
  { url: "/app/approvals", label: "Approvals" },
  { url: "/app/analytics", label: "Analytics" },
  { url: "/app/settings", label: "Settings" },
] as const;
