// The discount policy settings form's one schema: the settings page checks the form with it
// before posting, and the action reads it with it (readPolicyForm, policy.server.ts). Empty
// limits mean "no limit".
import { z } from "zod";
import { formField, formFlag, mistake } from "~/domain/form-schema";

/** A percentage limit, "25" or "12.5"; null when empty. */
const percentLimit = (label: string) =>
  formField((text) => {
    if (!text) return null;
    const value = Number(text);
    return /^\d{1,3}(\.\d{1,2})?$/.test(text) && value > 0 && value <= 100
      ? value
      : mistake(`${label} must be a percentage above 0 and at most 100 (e.g. 25), or empty for no limit.`);
  });

export const policyFormSchema = z.object({
  maxPercentWithoutApproval: percentLimit("The largest percentage off"),
  maxCombinedDepthPercent: percentLimit("The deepest combined discount"),
  maxAmountWithoutApproval: formField((text) => {
    if (!text) return null;
    return /^\d{1,9}(\.\d{1,2})?$/.test(text) && Number(text) > 0
      ? Number(text).toFixed(2)
      : mistake('The largest amount off must be an amount above 0 like "20.00", or empty for no limit.');
  }),
  maxDurationDays: formField((text) => {
    if (!text) return null;
    return /^\d{1,4}$/.test(text) && Number(text) >= 1
      ? Number(text)
      : mistake("The longest campaign must be a whole number of days from 1 to 9999, or empty for no limit.");
  }),
  requireEndDate: formFlag,
  freeShippingNeedsApproval: formFlag,
  unlimitedUseNeedsApproval: formFlag,
  ungatedNeedsApproval: formFlag,
  requireOwner: formFlag,
  requirePurpose: formFlag,
  requireChannel: formFlag,
});
