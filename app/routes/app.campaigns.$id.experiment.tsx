// A campaign's measurement settings (holdout share, comparison window, experiment name, UTM tag)
// and its holdout result, as JSON for ExperimentSettingsCard and HoldoutResultCard (a resource
// route: the cards load and post here with a fetcher, from whichever page shows them).
//
// GET  /app/campaigns/:id/experiment → { settings, hasPool, comparison, currency, canEdit, whyNotEdit }
// POST /app/campaigns/:id/experiment (holdoutPercent, holdoutWindowDays, experiment, utmCampaign)
//      → { ok: true, settings } | 400 { ok: false, errors: { field: message } }
import { shopCurrency } from "~/domain/shops.server";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { holdoutComparison } from "~/domain/analytics/holdouts.server";
import { experimentSettingsSchema } from "~/domain/analytics/experiment-settings";
import { saveExperimentSettings, settingsOf } from "~/domain/analytics/experiment-settings.server";
import { authenticateStaff } from "~/features/access.server";
import { defineActions, found, idParam, intent } from "~/features/intents.server";
import { whyNot } from "~/domain/governance/roles";

const PERMISSION = "campaign.publish" as const;
const CAMPAIGN_NOT_FOUND = "Campaign not found";

/** The shop's campaign, or the same 404 for another shop's id and a missing one. */
async function campaignOf(shopDomain: string, params: Params) {
  const id = idParam(params, "id", CAMPAIGN_NOT_FOUND);
  return found(await prisma.campaign.findFirst({ where: { id, shopDomain } }), CAMPAIGN_NOT_FOUND);
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  const shopDomain = context.session.shop;
  const campaign = await campaignOf(shopDomain, params);
  const reason = whyNot(context.staff.role, PERMISSION);
  return json({
    settings: settingsOf(campaign),
    hasPool: campaign.poolId !== null,
    comparison: await holdoutComparison(prisma, shopDomain, campaign.id),
    currency: await shopCurrency(prisma, shopDomain),
    canEdit: reason === null,
    whyNotEdit: reason,
  });
};

export const action = defineActions({
  save: intent({
    permission: PERMISSION,
    schema: experimentSettingsSchema,
    run: async ({ context, params, input }) => {
      const shopDomain = context.session.shop;
      const campaign = await campaignOf(shopDomain, params);
      return json({ ok: true as const, settings: await saveExperimentSettings(prisma, shopDomain, campaign, input, context.staff) });
    },
  }),
});
