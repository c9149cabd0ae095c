// One convention for every staff page's action. A route declares a table
//   intent → { permission, schema?, run }
// and defineActions turns it into the route's action. The intent travels in the URL
// (`?intent=publish`; a table with a single intent, or a declared default, needs none) so the
// role is checked FIRST: a role without the permission gets 403 { error, permission } before the
// form is read or anything changes. Then the form is read (checked with the entry's zod schema
// when it has one), the entry runs, and whatever the domain refuses (app/domain/errors.ts)
// becomes a response here, in one shape: { ok: false, errors: { field: message, general? } }
// (with `reason`, a code for programs, and `details` when the page shows more than the messages).
// The permission matrix (test/governance/permission-matrix.test.ts) reads these tables.
import { json, type ActionFunctionArgs, type TypedResponse } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { ZodArray, ZodObject, type ZodType, type ZodTypeDef } from "zod";
import { DomainError, type FieldErrors } from "~/domain/errors";
import type { ApplyReport } from "~/domain/agency/apply.server";
import type { Permission } from "~/domain/governance/roles";
import { authenticateStaff, authorize, type StaffContext } from "./access.server";

export type { FieldErrors };

/** What a refusal carries for the page beside its messages, when the page shows more than them:
 * which approval request it is about (its row shows the messages), the playbook's report of what
 * applying it would do (the problems are in it). */
export interface FailureDetails {
  requestId?: number;
  report?: ApplyReport;
}

/** What every refused request answers (besides a 403 for a role, which says which permission). */
export type Failure = { ok: false; errors: FieldErrors; reason?: string; details?: FailureDetails };

export interface IntentArgs<Input> {
  request: Request;
  params: Params;
  /** The signed-in staff member, already authorized for the entry's permission. */
  context: StaffContext;
  /** The posted form (empty for an entry that reads its body itself: `body: "raw"`, or checks its
   * permission in another store first: `permissionIn: "target-store"`). */
  form: FormData;
  /** The form as the entry's schema read it (the form's fields when the entry has no schema). */
  input: Input;
  intent: string;
}

export interface IntentEntry<Input = unknown, Result = unknown> {
  permission: Permission;
  /** The one schema of the form this intent posts: its messages answer field by field. */
  schema?: ZodType<Input, ZodTypeDef, unknown>;
  /** "raw": the entry streams the request body itself (an upload), nothing reads it before. */
  body?: "raw";
  /** "target-store": the permission is checked in the other store the action reaches (an agency
   * applying a playbook), by the entry itself before it reads its form; here only the sign-in. */
  permissionIn?: "target-store";
  run(args: IntentArgs<Input>): Promise<Result>;
}

export type ActionTable = Record<string, IntentEntry<unknown, unknown>>;

type Fields = Record<string, string | undefined>;

/** One entry of a table: without a schema its input is the form's fields; with one, what the
 * schema reads (its type taken from the schema). */
export function intent<Input, Result>(entry: IntentEntry<Input, Result> & { schema: ZodType<Input, ZodTypeDef, unknown> }): IntentEntry<Input, Result>;
export function intent<Result>(entry: Omit<IntentEntry<Fields, Result>, "schema">): IntentEntry<Fields, Result>;
export function intent<Input, Result>(entry: IntentEntry<Input, Result>): IntentEntry<Input, Result> {
  return entry;
}

type Results<T extends ActionTable> = { [K in keyof T]: T[K] extends IntentEntry<infer _I, infer R> ? R : never }[keyof T];

export type IntentAction<T extends ActionTable> = ((args: ActionFunctionArgs) => Promise<Results<T> | TypedResponse<Failure>>) & {
  /** intent → the permission it needs, for the permission matrix and the pages' buttons. */
  intents: { [K in keyof T]: Permission };
};

export const failure = (status: number, errors: FieldErrors, reason?: string, details?: FailureDetails) =>
  json<Failure>({ ok: false, errors, ...(reason ? { reason } : {}), ...(details ? { details } : {}) }, { status });

const STATUS: Record<DomainError["kind"], number> = { invalid: 400, "not-found": 404, conflict: 409, refused: 403, unavailable: 502 };

/**
 * The one place a domain refusal becomes an HTTP answer. Anything else is a bug: rethrown. An entry
 * that catches a refusal itself passes what the page needs with it (`details`), or the field its
 * messages belong to on this page (`field`: one message, e.g. a file's problems on the file).
 */
export function domainErrorResponse(error: unknown, options: { details?: FailureDetails; field?: string } = {}): TypedResponse<Failure> {
  if (!(error instanceof DomainError)) throw error;
  const errors = options.field ? { [options.field]: error.message } : error.fieldErrors;
  return failure(STATUS[error.kind], errors, error.reason, options.details);
}

/** The fields of a form (the last value of a repeated name; files are left out). */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
  return fields;
}

/**
 * The form as the schema expects it: a field the schema declares as a list (z.array) gets every
 * value posted under its name, any other field its value as text. (The one place to swap for
 * @conform-to/zod's parseWithZod, which reads a form the same way.)
 */
export function formInput(form: FormData, schema: ZodType<unknown, ZodTypeDef, unknown>): Record<string, string | string[]> {
  const shape = schema instanceof ZodObject ? (schema.shape as Record<string, unknown>) : {};
  const input: Record<string, string | string[]> = formFields(form);
  for (const [name, field] of Object.entries(shape)) {
    if (field instanceof ZodArray) input[name] = form.getAll(name).filter((value): value is string => typeof value === "string");
  }
  return input;
}

/** A zod failure → one message per field (the first), `general` for the form's own. */
export function zodErrors(issues: readonly { path: readonly (string | number)[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[String(issue.path[0] ?? "general")] ??= issue.message;
  return errors;
}

export function defineActions<T extends ActionTable>(table: T, options: { default?: keyof T & string } = {}): IntentAction<T> {
  const names = Object.keys(table);
  const fallback = options.default ?? (names.length === 1 ? names[0] : null);
  const action = async ({ request, params }: ActionFunctionArgs) => {
    const asked = new URL(request.url).searchParams.get("intent") ?? fallback;
    const entry = asked !== null && Object.hasOwn(table, asked) ? (table[asked] as IntentEntry<unknown, unknown>) : null;
    if (!entry || asked === null) {
      await authenticateStaff(request);
      return failure(400, { general: asked ? `This page can't do "${asked}".` : "Choose what to do with one of the page's buttons." });
    }
    // The role first: nothing is read or changed for a role without the permission.
    const context = entry.permissionIn === "target-store" ? await authenticateStaff(request) : await authorize(request, entry.permission);
    try {
      const form = entry.body === "raw" || entry.permissionIn === "target-store" ? new FormData() : await request.formData();
      let input: unknown = formFields(form);
      if (entry.schema) {
        const parsed = entry.schema.safeParse(formInput(form, entry.schema));
        if (!parsed.success) return failure(400, zodErrors(parsed.error.issues));
        input = parsed.data;
      }
      return await entry.run({ request, params, context, form, input, intent: asked });
    } catch (error) {
      return domainErrorResponse(error);
    }
  };
  const intents = Object.fromEntries(names.map((name) => [name, table[name].permission])) as { [K in keyof T]: Permission };
  return Object.assign(action, { intents }) as IntentAction<T>;
}

/** The 404 a page or action answers for a missing row; another shop's id gets the same. */
export const notFound = (message: string) => failure(404, { general: message });

/**
 * The route's numeric id parameter (`:id`, `:importId`…). Anything that is not one (letters, a
 * negative, an absurd length) is answered like a missing row — a 404 with `message` — so a loader
 * and an action answer it alike, and another shop's id looks exactly the same to the caller.
 */
export function idParam(params: Params, name: string, message: string): number {
  const raw = params[name] ?? "";
  if (!/^\d{1,15}$/.test(raw)) throw notFound(message);
  return Number(raw);
}

/** The row, or the same 404 as idParam's when the shop has none under that id. */
export function found<T>(row: T | null | undefined, message: string): T {
  if (row === null || row === undefined) throw notFound(message);
  return row;
}
