// The input rules of coupon pools, one function per kind of value, each returning the clean value
// or a message a merchant can act on. Imports, forms and the assignment API all use these; the
// pool forms' schemas (at the end) are made of them, so a form checked in the browser and the
// same form read by its action give the same message on the same field.
import { z } from "zod";
import { codeKey } from "~/shopify/code-key";
import { formField, formFlag, formRecordId, mistake, readForm } from "~/domain/form-schema";
import { PoolInputError } from "./errors";
import { notADate, readExpirationText } from "./expiration-text";

export const POOL_NAME_MAX_LENGTH = 100;
export const CODE_MAX_LENGTH = 255;
export const MESSAGE_MAX_LENGTH = 500;
export const VALIDITY_DAYS_MAX = 3650;
export const THRESHOLD_MAX = 10_000_000;
const EMAIL_MAX_LENGTH = 254;
const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(error: string): Checked<T> => ({ ok: false, error });

/** A pool name and the lower-cased key that makes names unique per shop regardless of case. */
export function checkPoolName(raw: string): Checked<{ name: string; key: string }> {
  const name = raw.trim();
  if (!name) return fail("Enter a pool name.");
  if (name.length > POOL_NAME_MAX_LENGTH) {
    return fail(`Pool names are at most ${POOL_NAME_MAX_LENGTH} characters (this one has ${name.length}).`);
  }
  return ok({ name, key: name.toLowerCase() });
}

// Whitespace, control characters and invisible format characters (zero-width space, BOM, …):
// none of them can be typed at checkout, so a code containing one could never be redeemed.
const FORBIDDEN_IN_CODE = /[\s\p{Cc}\p{Cf}]/u;

/**
 * A coupon code, trimmed and in NFC (the form a shopper's keyboard produces), and its key: the
 * code compared as Shopify compares codes (app/shopify/code-key.ts), so "WELCOME10" and
 * "welcome10" are one code while "straße" and "STRASSE" are two.
 */
export function checkCode(raw: string): Checked<{ code: string; key: string }> {
  const code = raw.trim().normalize("NFC");
  if (!code) return fail("Code is empty.");
  // Characters, not UTF-16 units; counting them is only needed when the units exceed the limit.
  const length = code.length > CODE_MAX_LENGTH ? [...code].length : code.length;
  if (length > CODE_MAX_LENGTH) {
    return fail(`Code is ${length} characters long; codes are at most ${CODE_MAX_LENGTH}.`);
  }
  if (FORBIDDEN_IN_CODE.test(code)) {
    return fail("Code contains a space, line break or invisible character.");
  }
  return ok({ code, key: codeKey(code) });
}

export function checkMessage(raw: string | null | undefined): Checked<string | null> {
  const message = raw?.trim() ?? "";
  if (!message) return ok(null);
  if (message.length > MESSAGE_MAX_LENGTH) {
    return fail(`Message is ${message.length} characters long; messages are at most ${MESSAGE_MAX_LENGTH}.`);
  }
  return ok(message);
}

/** User Expiration: whole days an assigned code stays valid; empty means it does not expire. */
export function checkValidityDays(raw: string | number | null | undefined): Checked<number | null> {
  const text = String(raw ?? "").trim();
  if (!text) return ok(null);
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > VALIDITY_DAYS_MAX) {
    return fail(`User expiration must be a whole number of days from 1 to ${VALIDITY_DAYS_MAX}, not "${text}".`);
  }
  return ok(days);
}

export function checkThreshold(raw: string | number | null | undefined): Checked<number> {
  const text = String(raw ?? "").trim();
  const threshold = Number(text);
  if (!text || !Number.isInteger(threshold) || threshold < 1 || threshold > THRESHOLD_MAX) {
    return fail(`Enter a whole number of coupons from 1 to ${THRESHOLD_MAX.toLocaleString("en-US")}.`);
  }
  return ok(threshold);
}

/** Emails are stored lower-cased: mail providers and Shopify treat them case-insensitively. */
export function checkEmail(raw: string | null | undefined): Checked<string> {
  const email = raw?.trim().toLowerCase() ?? "";
  if (!email) return fail("Enter an email address.");
  if (email.length > EMAIL_MAX_LENGTH || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return fail(`"${email.slice(0, 60)}" is not an email address.`);
  }
  return ok(email);
}

/** Where an assignment came from: manual, api, flow, post_purchase, … */
export function checkSource(raw: string | null | undefined): Checked<string> {
  const source = raw?.trim() ?? "";
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(source)) {
    return fail(`Source must be a short lower-case name such as "manual" or "api", not "${source.slice(0, 40)}".`);
  }
  return ok(source);
}

export function checkIdempotencyKey(raw: string | null | undefined): Checked<string | null> {
  const key = raw?.trim() ?? "";
  if (!key) return ok(null);
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    return fail(`Idempotency keys are at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`);
  }
  return ok(key);
}

/** Limits of what an API caller may attach to an assignment (the public API's schema cites them). */
export const METADATA_MAX_BYTES = 2048;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d{1,20})$/;

/** A Shopify customer, by its numeric id or its GID; stored as the GID, as Shopify's webhooks name it. */
export function checkCustomerId(raw: string | number | null | undefined): Checked<string | null> {
  const text = String(raw ?? "").trim();
  if (!text) return ok(null);
  const id = /^\d{1,20}$/.test(text) ? text : CUSTOMER_GID.exec(text)?.[1];
  if (!id) return fail(`Customer id must be a Shopify customer id such as 7294713323 or gid://shopify/Customer/7294713323, not "${text.slice(0, 60)}".`);
  return ok(`gid://shopify/Customer/${id}`);
}

/** The caller's own notes about an assignment: a JSON object of at most METADATA_MAX_BYTES. */
export function checkMetadata(raw: Record<string, unknown> | null | undefined): Checked<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw !== "object" || Array.isArray(raw)) return fail("Metadata must be a JSON object.");
  const json = JSON.stringify(raw);
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > METADATA_MAX_BYTES) return fail(`Metadata is ${bytes} bytes as JSON; it may be at most ${METADATA_MAX_BYTES}.`);
  return json === "{}" ? ok(null) : ok(json);
}

// ---------------------------------------------------------------------------------------------
// The pool forms' schemas, one per form, shared by the action (through readPoolForm) and the form.

/** A form field checked by one of the rules above. */
function ruleField<T>(check: (text: string) => Checked<T>) {
  return formField((text) => {
    const checked = check(text);
    return checked.ok ? checked.value : mistake(checked.error);
  });
}

/** "Create Coupon Pool" and "Edit pool name". */
export const poolNameFormSchema = z.object({ name: ruleField(checkPoolName) });

/** Coupon Availability Alerts: the switch and the threshold. */
export const alertSettingsFormSchema = z.object({ enabled: formFlag, threshold: ruleField(checkThreshold) });

/**
 * Active Coupons' "Add" form. Pool Expiration must name a date; whether that date is already past
 * depends on the pool's time zone, which the pool checks when the code is added (checkPoolExpiration).
 */
export const addCouponFormSchema = z.object({
  code: ruleField(checkCode),
  message: ruleField(checkMessage),
  poolExpiration: formField((text) => (!text || readExpirationText(text) ? text : mistake(notADate(text)))),
  userExpirationDays: ruleField(checkValidityDays),
});

/** Assigned History's "Assign a coupon to an email" (and a repeat of it under the same key). */
export const assignmentFormSchema = z.object({ email: ruleField(checkEmail), idempotencyKey: ruleField(checkIdempotencyKey) });

/** Assigned History's "Revoke": the assignment taken back. */
export const revokeAssignmentFormSchema = z.object({ assignmentId: formRecordId });

/** The form's values with its schema; a problem throws PoolInputError with every field's message. */
export function readPoolForm<Schema extends z.ZodTypeAny>(schema: Schema, values: Record<string, string>): z.output<Schema> {
  const read = readForm(schema, values);
  if (!read.ok) throw new PoolInputError(read.errors);
  return read.value;
}
