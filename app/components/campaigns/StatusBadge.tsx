import { Badge } from "@shopify/polaris";
import { STATUS_TONES, type CampaignStatus } from "~/domain/campaigns/status";

const LABELS: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  live: "Live",
  paused: "Paused",
  expired: "Expired",
  archived: "Archived",
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{LABELS[status]}</Badge>;
}
