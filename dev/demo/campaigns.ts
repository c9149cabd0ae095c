// The campaigns of the demo store's Manager, made the way the campaign page makes one: a draft,
// published to Shopify within the discount policy, both in the audit log.
import type { CampaignConfig } from "promo-discount/config";
import type { Database } from "../../app/db.server";
import type { CampaignInput } from "../../app/domain/campaigns/campaign-input";
import type { AdminGraphql } from "../../app/shopify/discounts.server";

export interface DemoCampaignSpec {
  name: string;
  purpose: string;
  channel: CampaignInput["channel"];
  /** The shared code; or poolId: the campaign hands out the pool's unique codes. */
  code?: string;
  poolId?: number;
  config: CampaignConfig;
  startedDaysAgo: number;
  endsInDays: number;
  budgetDiscount?: string;
  dailyCap?: number;
  /** Left as a draft instead of published. */
  draft?: boolean;
}

/** Drafts and (unless `draft`) publishes one of the Manager's campaigns; returns its id. */
export async function createDemoCampaign(prisma: Database, admin: AdminGraphql, shop: string, spec: DemoCampaignSpec): Promise<number> {
  const [{ createDraft, publishGoverned }, { findStaff }] = await Promise.all([
    import("../../app/domain/governance/workflow.server"),
    import("../../app/domain/governance/staff.server"),
  ]);
  const row = await prisma.staffMember.findFirstOrThrow({ where: { shopDomain: shop, role: "manager" } });
  const manager = (await findStaff(prisma, shop, row.id))!;
  const day = 24 * 60 * 60 * 1000;
  const created = await createDraft(prisma, manager, {
    name: spec.name,
    ownerStaffId: manager.id,
    ownerName: manager.name,
    ownerEmail: manager.email,
    purpose: spec.purpose,
    channel: spec.channel,
    config: spec.config,
    codeSource: spec.poolId === undefined ? "shared" : "pool",
    sharedCode: spec.code ?? null,
    generatedCount: null,
    generatedPrefix: null,
    generatedLength: null,
    poolId: spec.poolId ?? null,
    startsAt: new Date(Date.now() - spec.startedDaysAgo * day),
    endsAt: new Date(Date.now() + spec.endsInDays * day),
    usageLimit: 1000,
    oncePerCustomer: true,
    budgetDiscount: spec.budgetDiscount ?? null,
    budgetRevenue: null,
    budgetRedemptions: null,
    dailyCap: spec.dailyCap ?? null,
    combinesWithProduct: false,
    combinesWithOrder: false,
    combinesWithShipping: true,
    stackingCategory: "joint",
    priority: 5,
  });
  if (spec.draft) return created.campaign.id;
  const published = await publishGoverned({ db: prisma, staff: manager, admin }, created.campaign);
  if (!published.publish.ok) throw new Error(`The demo campaign ${spec.name} could not be published: ${JSON.stringify(published.publish.errors)}`);
  return created.campaign.id;
}
