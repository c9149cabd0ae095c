// A campaign that came from a playbook goes live only with its store's approval: until it is first
// published, an Approver of the store must approve it (or publish it themselves), whatever the
// store's policy lets a Manager publish. The workflow asks here when it lists why a campaign needs
// approval.
import type { Database } from "~/db.server";
import type { PolicyViolation } from "~/domain/governance/policy.server";

export async function playbookOriginViolation(db: Database, shopDomain: string, campaignId: number): Promise<PolicyViolation | null> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shopDomain },
    select: { playbookEntry: true, playbookVersion: true, shopifyDiscountId: true, playbook: { select: { name: true } } },
  });
  if (!campaign?.playbookEntry || campaign.shopifyDiscountId) return null;
  const from = campaign.playbook ? `the playbook “${campaign.playbook.name}”${campaign.playbookVersion ? ` (version ${campaign.playbookVersion})` : ""}` : "an agency's playbook";
  return { rule: "playbookOrigin", message: `It comes from ${from}: a playbook's campaigns go live only once this store approves them.` };
}
