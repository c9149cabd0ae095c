// The playbook document: what one version of a playbook holds, and the JSON file agencies export
// and import (their own repositories keep it). Campaigns are PromoGuard campaigns with every
// store-dependent value replaced by { "$var": key }; the variables say what each stands for.
import { z } from "zod";
import { CHANNELS, CODE_SOURCES, STACKING_CATEGORIES } from "~/domain/campaigns/campaign-input";
import { templateProblems } from "./templates";
import { variableProblem } from "./variables";

export const PLAYBOOK_FORMAT = "promoguard.playbook";
export const PLAYBOOK_FORMAT_VERSION = 1;
/** An imported file larger than this is refused before it is read. */
export const PLAYBOOK_FILE_MAX_BYTES = 1_000_000;
export const PLAYBOOK_NAME_MAX = 100;
const MAX_CAMPAIGNS = 50;
const MAX_VARIABLES = 1000;
const MAX_POOLS = 50;

const values = <T extends readonly { value: string }[]>(list: T) => list.map((entry) => entry.value) as [T[number]["value"], ...T[number]["value"][]];

const variableRef = z.object({ $var: z.string() }).strict();
const key = z.string().regex(/^[a-z0-9][a-z0-9.:_-]{0,199}$/, "must be lower-case letters, digits, dots, colons, dashes or underscores");
const label = z.string().trim().min(1).max(255);
const count = z.number().int().positive().max(1_000_000_000);

const variableSchema = z.discriminatedUnion("kind", [
  z.object({ key, label, kind: z.literal("money"), amount: z.string(), convert: z.boolean() }).strict(),
  z.object({ key, label, kind: z.literal("date"), daysAfterApply: z.number() }).strict(),
  z.object({ key, label, kind: z.literal("collection"), handle: z.string() }).strict(),
  z.object({ key, label, kind: z.literal("product"), handle: z.string() }).strict(),
  z.object({ key, label, kind: z.literal("variant"), sku: z.string() }).strict(),
  z.object({ key, label, kind: z.literal("code"), value: z.string() }).strict(),
  z.object({ key, label, kind: z.literal("codePrefix"), value: z.string() }).strict(),
]);

const campaignSchema = z
  .object({
    key,
    name: z.string().trim().min(1).max(255),
    purpose: z.string().max(500),
    channel: z.enum(["", ...values(CHANNELS)]),
    codeSource: z.enum(values(CODE_SOURCES)),
    sharedCode: variableRef.nullable(),
    generatedPrefix: variableRef.nullable(),
    generatedCount: count.nullable(),
    generatedLength: count.nullable(),
    poolName: z.string().nullable(),
    startsAt: variableRef,
    endsAt: variableRef.nullable(),
    usageLimit: count.nullable(),
    oncePerCustomer: z.boolean(),
    budgetDiscount: variableRef.nullable(),
    budgetRevenue: variableRef.nullable(),
    budgetRedemptions: count.nullable(),
    dailyCap: count.nullable(),
    combinesWithProduct: z.boolean(),
    combinesWithOrder: z.boolean(),
    combinesWithShipping: z.boolean(),
    stackingCategory: z.enum(values(STACKING_CATEGORIES)),
    priority: z.number().int(),
    config: z.record(z.unknown()),
  })
  .strict();

const poolSchema = z
  .object({ name: z.string().trim().min(1).max(100), lowStockAlertEnabled: z.boolean(), lowStockThreshold: z.number().int().min(0).max(10_000_000) })
  .strict();

const percentLimit = z.number().positive().max(100).nullable();

const policySchema = z
  .object({
    maxPercentWithoutApproval: percentLimit,
    maxAmountWithoutApproval: variableRef.nullable(),
    requireEndDate: z.boolean(),
    maxDurationDays: z.number().int().min(1).max(9999).nullable(),
    freeShippingNeedsApproval: z.boolean(),
    unlimitedUseNeedsApproval: z.boolean(),
    ungatedNeedsApproval: z.boolean(),
    requireOwner: z.boolean(),
    requirePurpose: z.boolean(),
    requireChannel: z.boolean(),
    maxCombinedDepthPercent: percentLimit,
  })
  .strict();

const documentSchema = z
  .object({
    format: z.literal(PLAYBOOK_FORMAT),
    formatVersion: z.literal(PLAYBOOK_FORMAT_VERSION),
    name: z.string().trim().min(1).max(PLAYBOOK_NAME_MAX),
    description: z.string().max(2000),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code such as USD"),
    variables: z.array(variableSchema).max(MAX_VARIABLES),
    campaigns: z.array(campaignSchema).max(MAX_CAMPAIGNS),
    pools: z.array(poolSchema).max(MAX_POOLS),
    policy: policySchema.nullable(),
  })
  .strict();

export type PlaybookDocument = z.infer<typeof documentSchema>;
export type CampaignTemplate = PlaybookDocument["campaigns"][number];
export type PoolTemplate = PlaybookDocument["pools"][number];
export type PolicyTemplate = NonNullable<PlaybookDocument["policy"]>;

// ---------------------------------------------------------------------------------------------
// Problems in plain words

const WORDS: Record<string, string> = { string: "text", number: "a number", boolean: "true or false", object: "an object", array: "a list", null: "null" };

function zodMessage(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined" ? "is missing" : `needs ${WORDS[issue.expected] ?? issue.expected}`;
    case "invalid_literal":
      return `must be ${JSON.stringify(issue.expected)}`;
    case "unrecognized_keys":
      return `has fields PromoGuard doesn't know: ${issue.keys.join(", ")}`;
    case "invalid_enum_value":
      return `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(", ")}`;
    case "invalid_union_discriminator":
      return `needs a "kind" among ${issue.options.map((option) => JSON.stringify(option)).join(", ")}`;
    case "too_small":
      return issue.type === "string" ? (issue.minimum === 1 ? "is empty" : `needs at least ${issue.minimum} characters`) : `must be at least ${issue.minimum}`;
    case "too_big":
      return issue.type === "string"
        ? `is longer than ${issue.maximum} characters`
        : issue.type === "array"
          ? `has more than ${issue.maximum} entries`
          : `must be at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** Where in the file, as a person finds it: "campaign 2 (“Summer sale”), channel". */
function where(path: (string | number)[], raw: unknown): string {
  const [section, index, ...rest] = path;
  const entry = typeof index === "number" ? (raw as Record<string, unknown[]> | null)?.[section as string]?.[index] : undefined;
  const named = (noun: string, name: unknown) => `${noun} ${(index as number) + 1}${typeof name === "string" && name ? ` (“${name}”)` : ""}`;
  const head =
    section === "campaigns" && typeof index === "number"
      ? named("campaign", (entry as { name?: unknown } | undefined)?.name)
      : section === "variables" && typeof index === "number"
        ? named("variable", (entry as { label?: unknown } | undefined)?.label)
        : section === "pools" && typeof index === "number"
          ? named("pool", (entry as { name?: unknown } | undefined)?.name)
          : section === undefined
            ? "the file"
            : String(section);
  const tail = (typeof index === "number" ? rest : [index, ...rest]).filter((part) => part !== undefined).join(".");
  return tail ? `${head}, ${tail}` : head;
}

export type DocumentReading = { ok: true; document: PlaybookDocument } | { ok: false; problems: string[] };

/** A document from anywhere (a file, the database): its shape, then what it means. */
export function readPlaybookDocument(raw: unknown): DocumentReading {
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.slice(0, 20).map((issue) => `In ${where(issue.path, raw)}: ${zodMessage(issue)}.`) };
  const document = parsed.data;
  const variableProblems = document.variables.flatMap((variable, index) => {
    const problem = variableProblem(variable);
    return problem ? [`In ${where(["variables", index, variable.kind === "money" ? "amount" : "value"], document)}: ${problem}`] : [];
  });
  // Campaigns are checked with their variables' values: only once those are right.
  const problems = variableProblems.length > 0 ? variableProblems : templateProblems(document);
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, document };
}

/** An uploaded file's text → a document, or why not. */
export function parsePlaybookFile(text: string): DocumentReading {
  if (Buffer.byteLength(text, "utf8") > PLAYBOOK_FILE_MAX_BYTES)
    return {
      ok: false,
      problems: [
        `The file is larger than ${PLAYBOOK_FILE_MAX_BYTES / 1_000_000} MB; a playbook file is much smaller. Choose the JSON file PromoGuard exported.`,
      ],
    };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: ["The file isn't JSON. Choose the .json file PromoGuard exported for a playbook."] };
  }
  if (typeof raw !== "object" || raw === null || (raw as { format?: unknown }).format !== PLAYBOOK_FORMAT) {
    return { ok: false, problems: [`This isn't a PromoGuard playbook file (it has no "format": "${PLAYBOOK_FORMAT}").`] };
  }
  return readPlaybookDocument(raw);
}

/** The document as the exported file holds it: stable key order, indented for diffs. */
export function playbookFile(document: PlaybookDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A stored version's document (written by PromoGuard, so it reads; anything else is a bug). */
export function storedDocument(json: string): PlaybookDocument {
  const reading = readPlaybookDocument(JSON.parse(json));
  if (!reading.ok) throw new Error(`A stored playbook version no longer reads: ${reading.problems.join(" ")}`);
  return reading.document;
}
