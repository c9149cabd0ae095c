// The campaign form's one schema (campaignFormSchema): the action reads a posted campaign with it
// and the form checks the same fields with it in the browser before posting, so a problem shows
// the same message on the same field either way. The governance, code, date and budget fields are
// declared here; the rule fields are read by the function's own vocabulary (config-form.ts, each
// argument's schema in its condition's or effect's definition) and the stacking fields by the
// catalogue's own entry schemas. Each problem is keyed by the form field it concerns.
import { z } from "zod";
import { CATALOGUE_ENTRY_FIELDS, compileCampaign } from "promo-discount/config";
import type { CampaignConfig, StackingCategory } from "promo-discount/config";
import { checkCode } from "~/domain/pools/rules";
import {
  addFieldIssue,
  formField,
  formFlag,
  formText,
  mistake,
  readForm,
  vocabularyField,
  wholeNumber,
  type FieldErrors,
  type FormRead,
} from "~/domain/form-schema";
import { configFromForm, fieldForIssue, formFromConfig, type FormValues } from "./config-form";
import { checkGeneratedCodeShape } from "./generated-codes";
import { instantToLocalDateTime, localDateTimeToInstant } from "./shop-time";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";

export const CHANNELS = [
  { value: "email", label: "Email" },
  { value: "social", label: "Social" },
  { value: "affiliate", label: "Affiliate" },
  { value: "abandoned_cart", label: "Abandoned cart" },
  { value: "post_purchase", label: "Post-purchase" },
  { value: "influencer", label: "Influencer" },
  { value: "other", label: "Other" },
] as const;
export type Channel = (typeof CHANNELS)[number]["value"];

export const CODE_SOURCES = [
  { value: "shared", label: "One shared code" },
  { value: "generated", label: "Generated unique codes" },
  { value: "pool", label: "Codes from a coupon pool" },
] as const;
export type CodeSource = (typeof CODE_SOURCES)[number]["value"];

export const STACKING_CATEGORIES = [
  { value: "joint", label: "Joint: combines with other PromoGuard codes" },
  { value: "exclusive", label: "Exclusive: never combined with another PromoGuard code" },
] as const;

/** A campaign without budgets or a daily cap. */
export const NO_CAPS: Pick<CampaignInput, "budgetDiscount" | "budgetRevenue" | "budgetRedemptions" | "dailyCap"> = {
  budgetDiscount: null,
  budgetRevenue: null,
  budgetRedemptions: null,
  dailyCap: null,
};

export type { FieldErrors };

/** Which governance fields the shop's policy requires (governance/policy.server requiredFields). */
export interface RequiredFields {
  owner: boolean;
  purpose: boolean;
  channel: boolean;
}

const ALL_REQUIRED: RequiredFields = { owner: true, purpose: true, channel: true };

const NAME_MAX = TEXT_LIMITS.name;
const PURPOSE_MAX = 500;
export const GENERATED_COUNT_MAX = 100_000;

/** What reading the form depends on: the shop's time zone (dates on the form are the shop's local
 * time, as the merchant reads them in Shopify's admin) and the fields its policy requires. */
export interface CampaignFormContext {
  timeZone: string;
  required: RequiredFields;
}

const isChannel = (text: string): text is Channel => CHANNELS.some((known) => known.value === text);
const isCodeSource = (text: string): text is CodeSource => CODE_SOURCES.some((known) => known.value === text);

/** An optional count: null when empty, a whole number above 0 otherwise. */
const optionalCount = (message: string) =>
  formField((text) => {
    if (!text) return null;
    const value = wholeNumber(text);
    return value !== null && value >= 1 ? value : mistake(message);
  });

/** An optional amount in the shop's currency ("500", "500.00"), as the two-decimal text stored. */
const optionalAmount = (what: string) =>
  formField((text) => {
    if (!text) return null;
    const value = /^\d{1,9}(\.\d{1,2})?$/.test(text) ? Number(text) : 0;
    return value > 0 ? value.toFixed(2) : mistake(`Enter ${what} as an amount above 0 like 500.00, or leave it empty for no such budget.`);
  });

/** The rule fields as posted ("cond.minimumSubtotal", "effect.overstock.above", "config.message"). */
const ruleTexts = z.record(z.union([z.string(), z.record(z.string())])).optional();

/** The rule fields back into the form's flat names, for the vocabulary's reader (config-form.ts). */
function ruleValues(form: Partial<Record<"cond" | "effect" | "config", z.infer<typeof ruleTexts>>>): FormValues {
  const values: FormValues = {};
  for (const [group, fields] of Object.entries({ cond: form.cond, effect: form.effect, config: form.config })) {
    for (const [name, value] of Object.entries(fields ?? {})) {
      if (typeof value === "string") values[`${group}.${name}`] = value;
      else for (const [part, text] of Object.entries(value)) values[`${group}.${name}.${part}`] = text;
    }
  }
  return values;
}

/**
 * The campaign form's schema under a shop's time zone and policy. The client builds it from the
 * same loader data the action reads (time zone, required fields), so both check alike; only what
 * needs the database (the owner being one of the shop's staff, a pool being the shop's) is left to
 * the action.
 */
export function campaignFormSchema({ timeZone, required }: CampaignFormContext) {
  const instant = (text: string) => localDateTimeToInstant(text, timeZone);
  return (
    z
      .object({
        name: formField((text) => {
          if (!text) return mistake("Enter a campaign name.");
          return text.length > NAME_MAX ? mistake(`Names are at most ${NAME_MAX} characters.`) : text;
        }),
        ownerStaffId: formField((text) => (!text ? null : (wholeNumber(text) ?? mistake("Choose one of this store's staff as the owner.")))),
        ownerName: formField((text) => {
          const problem = tooLong("The owner's name", text, TEXT_LIMITS.name);
          return problem ? mistake(problem) : text;
        }),
        ownerEmail: formField((text) => {
          const email = text.toLowerCase();
          const valid = !email || (email.length <= TEXT_LIMITS.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email));
          return valid ? email : mistake("Enter the owner's email address, or leave it empty.");
        }),
        purpose: formField((text) => {
          if (!text && required.purpose) return mistake("Say what this campaign is for, so whoever reviews it later knows.");
          return text.length > PURPOSE_MAX ? mistake(`The purpose is at most ${PURPOSE_MAX} characters.`) : text;
        }),
        channel: formField<Channel | "">((text) => ((text ? isChannel(text) : !required.channel) ? (text as Channel | "") : mistake("Choose a channel."))),
        codeSource: formField((text) => (isCodeSource(text) ? text : mistake("Choose where the codes come from."))),
        // The fields of one code source; the other sources' are ignored (checked across fields below).
        sharedCode: formText,
        generatedCount: formText,
        generatedPrefix: formText.transform((text) => text.toUpperCase()),
        generatedLength: formText,
        poolId: formText,
        startsAt: formField((text) => instant(text) ?? mistake("Enter when the campaign starts.")),
        endsAt: formField((text) => (!text ? null : (instant(text) ?? mistake("Enter a valid end date and time, or leave it empty.")))),
        usageLimit: optionalCount("Enter a total number of uses above 0, or leave it empty for no limit."),
        oncePerCustomer: formFlag,
        budgetDiscount: optionalAmount("the most the codes may take off in total"),
        budgetRevenue: optionalAmount("the revenue goal"),
        budgetRedemptions: optionalCount("Enter how many redemptions the campaign may have in total (above 0), or leave it empty."),
        dailyCap: optionalCount("Enter how many redemptions a day the campaign may have (above 0), or leave it empty for no daily cap."),
        combinesWithProduct: formFlag,
        combinesWithOrder: formFlag,
        combinesWithShipping: formFlag,
        // The catalogue's own entry schemas decide what a valid category and priority are.
        stackingCategory: vocabularyField(CATALOGUE_ENTRY_FIELDS.category, (text) => text),
        priority: vocabularyField(CATALOGUE_ENTRY_FIELDS.priority, (text) => Number(text || "0")),
        cond: ruleTexts,
        effect: ruleTexts,
        config: ruleTexts,
      })
      // Checks across fields run even when a field has a problem: the merchant sees every problem at once.
      .superRefine((form, context) => {
        const problem = (field: string, message: string) => addFieldIssue(context, field, message);
        if (!form.ownerStaffId && !form.ownerName && required.owner) {
          problem("ownerStaffId", "Your store's policy requires an owner: choose the staff member accountable for this campaign.");
        }
        for (const [field, message] of Object.entries(codeProblems(form))) problem(field, message);
        if (form.startsAt && form.endsAt && form.endsAt <= form.startsAt) problem("endsAt", "The campaign must end after it starts.");

        // The rules, read and checked by the function's vocabulary; compiling checks everything
        // publishing will need, Shopify's limits included. One problem per field.
        const { config, issues } = configFromForm(ruleValues(form));
        const validation = compileCampaign(config);
        const reported = new Set<string>();
        for (const { field, message } of [
          ...issues,
          ...(validation.ok ? [] : validation.issues.map((issue) => ({ field: fieldForIssue(issue), message: issue.message }))),
        ]) {
          if (!reported.has(field)) problem(field, message);
          reported.add(field);
        }
      })
      // Only a form without problems gets here.
      .transform((form) => ({
        name: checked(form.name),
        ownerStaffId: checked(form.ownerStaffId),
        ownerName: checked(form.ownerName),
        ownerEmail: checked(form.ownerEmail),
        purpose: checked(form.purpose),
        channel: checked(form.channel),
        // The stored config is the one the merchant wrote; publishing adds the neutral variables.
        config: configFromForm(ruleValues(form)).config as unknown as CampaignConfig,
        codeSource: checked(form.codeSource),
        sharedCode: form.codeSource === "shared" ? sharedCodeOf(form.sharedCode) : null,
        generatedCount: form.codeSource === "generated" ? wholeNumber(form.generatedCount) : null,
        generatedPrefix: form.codeSource === "generated" ? form.generatedPrefix : null,
        generatedLength: form.codeSource === "generated" ? wholeNumber(form.generatedLength) : null,
        poolId: form.codeSource === "pool" ? wholeNumber(form.poolId) : null,
        startsAt: checked(form.startsAt),
        endsAt: checked(form.endsAt),
        usageLimit: checked(form.usageLimit),
        oncePerCustomer: form.oncePerCustomer,
        budgetDiscount: checked(form.budgetDiscount),
        budgetRevenue: checked(form.budgetRevenue),
        budgetRedemptions: checked(form.budgetRedemptions),
        dailyCap: checked(form.dailyCap),
        combinesWithProduct: form.combinesWithProduct,
        combinesWithOrder: form.combinesWithOrder,
        combinesWithShipping: form.combinesWithShipping,
        stackingCategory: checked(form.stackingCategory) as StackingCategory,
        priority: checked(form.priority),
      }))
  );
}

/** A field's value once the schema found no problem with it (a mistaken field reads as undefined). */
const checked = <T>(value: T | undefined): T => value as T;

const sharedCodeOf = (text: string) => {
  const code = checkCode(text);
  return code.ok ? code.value.code : null;
};

/** The code fields' problems, for the chosen source only (the other sources' fields are ignored). */
function codeProblems(form: {
  codeSource?: CodeSource;
  sharedCode: string;
  generatedCount: string;
  generatedPrefix: string;
  generatedLength: string;
  poolId: string;
}): FieldErrors {
  if (form.codeSource === "shared") {
    const checked = checkCode(form.sharedCode);
    return checked.ok ? {} : { sharedCode: checked.error };
  }
  if (form.codeSource === "generated") {
    const count = wholeNumber(form.generatedCount);
    return {
      ...(count === null || count < 1 || count > GENERATED_COUNT_MAX
        ? { generatedCount: `Enter how many codes to generate, from 1 to ${GENERATED_COUNT_MAX.toLocaleString("en-US")}.` }
        : {}),
      ...checkGeneratedCodeShape(form.generatedPrefix, wholeNumber(form.generatedLength)),
    };
  }
  if (form.codeSource === "pool" && wholeNumber(form.poolId) === null) return { poolId: "Choose the coupon pool the codes come from." };
  return {};
}

export type CampaignFormSchema = ReturnType<typeof campaignFormSchema>;

/** A campaign as the form describes it: the schema's output. The route resolves `ownerStaffId`
 * to the staff member and fills the owner's name and email from them when the form leaves those
 * empty. Budgets (caps.server.ts) are in the shop's currency as "500.00"; null: none. */
export type CampaignInput = Omit<z.output<CampaignFormSchema>, "ownerStaffId"> & {
  /** The accountable staff member (StaffMember.id); name and email are theirs unless typed in. */
  ownerStaffId?: number | null;
};

export type ReadResult = FormRead<CampaignInput>;

/** The form → a campaign, or every problem at once, keyed by field (the action's reader). */
export function readCampaignForm(values: FormValues, timeZone: string, required: RequiredFields = ALL_REQUIRED): ReadResult {
  return readForm(campaignFormSchema({ timeZone, required }), values);
}

const flag = (on: boolean) => (on ? "true" : "");
const optionalText = (value: number | string | null) => (value === null ? "" : String(value));

/** The form values that show a campaign input, dates in the shop's time zone: what
 * readCampaignForm reads back into the same input. */
export function inputFormValues(input: CampaignInput, timeZone: string): FormValues {
  return {
    ...formFromConfig(input.config),
    name: input.name,
    ownerStaffId: optionalText(input.ownerStaffId ?? null),
    ownerName: input.ownerName,
    ownerEmail: input.ownerEmail,
    purpose: input.purpose,
    channel: input.channel,
    codeSource: input.codeSource,
    sharedCode: input.sharedCode ?? "",
    generatedCount: optionalText(input.generatedCount),
    generatedPrefix: input.generatedPrefix ?? "",
    generatedLength: optionalText(input.generatedLength),
    poolId: optionalText(input.poolId),
    startsAt: instantToLocalDateTime(input.startsAt, timeZone),
    endsAt: input.endsAt ? instantToLocalDateTime(input.endsAt, timeZone) : "",
    usageLimit: optionalText(input.usageLimit),
    budgetDiscount: input.budgetDiscount ?? "",
    budgetRevenue: input.budgetRevenue ?? "",
    budgetRedemptions: optionalText(input.budgetRedemptions),
    dailyCap: optionalText(input.dailyCap),
    oncePerCustomer: flag(input.oncePerCustomer),
    combinesWithProduct: flag(input.combinesWithProduct),
    combinesWithOrder: flag(input.combinesWithOrder),
    combinesWithShipping: flag(input.combinesWithShipping),
    stackingCategory: input.stackingCategory,
    priority: String(input.priority),
  };
}
