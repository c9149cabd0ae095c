/** The app's sections, in the order the Shopify admin nav shows them. */
export const APP_NAV = [
  { url: "/app", label: "Dashboard" },
  { url: "/app/pools", label: "Pools" },
  { url: "/app/campaigns", label: "Campaigns" },
  { url: "/app/approvals", label: "Approvals" },
  { url: "/app/analytics", label: "Analytics" },
  { url: "/app/portfolio", label: "Portfolio" },
  { url: "/app/playbooks", label: "Playbooks" },
  { url: "/app/settings", label: "Settings" },
] as const;

/** The nav with what waits for attention in its label: "Approvals (3)" while requests are pending. */
export function appNav(counts: { pendingApprovals: number }) {
  return APP_NAV.map((item) =>
    item.url === "/app/approvals" && counts.pendingApprovals > 0 ? { ...item, label: `${item.label} (${counts.pendingApprovals})` } : { ...item },
  );
}
