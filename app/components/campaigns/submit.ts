import { useCallback, useEffect, useState } from "react";
import { useSubmit, type SubmitFunction } from "@remix-run/react";
import type { FormValues } from "~/domain/campaigns/config-form";
import { readCampaignForm, type CampaignFormContext, type FieldErrors } from "~/domain/campaigns/campaign-input";

/**
 * Posts the form's values for the button's intent (save, submit, publish, pause, approve, …).
 * The intent goes in the URL so the action can check the role's permission for it before it
 * reads the form; `extra` carries the workflow's fields (note, override reason, request id).
 */
export function submitValues(submit: SubmitFunction, values: FormValues, intent: string, extra: Record<string, string> = {}) {
  submit({ ...values, ...extra }, { method: "post", action: `?intent=${encodeURIComponent(intent)}` });
}

/** The buttons whose action reads the campaign form (the others change its lifecycle or decide a request). */
const READS_THE_FORM = new Set(["save", "submit", "publish"]);

/** The problems the browser finds before posting for `intent`, with the action's own schema; null: post it. */
export function problemsBeforePosting(values: FormValues, intent: string, context: CampaignFormContext): FieldErrors | null {
  if (!READS_THE_FORM.has(intent)) return null;
  const read = readCampaignForm(values, context.timeZone, context.required);
  return read.ok ? null : read.errors;
}

/**
 * Posting the campaign form: a button that saves the campaign first checks it with the form's own
 * schema (campaignFormSchema, the one the action reads it with), under the same time zone and
 * policy; with a problem nothing is posted and the problems show on their fields at once. The
 * server's answer (`serverErrors`, a new one with each response) replaces them.
 */
export function useCampaignSubmit({ timeZone, required }: CampaignFormContext, serverErrors: FieldErrors) {
  const submit = useSubmit();
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  useEffect(() => setClientErrors(null), [serverErrors]);
  const post = useCallback(
    (values: FormValues, intent: string, extra: Record<string, string> = {}) => {
      let problems: FieldErrors | null = null;
      try {
        problems = problemsBeforePosting(values, intent, { timeZone, required });
      } catch (error) {
        // A check that cannot run here must not keep the merchant from saving: the action decides.
        console.error("The campaign form's check failed in the browser; posting it for the server to check.", error);
      }
      setClientErrors(problems);
      if (problems) return;
      submitValues(submit, values, intent, extra);
    },
    [submit, timeZone, required],
  );
  /** `checkedHere`: the problems shown are the browser's check, nothing was posted. */
  return { post, errors: clientErrors ?? serverErrors, checkedHere: clientErrors !== null };
}
