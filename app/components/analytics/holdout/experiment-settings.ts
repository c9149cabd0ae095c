// A campaign's measurement settings — holdout share, comparison window, experiment name, UTM
// tag — as the settings card posts them and the route checks them. Shared so the card's hints
// and the route's limits can never disagree.

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

export type SettingsCheck = { ok: true; settings: ExperimentSettings } | { ok: false; errors: Partial<Record<keyof ExperimentSettings, string>> };

/**
 * The settings, or a message per wrong field. `hasPool`: a holdout keeps codes from some of a
 * pool's recipients, so a shared-code campaign (everyone can use the code) cannot have one.
 */
export function checkExperimentSettings(form: Partial<Record<keyof ExperimentSettings, unknown>>, hasPool: boolean): SettingsCheck {
  const errors: Partial<Record<keyof ExperimentSettings, string>> = {};
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

  const percentText = text(form.holdoutPercent) || "0";
  const holdoutPercent = Number(percentText.replace(/%$/, ""));
  if (!/^\d+(\.\d{1,2})?%?$/.test(percentText) || !Number.isFinite(holdoutPercent)) {
    errors.holdoutPercent = `Enter the holdout share as a percentage from 0 to ${HOLDOUT_PERCENT_MAX}, with at most two decimals (“${percentText}” isn't one).`;
  } else if (holdoutPercent > HOLDOUT_PERCENT_MAX) {
    errors.holdoutPercent = `The holdout share is at most ${HOLDOUT_PERCENT_MAX}% of recipients (you entered ${holdoutPercent}%): at least half must get the offer.`;
  } else if (holdoutPercent > 0 && !hasPool) {
    errors.holdoutPercent = "A holdout needs codes from a pool: a shared code can be used by anyone, so nobody can be held out. Set 0 or use pool codes.";
  }

  const windowText = text(form.holdoutWindowDays);
  const holdoutWindowDays = Number(windowText);
  if (!/^\d+$/.test(windowText) || holdoutWindowDays < WINDOW_DAYS_MIN || holdoutWindowDays > WINDOW_DAYS_MAX) {
    errors.holdoutWindowDays = `Enter the comparison window as a whole number of days from ${WINDOW_DAYS_MIN} to ${WINDOW_DAYS_MAX}${windowText ? ` (“${windowText}” isn't one)` : ""}.`;
  }

  const experiment = text(form.experiment);
  if (experiment.length > NAME_MAX_LENGTH) {
    errors.experiment = `Experiment names are at most ${NAME_MAX_LENGTH} characters (this one has ${experiment.length}).`;
  }

  const utmCampaign = text(form.utmCampaign);
  if (utmCampaign.length > NAME_MAX_LENGTH) {
    errors.utmCampaign = `The UTM campaign tag is at most ${NAME_MAX_LENGTH} characters (this one has ${utmCampaign.length}).`;
  } else if (/\s/.test(utmCampaign)) {
    errors.utmCampaign = "The UTM campaign tag can't contain spaces: use it exactly as it appears in your links' utm_campaign=…";
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: { holdoutPercent, holdoutWindowDays, experiment: experiment || null, utmCampaign: utmCampaign || null } };
}
