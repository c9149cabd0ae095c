// What every form's schema is made of, on the server and in the browser alike. A form is one zod
// schema; @conform-to/zod reads the posted fields into it (a name like "effect.overstock.above"
// is a path) and keys each problem by the form field it concerns, so the action and the client
// report the same message on the same field. Each field keeps the first problem found with it.
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { ArgSchema, ConfigIssue } from "promo-discount/config";

export type FieldErrors = Record<string, string>;
export type FormRead<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A form field's text, trimmed; a field left out of the post reads as empty. */
export const formText = z
  .string()
  .optional()
  .transform((value) => (value ?? "").trim());

/** A mistake in a field's text, with the message the merchant sees next to the field. */
export class Mistake {
  constructor(readonly message: string) {}
}
export const mistake = (message: string) => new Mistake(message);

/**
 * A field read from its trimmed text: `read` returns the value or a Mistake. A mistaken field
 * reads as undefined, so checks across fields can tell it from a value (and from null: empty).
 */
export function formField<T>(read: (text: string) => T | Mistake) {
  return formText.transform((text, context): T | undefined => {
    const value = read(text);
    if (!(value instanceof Mistake)) return value;
    context.addIssue({ code: z.ZodIssueCode.custom, message: value.message });
    return undefined;
  });
}

/** A checkbox: "true" when ticked. */
export const formFlag = formText.transform((text) => text === "true");

/** The largest id a row can have (ids are 32-bit integers in the database). */
const LARGEST_RECORD_ID = 2_147_483_647;

/**
 * The id of a row a form acts on (a hidden field: the case, the rule, the job…). Anything that is
 * not one reads as 0, which no row has, so the operation answers it exactly like a missing row.
 */
export const formRecordId = formText.transform((text) => (/^\d{1,10}$/.test(text) && Number(text) <= LARGEST_RECORD_ID ? Number(text) : 0));

/** A whole number typed in a form (up to 9 digits); null when it is not one. */
export function wholeNumber(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/**
 * A field whose value the rule vocabulary (promo-discount/config) checks with its own schema kit,
 * which the functions share and which stays free of schema libraries: its first problem is the
 * field's message.
 */
export function vocabularyField<T>(schema: ArgSchema<T>, fromText: (text: string) => unknown) {
  return formField<T>((text) => {
    const value = fromText(text);
    const issues: ConfigIssue[] = [];
    return schema.check(value, "", issues) ? value : mistake(issues[0]?.message ?? schema.hint);
  });
}

/** Adds a problem on a field from a check across fields. */
export function addFieldIssue(context: z.RefinementCtx, field: string, message: string) {
  context.addIssue({ code: z.ZodIssueCode.custom, path: field.split("."), message });
}

/** Form values (field name → text) as the FormData a browser posts. */
export function formDataOf(values: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) data.append(name, value);
  return data;
}

/**
 * Reads a posted form (FormData, or the values a React form holds) with its schema: the value,
 * or the first problem of each field keyed by the field's name. The action and the form's client
 * side both call this, with the same schema.
 */
export function readForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  form: FormData | URLSearchParams | Record<string, string | undefined>,
): FormRead<z.output<Schema>> {
  const payload = form instanceof FormData || form instanceof URLSearchParams ? form : formDataOf(form);
  // Text stays text: each field's schema reads its own (an empty field is not "missing").
  const submission = parseWithZod(payload, { schema, disableAutoCoercion: true });
  if (submission.status === "success") return { ok: true, value: submission.value as z.output<Schema> };
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(submission.error ?? {})) {
    const first = messages?.[0];
    if (first) errors[field || "general"] = first;
  }
  return { ok: false, errors };
}
