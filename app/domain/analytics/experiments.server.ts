// Variants of one audience (e.g. 10% off against free shipping): campaigns that share an
// experiment name, each compared like a holdout — against the experiment's held-out recipients
// when any variant holds some out, otherwise against the first variant (the oldest campaign),
// which is then the reference the others must beat.
//
// Each variant's treated recipients are counted as in holdouts.server.ts; the held-out group is
// every variant's HoldoutAssignment recipients together (the audience's one control group), and
// each variant's own window applies to both sides of its comparison.
import type { Database } from "~/db.server";
import type { HoldoutComparison } from "./types";
import { compareGroups, heldOutRecipients, outcomesOf, shopCurrency, treatedRecipients } from "./holdouts.server";

export interface VariantComparison {
  campaignId: number;
  name: string;
  comparison: HoldoutComparison;
}

export interface ExperimentComparison {
  experiment: string;
  /** What the variants are measured against. */
  baseline: { kind: "holdout"; recipients: number } | { kind: "variant"; campaignId: number; name: string; recipients: number };
  /** Oldest first; without a holdout the baseline variant itself is not listed. */
  variants: VariantComparison[];
}

/** Null when no campaign of the shop carries this experiment name. */
export async function experimentComparison(db: Database, shopDomain: string, experiment: string, now: Date = new Date()): Promise<ExperimentComparison | null> {
  const name = experiment.trim();
  const campaigns = await db.campaign.findMany({
    where: { shopDomain, experiment: name },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (campaigns.length === 0) return null;
  const currency = await shopCurrency(db, shopDomain);
  const ids = campaigns.map((c) => c.id);
  const heldOut = heldOutRecipients(shopDomain, ids, now);
  const [first, ...others] = campaigns;
  // Whether anyone is held out does not depend on the window.
  const heldOutCount = (await outcomesOf(db, shopDomain, heldOut, 1, now)).length;
  const withHoldout = heldOutCount > 0;
  const compared = withHoldout ? campaigns : others;
  const baselineRecipients = withHoldout ? heldOut : treatedRecipients(shopDomain, first, ids, now);
  const baselineLabel = withHoldout ? "a held-out recipient" : `a recipient of “${first.name}”`;

  const variants: VariantComparison[] = [];
  let baselineSize = heldOutCount;
  for (const campaign of compared) {
    const windowDays = campaign.holdoutWindowDays;
    const baseline = await outcomesOf(db, shopDomain, baselineRecipients, windowDays, now);
    baselineSize = baseline.length;
    variants.push({
      campaignId: campaign.id,
      name: campaign.name,
      comparison: compareGroups({
        campaignId: campaign.id,
        windowDays,
        treated: await outcomesOf(db, shopDomain, treatedRecipients(shopDomain, campaign, ids, now), windowDays, now),
        baseline,
        currency,
        baselineLabel,
      }),
    });
  }
  if (!withHoldout && compared.length === 0) baselineSize = (await outcomesOf(db, shopDomain, baselineRecipients, 1, now)).length;
  return {
    experiment: name,
    baseline: withHoldout
      ? { kind: "holdout", recipients: heldOutCount }
      : { kind: "variant", campaignId: first.id, name: first.name, recipients: baselineSize },
    variants,
  };
}
