// A playbook's variables: what differs from one store to the next. Amounts (in the playbook's
// currency, converted only where the playbook says so), dates counted from the moment the playbook
// is applied, products, variants and collections found by handle or SKU in each store, and codes.
// The campaigns of a playbook refer to them as { "$var": key } wherever a value is store-dependent.
import { checkGeneratedCodeShape } from "~/domain/campaigns/generated-codes";
import { checkCode } from "~/domain/pools/rules";

export type Variable =
  | { key: string; label: string; kind: "money"; amount: string; convert: boolean }
  | { key: string; label: string; kind: "date"; daysAfterApply: number }
  | { key: string; label: string; kind: "collection"; handle: string }
  | { key: string; label: string; kind: "product"; handle: string }
  | { key: string; label: string; kind: "variant"; sku: string }
  | { key: string; label: string; kind: "code"; value: string }
  | { key: string; label: string; kind: "codePrefix"; value: string };

export type VariableKind = Variable["kind"];
export type ResourceKind = "collection" | "product" | "variant";

export const VARIABLE_KINDS = ["money", "date", "collection", "product", "variant", "code", "codePrefix"] as const satisfies readonly VariableKind[];

/** Where a playbook's campaign takes a variable's value. */
export interface VariableRef {
  $var: string;
}

export function isVariableRef(value: unknown): value is VariableRef {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as VariableRef).$var === "string" && Object.keys(value).length === 1
  );
}

export const ref = (key: string): VariableRef => ({ $var: key });

export const isResourceKind = (kind: VariableKind): kind is ResourceKind => kind === "collection" || kind === "product" || kind === "variant";

/** The longest a campaign may start after its playbook is applied, or run. */
export const MAX_DAYS_AFTER_APPLY = 3650;
const AMOUNT_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;
// Shopify's handles are lower-case words joined by dashes; letters of any script are allowed.
const HANDLE_PATTERN = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,254}$/u;

/** An amount as stored ("12.50"), or null when the text is not an amount above zero. */
export function readAmount(text: string): string | null {
  const raw = text.trim();
  return AMOUNT_PATTERN.test(raw) && Number(raw) > 0 ? Number(raw).toFixed(2) : null;
}

/** What is wrong with a variable's value, in words for whoever edits the playbook; null when fine. */
export function variableProblem(variable: Variable): string | null {
  switch (variable.kind) {
    case "money":
      return readAmount(variable.amount) === null ? "Enter an amount above 0 like 25.00." : null;
    case "date":
      return Number.isInteger(variable.daysAfterApply) && variable.daysAfterApply >= 0 && variable.daysAfterApply <= MAX_DAYS_AFTER_APPLY
        ? null
        : `Enter a whole number of days from 0 to ${MAX_DAYS_AFTER_APPLY}.`;
    case "collection":
    case "product":
      return HANDLE_PATTERN.test(variable.handle)
        ? null
        : "Enter the handle as Shopify shows it in the URL, e.g. summer-sale (lower-case, words joined by dashes).";
    case "variant": {
      const sku = variable.sku.trim();
      return sku && sku.length <= 255 && ![...sku].some((character) => character.charCodeAt(0) < 32) ? null : "Enter the variant's SKU (up to 255 characters).";
    }
    case "code": {
      const checked = checkCode(variable.value);
      return checked.ok ? null : checked.error;
    }
    case "codePrefix":
      return checkGeneratedCodeShape(variable.value, 8).generatedPrefix ?? null;
  }
}

/** The apply form's field for an amount typed in the target store's currency, and back. */
export const amountField = (key: string) => `amount.${key}`;
export const amountKey = (field: string) => (field.startsWith("amount.") ? field.slice("amount.".length) : null);

/** Form field names of a variable's value on the playbook page. */
export const variableField = (key: string, part: "value" | "convert") => `var.${key}.${part}`;

/** A variable's value as the playbook page's text field shows it. */
export function variableText(variable: Variable): string {
  switch (variable.kind) {
    case "money":
      return variable.amount;
    case "date":
      return String(variable.daysAfterApply);
    case "collection":
    case "product":
      return variable.handle;
    case "variant":
      return variable.sku;
    case "code":
    case "codePrefix":
      return variable.value;
  }
}

/** The variable with the text typed for it (and, for an amount, whether it is converted). */
function withText(variable: Variable, text: string, convert: boolean): Variable {
  const value = text.trim();
  switch (variable.kind) {
    case "money":
      return { ...variable, amount: readAmount(value) ?? value, convert };
    case "date":
      return { ...variable, daysAfterApply: /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN };
    case "collection":
    case "product":
      return { ...variable, handle: value.toLowerCase() };
    case "variant":
      return { ...variable, sku: value };
    case "code":
      return { ...variable, value };
    case "codePrefix":
      return { ...variable, value: value.toUpperCase() };
  }
}

export type VariableEdit = { ok: true; variables: Variable[]; changed: string[] } | { ok: false; errors: Record<string, string> };

/**
 * The playbook page's variables form → the next version's variables, or every problem keyed by its
 * field. A variable the form does not mention keeps its value.
 */
export function readVariableForm(variables: Variable[], form: Record<string, string>): VariableEdit {
  const errors: Record<string, string> = {};
  const changed: string[] = [];
  const next = variables.map((variable) => {
    const text = form[variableField(variable.key, "value")];
    if (text === undefined) return variable;
    const edited = withText(variable, text, form[variableField(variable.key, "convert")] === "true");
    const problem = variableProblem(edited);
    if (problem) errors[variableField(variable.key, "value")] = problem;
    if (JSON.stringify(edited) !== JSON.stringify(variable)) changed.push(variable.label);
    return edited;
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, variables: next, changed };
}
