import prisma from "~/db.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";
import { unlistableAdoptedDiscounts, unlistedCampaigns } from "~/domain/campaigns/catalogue.server";
import { listExistingDiscounts, liveUngovernedCodes } from "~/domain/campaigns/existing-discounts.server";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { getPolicy } from "~/domain/governance/policy.server";
import { listStaff } from "~/domain/governance/staff.server";
// app.campaigns.ungoverned.tsx's data.

/** The discounts made outside PromoGuard: which are ungoverned and which adopted (with their owner's name), the staff to choose an owner from, and the refuse switch with what it would stop. */
export async function ungovernedPage(request: Request) {
  const ctx = await authenticateStaff(request);
  const shopDomain = ctx.session.shop;
  const [discounts, staff, policy, live, campaigns, unlistable, timeZone] = await Promise.all([
    listExistingDiscounts(prisma, shopDomain),
    listStaff(prisma, shopDomain),
    getPolicy(prisma, shopDomain),
    liveUngovernedCodes(prisma, shopDomain),
    unlistedCampaigns(prisma, shopDomain),
    unlistableAdoptedDiscounts(prisma, shopDomain),
    shopTimeZone(shopDomain),
  ]);
  const names = new Map(staff.map((member) => [member.id, member.name]));
  const rows = discounts.map((discount) => ({
    id: discount.id,
    title: discount.title,
    summary: discount.summary,
    method: discount.method,
    discountType: discount.discountType,
    appTitle: discount.appTitle,
    status: discount.status,
    startsAt: discount.startsAt.toISOString(),
    endsAt: discount.endsAt?.toISOString() ?? null,
    usageCount: discount.usageCount,
    usageLimit: discount.usageLimit,
    codesCount: discount.codesCount,
    codes: discount.codes as string[],
    adoptedAt: discount.adoptedAt?.toISOString() ?? null,
    ownerName: discount.ownerStaffId === null ? null : (names.get(discount.ownerStaffId) ?? "A former staff member"),
    purpose: discount.purpose,
    channel: discount.channel,
  }));
  return {
    viewer: viewerOf(ctx),
    ungoverned: rows.filter((row) => row.adoptedAt === null),
    adopted: rows.filter((row) => row.adoptedAt !== null),
    importedAt: discounts[0]?.importedAt ?? null,
    staff: staff.map((member) => ({ id: member.id, name: member.name })),
    refuse: {
      refuse: policy.refuseUngovernedCodes,
      liveDiscounts: live.discounts,
      liveCodes: live.codes,
      unlistedCampaigns: campaigns,
      unlistableAdopted: unlistable,
    },
    timeZone,
  };
}
