// A deliberately tiny schema kit: each schema checks a value and reports specific problems with
// their path, and carries enough metadata (kind, hint, options, fields) for the admin app to
// build form fields from it. Small enough to ship inside the function bundle, which must stay
// free of schema libraries.
//
// A problem's message is what the merchant reads under the form field: what to do, in plain
// words ("Enter a percentage between 0.01 and 100."), never the value's internal form or an
// option's internal name. The field's label says which setting it is; the path says which field.

export interface ConfigIssue {
  path: string;
  message: string;
}

export type ArgKind = "money" | "integer" | "percentage" | "text" | "id" | "countryCode" | "localDateTime" | "timeOfDay" | "flag" | "enum" | "list" | "object";

export interface ArgSchema<T> {
  readonly kind: ArgKind;
  /** What a valid value looks like, phrased for a form's help text. */
  readonly hint: string;
  /** What the merchant should do when the value is not valid: the problem's message. */
  readonly fix: string;
  readonly optional: boolean;
  readonly options?: readonly string[];
  /** The options as the merchant reads them, in the same order. */
  readonly optionLabels?: readonly string[];
  readonly item?: ArgSchema<unknown>;
  readonly fields?: Readonly<Record<string, ArgSchema<unknown>>>;
  /** What a form calls the argument, when its key does not say it well enough. */
  readonly label?: string;
  /** What a form adds below the field: how the rule behaves beyond its value. */
  readonly help?: string;
  /** What an optional choice left unset means, in the merchant's words ("Each eligible item"). */
  readonly unsetLabel?: string;
  check(value: unknown, path: string, issues: ConfigIssue[]): value is T;
}

type ObjectShape<T> = { readonly [K in keyof T]-?: ArgSchema<T[K]> };

/** 1000000 → "1,000,000", as the merchant reads a number. */
const count = (value: number) => String(value).replace(/\B(?=(\d{3})+$)/g, ",");

/** "A or B", "A, B or C". */
export function either(words: readonly string[]): string {
  return words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function scalar<T>(
  kind: ArgKind,
  hint: string,
  fix: string,
  accepts: (value: unknown) => boolean,
  options?: readonly string[],
  optionLabels?: readonly string[],
): ArgSchema<T> {
  return {
    kind,
    hint,
    fix,
    optional: false,
    options,
    optionLabels,
    check(value: unknown, path: string, issues: ConfigIssue[]): value is T {
      if (accepts(value)) return true;
      issues.push({ path, message: fix });
      return false;
    },
  };
}

const MONEY_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;
const LOCAL_DATE_TIME_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** A shop-currency amount as a Decimal string ("50.00"); positive unless `allowZero`. */
export function money(options: { allowZero?: boolean } = {}): ArgSchema<string> {
  return scalar(
    "money",
    `an amount like "50.00"${options.allowZero ? "" : " above zero"}`,
    `Enter an amount ${options.allowZero ? "of 0 or more" : "above zero"}, like 50.00.`,
    (value) => typeof value === "string" && MONEY_PATTERN.test(value) && (options.allowZero === true || Number(value) > 0),
  );
}

export function integer(min: number, max: number): ArgSchema<number> {
  return scalar(
    "integer",
    `a whole number from ${min} to ${max}`,
    `Enter a whole number from ${count(min)} to ${count(max)}.`,
    (value) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max,
  );
}

export function percentage(): ArgSchema<number> {
  return scalar(
    "percentage",
    "a percentage above 0 and at most 100, with up to 2 decimals",
    "Enter a percentage between 0.01 and 100, with at most 2 decimals.",
    (value) => typeof value === "number" && Number.isFinite(value) && value > 0 && value <= 100 && Number(value.toFixed(2)) === value,
  );
}

export function text(maxLength: number): ArgSchema<string> {
  return scalar(
    "text",
    `text of 1 to ${maxLength} characters`,
    `Enter 1 to ${count(maxLength)} characters.`,
    (value) => typeof value === "string" && value.trim().length > 0 && value.length <= maxLength,
  );
}

/** A SKU, vendor or tag: text on one line, without control characters. */
export function label(maxLength: number): ArgSchema<string> {
  return scalar(
    "text",
    `text of 1 to ${maxLength} characters`,
    `Enter 1 to ${count(maxLength)} characters on one line.`,
    (value) =>
      typeof value === "string" && value.trim().length > 0 && value.length <= maxLength && ![...value].some((character) => character.charCodeAt(0) < 32),
  );
}

/** A Shopify global id of one resource type, e.g. gid("Product"). */
export function gid(resource: string): ArgSchema<string> {
  const prefix = `gid://shopify/${resource}/`;
  // "ProductVariant" → "product variant": what the merchant picks.
  return scalar(
    "id",
    `a ${resource} id like "${prefix}123"`,
    `Choose a ${resource.replace(/\B([A-Z])/g, " $1").toLowerCase()} from your store.`,
    (value) => typeof value === "string" && value.startsWith(prefix) && /^\d+$/.test(value.slice(prefix.length)),
  );
}

export function countryCode(): ArgSchema<string> {
  return scalar(
    "countryCode",
    'a two-letter country code like "US"',
    "Enter a two-letter country code in capitals, like US.",
    (value) => typeof value === "string" && /^[A-Z]{2}$/.test(value),
  );
}

/** Shop-local date and time without a zone, as `shop.localTime` compares them. */
export function localDateTime(): ArgSchema<string> {
  return scalar(
    "localDateTime",
    'a shop-local date and time like "2026-11-27T09:00:00"',
    "Enter a date and time in the shop's time zone.",
    (value) => typeof value === "string" && LOCAL_DATE_TIME_PATTERN.test(value),
  );
}

export function timeOfDay(): ArgSchema<string> {
  return scalar(
    "timeOfDay",
    'a shop-local time like "09:00:00"',
    "Enter a time of day in hours, minutes and seconds, like 09:00:00.",
    (value) => typeof value === "string" && TIME_OF_DAY_PATTERN.test(value),
  );
}

/** A switch that is either on (`true`) or left out of the config. */
export function flag(): ArgSchema<true> {
  return scalar("flag", "true (leave the key out to switch it off)", "Switch this on, or leave it off.", (value) => value === true);
}

/** One of the options; `labels` are what the merchant reads for each (the form's choices, the message). */
export function oneOf<const T extends string>(options: readonly T[], labels: { readonly [K in T]: string }): ArgSchema<T> {
  const words = options.map((option) => labels[option]);
  return scalar(
    "enum",
    `one of ${options.map((option) => `"${option}"`).join(", ")}`,
    `Choose ${either(words)}.`,
    (value) => typeof value === "string" && (options as readonly string[]).includes(value),
    options,
    words,
  );
}

/** A value fixed by the rule itself (an effect's type): nothing the merchant chooses. */
export function literal<const T extends string>(value: T): ArgSchema<T> {
  return scalar("enum", `"${value}"`, "Leave this as it was: it can't be changed.", (candidate) => candidate === value, [value]);
}

export function list<T>(item: ArgSchema<T>, bounds: { min: number; max: number }): ArgSchema<T[]> {
  const hint = `a list of ${bounds.min} to ${bounds.max} entries, each ${item.hint}`;
  const fix = `Add ${bounds.min === 1 ? "at least one entry" : `${bounds.min} or more entries`}, at most ${count(bounds.max)}.`;
  return {
    kind: "list",
    hint,
    fix,
    optional: false,
    item,
    check(value: unknown, path: string, issues: ConfigIssue[]): value is T[] {
      if (!Array.isArray(value) || value.length < bounds.min) {
        issues.push({ path, message: fix });
        return false;
      }
      if (value.length > bounds.max) {
        const extra = value.length - bounds.max;
        issues.push({ path, message: `Remove ${count(extra)} ${extra === 1 ? "entry" : "entries"}: at most ${count(bounds.max)} fit.` });
        return false;
      }
      const before = issues.length;
      value.forEach((entry, index) => item.check(entry, `${path}[${index}]`, issues));
      return issues.length === before;
    },
  };
}

/** The schema with the note a form shows below it. */
export function explained<T>(schema: ArgSchema<T>, help: string): ArgSchema<T> {
  return { ...schema, help };
}

/** The schema with the label a form shows for it. */
export function labelled<T>(schema: ArgSchema<T>, label: string): ArgSchema<T> {
  return { ...schema, label };
}

export function optional<T>(schema: ArgSchema<T>, unsetLabel?: string): ArgSchema<T | undefined> {
  return {
    ...schema,
    optional: true,
    unsetLabel,
    check: (value: unknown, path: string, issues: ConfigIssue[]): value is T | undefined => value === undefined || schema.check(value, path, issues),
  };
}

/** An object with exactly these keys: unknown keys are reported, so typos never pass silently. */
export function object<T>(fields: ObjectShape<T>): ArgSchema<T> {
  const shape = fields as unknown as Readonly<Record<string, ArgSchema<unknown>>>;
  const fix = "Fill in each part of this setting.";
  return {
    kind: "object",
    hint: "an object",
    fix,
    optional: false,
    fields: shape,
    check(value: unknown, path: string, issues: ConfigIssue[]): value is T {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ path, message: fix });
        return false;
      }
      const before = issues.length;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!(key in shape)) issues.push({ path: joinPath(path, key), message: `Remove “${key}”: this setting has no such part.` });
      }
      for (const [key, schema] of Object.entries(shape)) {
        if (record[key] === undefined && !schema.optional)
          issues.push({ path: joinPath(path, key), message: schema.label ? `Fill in “${schema.label}”. ${schema.fix}` : schema.fix });
        else schema.check(record[key], joinPath(path, key), issues);
      }
      return issues.length === before;
    },
  };
}

export function joinPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
