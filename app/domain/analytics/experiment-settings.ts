// A campaign's measurement settings (holdout share, comparison window, experiment name, UTM tag):
// the settings form's one schema, which the settings card checks itself with before posting and
// the experiment route's action reads the form with, and the rule that needs the campaign itself
// (a holdout needs pool codes), which saveExperimentSettings applies and the card checks too.
import { z } from "zod";
import { formField, mistake } from "~/domain/form-schema";

export const HOLDOUT_PERCENT_MAX = 50;
export const WINDOW_DAYS_MIN = 1;
export const WINDOW_DAYS_MAX = 90;
export const NAME_MAX_LENGTH = 100;

export interface ExperimentSettings {
  holdoutPercent: number;
  holdoutWindowDays: number;
  experiment: string | null;
  utmCampaign: string | null;
}

/** The form's fields as text, the way the card holds and posts them. */
export type ExperimentSettingsForm = Record<keyof ExperimentSettings, string>;

export function settingsForm(settings: ExperimentSettings): ExperimentSettingsForm {
  return {
    holdoutPercent: String(settings.holdoutPercent),
    holdoutWindowDays: String(settings.holdoutWindowDays),
    experiment: settings.experiment ?? "",
    utmCampaign: settings.utmCampaign ?? "",
  };
}

const holdoutPercent = formField((typed) => {
  const text = typed || "0";
  const percent = Number(text.replace(/%$/, ""));
  if (!/^\d+(\.\d{1,2})?%?$/.test(text) || !Number.isFinite(percent)) {
    return mistake(`Enter the holdout share as a percentage from 0 to ${HOLDOUT_PERCENT_MAX}, with at most two decimals (“${text}” isn't one).`);
  }
  if (percent > HOLDOUT_PERCENT_MAX) {
    return mistake(`The holdout share is at most ${HOLDOUT_PERCENT_MAX}% of recipients (you entered ${percent}%): at least half must get the offer.`);
  }
  return percent;
});

const holdoutWindowDays = formField((text) => {
  const days = Number(text);
  return /^\d+$/.test(text) && days >= WINDOW_DAYS_MIN && days <= WINDOW_DAYS_MAX
    ? days
    : mistake(`Enter the comparison window as a whole number of days from ${WINDOW_DAYS_MIN} to ${WINDOW_DAYS_MAX}${text ? ` (“${text}” isn't one)` : ""}.`);
});

const experiment = formField((text) =>
  text.length > NAME_MAX_LENGTH ? mistake(`Experiment names are at most ${NAME_MAX_LENGTH} characters (this one has ${text.length}).`) : text || null,
);

const utmCampaign = formField((text) => {
  if (text.length > NAME_MAX_LENGTH) return mistake(`The UTM campaign tag is at most ${NAME_MAX_LENGTH} characters (this one has ${text.length}).`);
  if (/\s/.test(text)) return mistake("The UTM campaign tag can't contain spaces: use it exactly as it appears in your links' utm_campaign=…");
  return text || null;
});

/** The settings form. (A mistaken field stops the read, so the settings it gives are whole.) */
export const experimentSettingsSchema = z.object({ holdoutPercent, holdoutWindowDays, experiment, utmCampaign }).transform((form): ExperimentSettings => ({
  holdoutPercent: form.holdoutPercent ?? 0,
  holdoutWindowDays: form.holdoutWindowDays ?? WINDOW_DAYS_MIN,
  experiment: form.experiment ?? null,
  utmCampaign: form.utmCampaign ?? null,
}));

/**
 * Why these settings cannot be the campaign's, field by field (none: null). A holdout keeps codes
 * from some of a pool's recipients, so a shared-code campaign (everyone can use the code) has none.
 */
export function experimentSettingsRefusal(
  settings: Pick<ExperimentSettings, "holdoutPercent">,
  hasPool: boolean,
): Partial<Record<keyof ExperimentSettings, string>> | null {
  if (settings.holdoutPercent > 0 && !hasPool) {
    return { holdoutPercent: "A holdout needs codes from a pool: a shared code can be used by anyone, so nobody can be held out. Set 0 or use pool codes." };
  }
  return null;
}

/** The card's check before posting: the form's schema, then the rule that needs the campaign. */
export function experimentSettingsSchemaFor(hasPool: boolean) {
  return experimentSettingsSchema.superRefine((settings, context) => {
    for (const [field, message] of Object.entries(experimentSettingsRefusal(settings, hasPool) ?? {})) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    }
  });
}
