import type { SubmitFunction } from "@remix-run/react";
import type { FormValues } from "~/domain/campaigns/config-form";

/**
 * Posts the form's values for the button's intent (save, submit, publish, pause, approve, …).
 * The intent goes in the URL so the action can check the role's permission for it before it
 * reads the form; `extra` carries the workflow's fields (note, override reason, request id).
 */
export function submitValues(submit: SubmitFunction, values: FormValues, intent: string, extra: Record<string, string> = {}) {
  submit({ ...values, ...extra }, { method: "post", action: `?intent=${encodeURIComponent(intent)}` });
}
