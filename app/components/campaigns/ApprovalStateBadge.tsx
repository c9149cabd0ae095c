import { Badge } from "@shopify/polaris";

const BADGES: Record<string, { label: string; tone: "attention" | "success" | "critical" }> = {
  submitted: { label: "Waiting for approval", tone: "attention" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "critical" },
};

/** Where the campaign is in the approval workflow; nothing when it never entered it. */
export function ApprovalStateBadge({ state }: { state: string }) {
  const badge = BADGES[state];
  return badge ? <Badge tone={badge.tone}>{badge.label}</Badge> : null;
}
