import type { UserErrorRecord } from "./records";

/** Count objects report exact counts (Shopify caps counts at 10,000 by default; the emulator never gets there). */
export const countView = (count: number) => ({ count, precision: "EXACT" });

/**
 * A user error carrying every field of every user-error type the emulator answers with
 * (UserError, DiscountUserError, MetafieldsSetUserError, …): the schema picks what it exposes.
 */
export function userError(field: string[] | null, message: string, code: string | null = null, elementIndex: number | null = null) {
  return { field, message, code, extraInfo: null, elementIndex, elementKey: null };
}

export const userErrorView = (error: UserErrorRecord) => userError(error.field, error.message, error.code);

export const trimmedTags = (tags: readonly string[] | null | undefined): string[] => [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))];
