// A campaign that came from a playbook goes live only with its store's approval: until it is first
// published, an Approver of the store must approve it (or publish it themselves), whatever the
// store's policy lets a Manager publish. The workflow asks here when it lists why a campaign needs
// approval.
import type { Database } from "~/db.server";
import type { PolicyViolation } from "~/domain/governance/policy.server";

async function originOf(db: Database, shopDomain: string, campaignId: number) {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shopDomain },
    select: { playbookEntry: true, playbookVersion: true, shopifyDiscountId: true, playbook: { select: { name: true } } },
  });
  if (!campaign?.playbookEntry) return null;
  return { published: campaign.shopifyDiscountId !== null, name: campaign.playbook?.name ?? null, version: campaign.playbookVersion };
}

/** Where the campaign's rules came from, in words ("the playbook “Autumn” (version 2)"); null for a campaign made in the store. */
export async function playbookOrigin(db: Database, shopDomain: string, campaignId: number): Promise<string | null> {
  const origin = await originOf(db, shopDomain, campaignId);
  if (!origin) return null;
  return origin.name ? `the playbook “${origin.name}”${origin.version ? ` (version ${origin.version})` : ""}` : "an agency's playbook";
}

export async function playbookOriginViolation(db: Database, shopDomain: string, campaignId: number): Promise<PolicyViolation | null> {
  const origin = await originOf(db, shopDomain, campaignId);
  if (!origin || origin.published) return null;
  return {
    rule: "playbookOrigin",
    message: `It comes from ${await playbookOrigin(db, shopDomain, campaignId)}: a playbook's campaigns go live only once this store approves them.`,
  };
}
