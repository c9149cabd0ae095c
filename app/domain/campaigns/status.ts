// What the merchant sees as a campaign's status: the stored lifecycle (draft, live, paused,
// archived), with a live campaign shown as scheduled before it starts and expired after it ends.

export type CampaignStatus = "draft" | "scheduled" | "live" | "paused" | "expired" | "archived";

export function displayStatus(campaign: { status: string; startsAt: Date | string; endsAt: Date | string | null }, now: Date = new Date()): CampaignStatus {
  if (campaign.status !== "live") return campaign.status as CampaignStatus;
  if (new Date(campaign.startsAt) > now) return "scheduled";
  if (campaign.endsAt !== null && new Date(campaign.endsAt) <= now) return "expired";
  return "live";
}

export const STATUS_TONES: Record<CampaignStatus, "info" | "success" | "attention" | "critical" | undefined> = {
  draft: undefined,
  scheduled: "info",
  live: "success",
  paused: "attention",
  expired: undefined,
  archived: undefined,
};
