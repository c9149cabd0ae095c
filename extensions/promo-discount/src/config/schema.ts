// A deliberately tiny schema kit: each schema checks a value and reports specific problems with
// their path, and carries enough metadata (kind, hint, options, fields) for the admin app to
// build form fields from it. Small enough to ship inside the function bundle, which must stay
// free of schema libraries.

export interface ConfigIssue {
  path: string;
  message: string;
}

export type ArgKind =
  | "money" | "integer" | "percentage" | "text" | "id" | "countryCode" | "localDateTime"
  | "timeOfDay" | "flag" | "enum" | "list" | "object";

export interface ArgSchema<T> {
  readonly kind: ArgKind;
  /** What a valid value looks like, phrased for an error message or a form's help text. */
  readonly hint: string;
  readonly optional: boolean;
  readonly options?: readonly string[];
  readonly item?: ArgSchema<unknown>;
  readonly fields?: Readonly<Record<string, ArgSchema<unknown>>>;
  /** What a form calls the argument, when its key does not say it well enough. */
  readonly label?: string;
  /** What a form adds below the field: how the rule behaves beyond its value. */
  readonly help?: string;
  check(value: unknown, path: string, issues: ConfigIssue[]): value is T;
}

type ObjectShape<T> = { readonly [K in keyof T]-?: ArgSchema<T[K]> };

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

function scalar<T>(kind: ArgKind, hint: string, accepts: (value: unknown) => boolean, options?: readonly string[]): ArgSchema<T> {
  return {
    kind,
    hint,
    optional: false,
    options,
    check(value: unknown, path: string, issues: ConfigIssue[]): value is T {
      if (accepts(value)) return true;
      issues.push({ path, message: `expected ${hint}, got ${describe(value)}` });
      return false;
    },
  };
}

const MONEY_PATTERN = /^\d{1,12}(\.\d{1,4})?$/;
const LOCAL_DATE_TIME_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** A shop-currency amount as a Decimal string ("50.00"); positive unless `allowZero`. */
export function money(options: { allowZero?: boolean } = {}): ArgSchema<string> {
  return scalar("money", `an amount like "50.00"${options.allowZero ? "" : " above zero"}`, (value) =>
    typeof value === "string" && MONEY_PATTERN.test(value) && (options.allowZero === true || Number(value) > 0));
}

export function integer(min: number, max: number): ArgSchema<number> {
  return scalar("integer", `a whole number from ${min} to ${max}`, (value) =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max);
}

export function percentage(): ArgSchema<number> {
  return scalar("percentage", "a percentage above 0 and at most 100, with up to 2 decimals", (value) =>
    typeof value === "number" && Number.isFinite(value) && value > 0 && value <= 100 && Number(value.toFixed(2)) === value);
}

export function text(maxLength: number): ArgSchema<string> {
  return scalar("text", `text of 1 to ${maxLength} characters`, (value) =>
    typeof value === "string" && value.trim().length > 0 && value.length <= maxLength);
}

/** A SKU, vendor or tag: text on one line, without control characters. */
export function label(maxLength: number): ArgSchema<string> {
  return scalar("text", `text of 1 to ${maxLength} characters`, (value) =>
    typeof value === "string" && value.trim().length > 0 && value.length <= maxLength && ![...value].some((character) => character.charCodeAt(0) < 32));
}

/** A Shopify global id of one resource type, e.g. gid("Product"). */
export function gid(resource: string): ArgSchema<string> {
  const prefix = `gid://shopify/${resource}/`;
  return scalar("id", `a ${resource} id like "${prefix}123"`, (value) =>
    typeof value === "string" && value.startsWith(prefix) && /^\d+$/.test(value.slice(prefix.length)));
}

export function countryCode(): ArgSchema<string> {
  return scalar("countryCode", 'a two-letter country code like "US"', (value) =>
    typeof value === "string" && /^[A-Z]{2}$/.test(value));
}

/** Shop-local date and time without a zone, as `shop.localTime` compares them. */
export function localDateTime(): ArgSchema<string> {
  return scalar("localDateTime", 'a shop-local date and time like "2026-11-27T09:00:00"', (value) =>
    typeof value === "string" && LOCAL_DATE_TIME_PATTERN.test(value));
}

export function timeOfDay(): ArgSchema<string> {
  return scalar("timeOfDay", 'a shop-local time like "09:00:00"', (value) =>
    typeof value === "string" && TIME_OF_DAY_PATTERN.test(value));
}

/** A switch that is either on (`true`) or left out of the config. */
export function flag(): ArgSchema<true> {
  return scalar("flag", "true (leave the key out to switch it off)", (value) => value === true);
}

export function oneOf<const T extends string>(options: readonly T[]): ArgSchema<T> {
  return scalar("enum", `one of ${options.map((option) => `"${option}"`).join(", ")}`,
    (value) => typeof value === "string" && (options as readonly string[]).includes(value), options);
}

export function literal<const T extends string>(value: T): ArgSchema<T> {
  return scalar("enum", `"${value}"`, (candidate) => candidate === value, [value]);
}

export function list<T>(item: ArgSchema<T>, bounds: { min: number; max: number }): ArgSchema<T[]> {
  const hint = `a list of ${bounds.min} to ${bounds.max} entries, each ${item.hint}`;
  return {
    kind: "list",
    hint,
    optional: false,
    item,
    check(value: unknown, path: string, issues: ConfigIssue[]): value is T[] {
      if (!Array.isArray(value) || value.length < bounds.min || value.length > bounds.max) {
        issues.push({ path, message: `expected ${hint}, got ${Array.isArray(value) ? `${value.length} entries` : describe(value)}` });
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

export function optional<T>(schema: ArgSchema<T>): ArgSchema<T | undefined> {
  return {
    ...schema,
    optional: true,
    check: (value: unknown, path: string, issues: ConfigIssue[]): value is T | undefined =>
      value === undefined || schema.check(value, path, issues),
  };
}

/** An object with exactly these keys: unknown keys are reported, so typos never pass silently. */
export function object<T>(fields: ObjectShape<T>): ArgSchema<T> {
  const shape = fields as unknown as Readonly<Record<string, ArgSchema<unknown>>>;
  return {
    kind: "object",
    hint: "an object",
    optional: false,
    fields: shape,
    check(value: unknown, path: string, issues: ConfigIssue[]): value is T {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ path, message: `expected an object, got ${describe(value)}` });
        return false;
      }
      const before = issues.length;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!(key in shape)) issues.push({ path: joinPath(path, key), message: `unknown key (expected one of ${Object.keys(shape).join(", ")})` });
      }
      for (const [key, schema] of Object.entries(shape)) {
        if (record[key] === undefined && !schema.optional) issues.push({ path: joinPath(path, key), message: `is required: ${schema.hint}` });
        else schema.check(record[key], joinPath(path, key), issues);
      }
      return issues.length === before;
    },
  };
}

export function joinPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
