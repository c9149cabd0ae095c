// The post-purchase rule form, read once for the page and the server: every field's rule and its
// message in the merchant's words, keyed by the form field. What only the shop can tell (that the
// chosen products, pool or campaign exist) is checked by post-purchase-rules.server.ts.
import { z } from "zod";
import { formRecordId } from "~/domain/form-schema";
import { TEXT_LIMITS } from "~/domain/text-limits";

export const DELAY_DAYS_MAX = 60;
export const VALIDITY_DAYS_MAX = 365;
export const MESSAGE_MAX_LENGTH = 200;
/** Products or collections one rule may name, per list: enough for a range, small enough to check per order. */
export const RESOURCES_MAX = 50;

export const CODE_SOURCE_OPTIONS = [
  { value: "pool", label: "A coupon pool" },
  { value: "campaign", label: "A campaign's codes" },
] as const;

const GID = (type: string) => new RegExp(`^gid://shopify/${type}/\\d+$`);

/** A picker's selection as the form sends it: a JSON list of GIDs, or nothing. */
const idList = (type: "Product" | "Collection", label: string) =>
  z
    .string()
    .optional()
    .transform((text, context) => {
      if (!text?.trim()) return [];
      let ids: unknown;
      try {
        ids = JSON.parse(text);
      } catch {
        ids = null;
      }
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && GID(type).test(id))) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: `Choose the ${label} again with the picker.` });
        return z.NEVER;
      }
      if (ids.length > RESOURCES_MAX) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: `Choose at most ${RESOURCES_MAX} ${label} (${ids.length} are chosen).` });
        return z.NEVER;
      }
      return [...new Set(ids as string[])];
    });

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .refine((text) => /^\d{1,4}$/.test(text) && Number(text) >= min && Number(text) <= max, `Enter ${label} as a whole number from ${min} to ${max}.`)
    .transform(Number);

const optionalId = z
  .string()
  .optional()
  .transform((text) => (text && /^\d{1,15}$/.test(text) ? Number(text) : null));

export const postPurchaseRuleForm = z
  .object({
    name: z.string().trim().min(1, "Enter a name for the rule.").max(TEXT_LIMITS.name, `Keep the name to ${TEXT_LIMITS.name} characters.`),
    triggerProducts: idList("Product", "products"),
    triggerCollections: idList("Collection", "collections"),
    minimumSubtotal: z
      .string()
      .optional()
      .transform((text, context) => {
        const value = text?.trim() ?? "";
        if (!value) return null;
        if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) {
          context.addIssue({ code: z.ZodIssueCode.custom, message: "Enter the minimum subtotal as an amount such as 50 or 49.90, or leave it empty." });
          return z.NEVER;
        }
        return Number(value).toFixed(2);
      }),
    firstOrderOnly: z
      .string()
      .optional()
      .transform((text) => text === "true"),
    codeSource: z.enum(["pool", "campaign"], { errorMap: () => ({ message: "Choose where the codes come from." }) }),
    poolId: optionalId,
    campaignId: optionalId,
    validityDays: wholeNumber("how many days the code works", 1, VALIDITY_DAYS_MAX),
    offerProducts: idList("Product", "products"),
    message: z
      .string()
      .trim()
      .min(1, "Write what the customer reads beside the code, such as “15% off our kettles for your next order”.")
      .max(MESSAGE_MAX_LENGTH, `Keep the message to ${MESSAGE_MAX_LENGTH} characters.`),
    delayDays: wholeNumber("the delay in days", 0, DELAY_DAYS_MAX),
  })
  .superRefine((rule, context) => {
    if (rule.codeSource === "pool" && rule.poolId === null)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["poolId"], message: "Choose the pool the codes come from." });
    if (rule.codeSource === "campaign" && rule.campaignId === null)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["campaignId"], message: "Choose the campaign whose codes are sent." });
  });

export type PostPurchaseRuleForm = z.infer<typeof postPurchaseRuleForm>;

/** The form's problems by field (the first per field), or the rule as typed. */
export function readPostPurchaseRuleForm(
  form: Record<string, unknown>,
): { ok: true; rule: PostPurchaseRuleForm } | { ok: false; errors: Record<string, string> } {
  const parsed = postPurchaseRuleForm.safeParse(form);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The rules list's pause, resume and delete buttons: the rule. */
export const postPurchaseRuleChangeSchema = z.object({ ruleId: formRecordId });
