// Reading the campaign form: the governance fields checked here, the rule fields by the
// function's own validator (config-form.ts), the stacking fields by the catalogue's own entry
// check. Each problem is keyed by the form field it concerns.
import { catalogueEntryIssues, compileCampaign } from "promo-discount/config";
import type { CampaignConfig, StackingCategory } from "promo-discount/config";
import { checkCode } from "~/domain/pools/rules";
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

export interface CampaignInput {
  name: string;
  /** The accountable staff member (StaffMember.id); name and email are theirs unless typed in. */
  ownerStaffId?: number | null;
  ownerName: string;
  ownerEmail: string;
  purpose: string;
  /** Empty only when the shop's policy does not require a channel. */
  channel: Channel | "";
  config: CampaignConfig;
  codeSource: CodeSource;
  sharedCode: string | null;
  generatedCount: number | null;
  generatedPrefix: string | null;
  generatedLength: number | null;
  poolId: number | null;
  startsAt: Date;
  endsAt: Date | null;
  usageLimit: number | null;
  oncePerCustomer: boolean;
  /** Budgets (caps.server.ts), in the shop's currency as "500.00"; null: none. */
  budgetDiscount: string | null;
  budgetRevenue: string | null;
  budgetRedemptions: number | null;
  /** At most this many redemptions per shop-local day; null: none. */
  dailyCap: number | null;
  combinesWithProduct: boolean;
  combinesWithOrder: boolean;
  combinesWithShipping: boolean;
  stackingCategory: StackingCategory;
  priority: number;
}

/** A campaign without budgets or a daily cap. */
export const NO_CAPS: Pick<CampaignInput, "budgetDiscount" | "budgetRevenue" | "budgetRedemptions" | "dailyCap"> = {
  budgetDiscount: null, budgetRevenue: null, budgetRedemptions: null, dailyCap: null,
};

export type FieldErrors = Record<string, string>;
export type ReadResult = { ok: true; value: CampaignInput } | { ok: false; errors: FieldErrors };

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

function text(values: FormValues, field: string): string {
  return (values[field] ?? "").trim();
}

function wholeNumber(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** An amount in the shop's currency ("500", "500.00"), as the two-decimal text stored; null when it is not one. */
function amount(raw: string): string | null {
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(raw)) return null;
  const value = Number(raw);
  return value > 0 ? value.toFixed(2) : null;
}

/**
 * The form → a campaign, or every problem at once. `timeZone` is the shop's: dates on the form
 * are the shop's local time, as the merchant reads them in Shopify's admin. The route resolves
 * `ownerStaffId` to the staff member first and fills the owner's name and email from them when
 * the form leaves those empty.
 */
export function readCampaignForm(values: FormValues, timeZone: string, required: RequiredFields = ALL_REQUIRED): ReadResult {
  const errors: FieldErrors = {};
  const fail = (field: string, message: string) => {
    errors[field] ??= message;
  };

  const name = text(values, "name");
  if (!name) fail("name", "Enter a campaign name.");
  else if (name.length > NAME_MAX) fail("name", `Names are at most ${NAME_MAX} characters.`);
  const ownerStaffText = text(values, "ownerStaffId");
  const ownerStaffId = ownerStaffText ? wholeNumber(ownerStaffText) : null;
  if (ownerStaffText && ownerStaffId === null) fail("ownerStaffId", "Choose one of this store's staff as the owner.");
  const ownerName = text(values, "ownerName");
  const ownerNameTooLong = tooLong("The owner's name", ownerName, TEXT_LIMITS.name);
  if (ownerNameTooLong) fail("ownerName", ownerNameTooLong);
  if (!ownerStaffText && !ownerName && required.owner) fail("ownerStaffId", "Your store's policy requires an owner: choose the staff member accountable for this campaign.");
  const ownerEmail = text(values, "ownerEmail").toLowerCase();
  if (ownerEmail.length > TEXT_LIMITS.email || (ownerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(ownerEmail))) fail("ownerEmail", "Enter the owner's email address, or leave it empty.");
  const purpose = text(values, "purpose");
  if (!purpose && required.purpose) fail("purpose", "Say what this campaign is for, so whoever reviews it later knows.");
  else if (purpose.length > PURPOSE_MAX) fail("purpose", `The purpose is at most ${PURPOSE_MAX} characters.`);
  const channel = text(values, "channel");
  if (channel ? !CHANNELS.some((known) => known.value === channel) : required.channel) fail("channel", "Choose a channel.");

  const codeSource = text(values, "codeSource");
  let sharedCode: string | null = null;
  let generatedCount: number | null = null;
  let generatedPrefix: string | null = null;
  let generatedLength: number | null = null;
  let poolId: number | null = null;
  if (codeSource === "shared") {
    const checked = checkCode(text(values, "sharedCode"));
    if (checked.ok) sharedCode = checked.value.code;
    else fail("sharedCode", checked.error);
  } else if (codeSource === "generated") {
    generatedCount = wholeNumber(text(values, "generatedCount"));
    if (generatedCount === null || generatedCount < 1 || generatedCount > GENERATED_COUNT_MAX) {
      fail("generatedCount", `Enter how many codes to generate, from 1 to ${GENERATED_COUNT_MAX.toLocaleString("en-US")}.`);
    }
    generatedPrefix = text(values, "generatedPrefix").toUpperCase();
    generatedLength = wholeNumber(text(values, "generatedLength"));
    const shape = checkGeneratedCodeShape(generatedPrefix, generatedLength);
    for (const [field, message] of Object.entries(shape)) fail(field, message);
  } else if (codeSource === "pool") {
    poolId = wholeNumber(text(values, "poolId"));
    if (poolId === null) fail("poolId", "Choose the coupon pool the codes come from.");
  } else {
    fail("codeSource", "Choose where the codes come from.");
  }

  const startsAt = localDateTimeToInstant(text(values, "startsAt"), timeZone);
  if (!startsAt) fail("startsAt", "Enter when the campaign starts.");
  const endsText = text(values, "endsAt");
  const endsAt = endsText ? localDateTimeToInstant(endsText, timeZone) : null;
  if (endsText && !endsAt) fail("endsAt", "Enter a valid end date and time, or leave it empty.");
  if (startsAt && endsAt && endsAt <= startsAt) fail("endsAt", "The campaign must end after it starts.");

  const usageText = text(values, "usageLimit");
  const usageLimit = usageText ? wholeNumber(usageText) : null;
  if (usageText && (usageLimit === null || usageLimit < 1)) fail("usageLimit", "Enter a total number of uses above 0, or leave it empty for no limit.");

  const money = (field: string, what: string) => {
    const raw = text(values, field);
    const value = raw ? amount(raw) : null;
    if (raw && value === null) fail(field, `Enter ${what} as an amount above 0 like 500.00, or leave it empty for no such budget.`);
    return value;
  };
  const count = (field: string, message: string) => {
    const raw = text(values, field);
    const value = raw ? wholeNumber(raw) : null;
    if (raw && (value === null || value < 1)) fail(field, message);
    return value;
  };
  const budgetDiscount = money("budgetDiscount", "the most the codes may take off in total");
  const budgetRevenue = money("budgetRevenue", "the revenue goal");
  const budgetRedemptions = count("budgetRedemptions", "Enter how many redemptions the campaign may have in total (above 0), or leave it empty.");
  const dailyCap = count("dailyCap", "Enter how many redemptions a day the campaign may have (above 0), or leave it empty for no daily cap.");

  const stackingCategory = text(values, "stackingCategory");
  const priority = Number(text(values, "priority") || "0");
  // The catalogue's own entry check decides what a valid category and priority are.
  for (const issue of catalogueEntryIssues(["PROBE", stackingCategory, priority, "0.00"])) {
    fail(issue.path === "entry[1]" ? "stackingCategory" : "priority", issue.message);
  }

  const { config, issues: parseIssues } = configFromForm(values);
  for (const issue of parseIssues) fail(issue.field, issue.message);
  // Compiling checks everything publishing will need, Shopify's limits included.
  const validation = compileCampaign(config);
  if (!validation.ok) for (const issue of validation.issues) fail(fieldForIssue(issue), issue.message);

  if (Object.keys(errors).length > 0 || !validation.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      ownerStaffId,
      ownerName,
      ownerEmail,
      purpose,
      channel: channel as Channel | "",
      // The stored config is the one the merchant wrote; publishing adds the neutral variables.
      config: config as unknown as CampaignConfig,
      codeSource: codeSource as CodeSource,
      sharedCode,
      generatedCount,
      generatedPrefix,
      generatedLength,
      poolId,
      startsAt: startsAt!,
      endsAt,
      usageLimit,
      oncePerCustomer: values.oncePerCustomer === "true",
      budgetDiscount,
      budgetRevenue,
      budgetRedemptions,
      dailyCap,
      combinesWithProduct: values.combinesWithProduct === "true",
      combinesWithOrder: values.combinesWithOrder === "true",
      combinesWithShipping: values.combinesWithShipping === "true",
      stackingCategory: stackingCategory as StackingCategory,
      priority,
    },
  };
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
