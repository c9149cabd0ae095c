// What the fraud review page (app/routes/app.analytics.fraud.tsx) loads.
import { FRAUD_CASE_STATUSES } from "~/domain/analytics/fraud/status";
import prisma from "~/db.server";
import { listBlockedCustomers, listFraudCases } from "~/domain/analytics/fraud/cases.server";
import { readFraudSettings } from "~/domain/analytics/fraud/settings.server";
import { authenticateStaff, viewerOf } from "~/features/access.server";
import { whyNot } from "~/domain/governance/roles";
import { shopTimeZone } from "~/features/campaigns/campaign-route.server";

/** The fraud review page: the cases with the status asked for, blocked customers, the automatic-blocking settings, and what the viewer's role may do. */
export async function fraudReviewPage(request: Request) {
  const context = await authenticateStaff(request);
  const shop = context.session.shop;
  const requested = new URL(request.url).searchParams.get("status");
  const status = FRAUD_CASE_STATUSES.find((known) => known === requested) ?? "open";
  const [cases, blocked, settings, timeZone] = await Promise.all([
    listFraudCases(prisma, shop, status),
    listBlockedCustomers(prisma, shop),
    readFraudSettings(prisma, shop),
    shopTimeZone(shop),
  ]);
  return {
    status,
    cases,
    blocked: blocked.map((row) => ({
      id: row.id,
      customerId: row.customerId,
      reason: row.reason,
      fraudCaseId: row.fraudCaseId,
      blockedAt: row.blockedAt.toISOString(),
      automatic: row.blockedById === null,
    })),
    settings,
    timeZone,
    viewer: viewerOf(context),
    reviewRefusal: whyNot(context.staff.role, "fraud.review"),
    settingsRefusal: whyNot(context.staff.role, "policy.manage"),
  };
}
