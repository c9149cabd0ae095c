// What the campaign list (app/routes/app.campaigns._index.tsx) loads.
import { applyListQuery, readListQuery } from "~/domain/campaigns/campaign-list";
import prisma from "~/db.server";
import { authenticateStaff } from "~/features/access.server";
import { unreadNotificationCount } from "~/domain/governance/notifications.server";
import { campaignSummaries } from "~/domain/campaigns/summaries.server";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";
import { getCodeSyncStatus } from "~/domain/campaigns/code-sync.server";

/** The campaign list: search, filters and sort from the URL applied on the server, each campaign's approval state, pending revision and code sync. */
export async function campaignListPage(request: Request) {
  const context = await authenticateStaff(request);
  const { session } = context;
  const all = await campaignSummaries(prisma, session.shop);
  // Search, filters and sort from the URL, applied here: the page shows what the server chose.
  const query = readListQuery(new URL(request.url).searchParams);
  const summaries = applyListQuery(all, query);
  const owners = [...new Set(all.map((summary) => summary.ownerName))].sort((a, b) => a.localeCompare(b));
  // Where each campaign is in the approval workflow, and which have changes waiting.
  const states = new Map(
    (await prisma.campaign.findMany({ where: { shopDomain: session.shop }, select: { id: true, approvalState: true } })).map((row) => [
      row.id,
      row.approvalState,
    ]),
  );
  const revisions = new Set(
    (await prisma.approvalRequest.findMany({ where: { shopDomain: session.shop, status: "pending", kind: "revision" }, select: { campaignId: true } })).map(
      (row) => row.campaignId,
    ),
  );
  const campaigns = await Promise.all(
    summaries.map(async (summary) => ({
      ...summary,
      approvalState: states.get(summary.id) ?? "none",
      revisionPending: revisions.has(summary.id),
      // A shared code is the discount's own code: there is nothing to sync.
      sync: summary.codeSource === "shared" ? null : await getCodeSyncStatus(prisma, summary.id),
    })),
  );
  return {
    campaigns,
    total: all.length,
    query,
    owners,
    timeZone: await shopTimeZone(session.shop),
    unread: await unreadNotificationCount(prisma, session.shop, context.staff.id),
  };
}
