// A campaign's measurement settings (holdout share, comparison window, experiment name, UTM tag)
// and its holdout result, as JSON for ExperimentSettingsCard and HoldoutResultCard (a resource
// route: the cards load and post here with a fetcher, from whichever page shows them).
//
// GET  /app/campaigns/:id/experiment → { settings, hasPool, comparison, currency, canEdit, whyNotEdit }
// POST /app/campaigns/:id/experiment (holdoutPercent, holdoutWindowDays, experiment, utmCampaign)
//      → { ok: true, settings } | 400 { ok: false, errors: { field: message } }
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { holdoutComparison } from "~/domain/analytics/holdouts.server";
import { reclassifyCampaign } from "~/domain/analytics/influence.server";
import { authenticateStaff } from "~/features/access.server";
import { defineActions, failure, found, idParam, intent } from "~/features/intents.server";
import { recordAudit } from "~/domain/governance/audit.server";
import { whyNot } from "~/domain/governance/roles";
import { checkExperimentSettings, type ExperimentSettings } from "~/components/analytics/holdout/experiment-settings";

const PERMISSION = "campaign.publish" as const;
const CAMPAIGN_NOT_FOUND = "Campaign not found";

/** The shop's campaign, or the same 404 for another shop's id and a missing one. */
async function campaignOf(shopDomain: string, params: Params) {
  const id = idParam(params, "id", CAMPAIGN_NOT_FOUND);
  return found(await prisma.campaign.findFirst({ where: { id, shopDomain } }), CAMPAIGN_NOT_FOUND);
}

const settingsOf = (campaign: ExperimentSettings): ExperimentSettings => ({
  holdoutPercent: campaign.holdoutPercent,
  holdoutWindowDays: campaign.holdoutWindowDays,
  experiment: campaign.experiment,
  utmCampaign: campaign.utmCampaign,
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  const shopDomain = context.session.shop;
  const campaign = await campaignOf(shopDomain, params);
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currencyCode: true } });
  const reason = whyNot(context.staff.role, PERMISSION);
  return json({
    settings: settingsOf(campaign),
    hasPool: campaign.poolId !== null,
    comparison: await holdoutComparison(prisma, shopDomain, campaign.id),
    currency: shop?.currencyCode ?? "USD",
    canEdit: reason === null,
    whyNotEdit: reason,
  });
};

export const action = defineActions({
  save: intent({
    permission: PERMISSION,
    run: async ({ context, params, input }) => {
      const shopDomain = context.session.shop;
      const campaign = await campaignOf(shopDomain, params);
      const checked = checkExperimentSettings(input, campaign.poolId !== null);
      if (!checked.ok) return failure(400, checked.errors);

      const before = settingsOf(campaign);
      const after = checked.settings;
      await prisma.$transaction(async (tx) => {
        await tx.campaign.update({ where: { id: campaign.id }, data: after });
        await recordAudit(tx, {
          shopDomain,
          actor: context.staff,
          action: "campaign.experiment",
          entityType: "campaign",
          entityId: campaign.id,
          entityLabel: campaign.name,
          before: { ...before },
          after: { ...after },
        });
      });
      // The UTM tag decides whether a shared code's redemptions count as influenced: the ones already
      // recorded are judged again, and the days whose figures move are recomputed.
      if ((before.utmCampaign ?? null) !== (after.utmCampaign ?? null)) await reclassifyCampaign(prisma, shopDomain, campaign.id);
      return json({ ok: true as const, settings: after });
    },
  }),
});
