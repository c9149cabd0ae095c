import type { SubmitFunction } from "@remix-run/react";
import type { FormValues } from "~/domain/campaigns/config-form";

/** Posts the form's values with the button's intent (save, publish, pause, …). */
export function submitValues(submit: SubmitFunction, values: FormValues, intent: string) {
  submit({ ...values, intent }, { method: "post" });
}
