// Saving a campaign's measurement settings: the campaign's own rule (a holdout needs pool codes),
// the change and its audit entry in one transaction, and the redemptions judged again when the
// UTM tag that decides their influence changes.
import type { Database } from "~/db.server";
import { InvalidInput } from "~/domain/errors";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { experimentSettingsRefusal, type ExperimentSettings } from "./experiment-settings";
import { reclassifyCampaign } from "./influence.server";

/** The campaign as the settings need it. */
export interface MeasuredCampaign extends ExperimentSettings {
  id: number;
  name: string;
  poolId: number | null;
}

export const settingsOf = (campaign: ExperimentSettings): ExperimentSettings => ({
  holdoutPercent: campaign.holdoutPercent,
  holdoutWindowDays: campaign.holdoutWindowDays,
  experiment: campaign.experiment,
  utmCampaign: campaign.utmCampaign,
});

export async function saveExperimentSettings(
  db: Database,
  shopDomain: string,
  campaign: MeasuredCampaign,
  settings: ExperimentSettings,
  actor: Actor,
): Promise<ExperimentSettings> {
  const refusal = experimentSettingsRefusal(settings, campaign.poolId !== null);
  if (refusal) throw new InvalidInput(refusal);
  const before = settingsOf(campaign);
  const after = settingsOf(settings);
  await db.$transaction(async (tx) => {
    await tx.campaign.update({ where: { id: campaign.id }, data: after });
    await recordAudit(tx, {
      shopDomain,
      actor,
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
  if ((before.utmCampaign ?? null) !== (after.utmCampaign ?? null)) await reclassifyCampaign(db, shopDomain, campaign.id);
  return after;
}
