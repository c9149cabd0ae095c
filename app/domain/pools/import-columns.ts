import { ImportRejected } from "./import-source";
import { checkCode, checkMessage, checkValidityDays, type Checked } from "./rules";

type Field = "code" | "message" | "poolExpiration" | "userExpirationDays";

// Header names people use for each column, compared without case, spaces or punctuation.
const HEADER_NAMES: Record<Field, string[]> = {
  code: ["code", "codes", "couponcode", "coupon", "discountcode", "promocode", "voucher", "vouchercode"],
  message: ["message", "note", "notes", "description"],
  poolExpiration: ["poolexpiration", "expiration", "expirationdate", "expires", "expiresat", "expiry", "expirydate", "validuntil", "enddate"],
  userExpirationDays: ["userexpiration", "userexpirationdays", "validfordays", "validitydays", "validdays", "daysvalid"],
};

export const HEADER_HELP =
  "Name the columns code (required), message, pool_expiration (a date such as 2027-12-31) and " +
  "user_expiration_days (how many days a code stays valid after it is assigned). A file of one column needs no header.";

export interface Columns {
  /** Whether the first record is a header row (and not a code). */
  hasHeader: boolean;
  index: Partial<Record<Field, number>> & { code: number };
}

/**
 * Reads the first record: a header naming a code column (plus optional message and expiry
 * columns), or — for a file of a single column without a header — the first code.
 */
export function detectColumns(first: string[]): Columns {
  const index: Partial<Record<Field, number>> = {};
  first.forEach((cell, position) => {
    const name = cell.toLowerCase().replace(/[^a-z0-9]/g, "");
    const field = (Object.keys(HEADER_NAMES) as Field[]).find((candidate) => HEADER_NAMES[candidate].includes(name));
    if (field && index[field] === undefined) index[field] = position;
  });
  if (index.code !== undefined) return { hasHeader: true, index: { ...index, code: index.code } };
  if (Object.keys(index).length > 0 || first.length > 1) {
    throw new ImportRejected(`The file has no code column. ${HEADER_HELP}`);
  }
  return { hasHeader: false, index: { code: 0 } };
}

export interface CouponRow {
  code: string;
  codeKey: string;
  message: string | null;
  expiresAt: Date | null;
  validityDays: number | null;
}

export type RowVerdict = { ok: true; row: CouponRow } | { ok: false; reason: string } | { ok: "blank" };

/** Checks one data record against the same rules as the Add form. */
export function readRecord(record: string[], columns: Columns, checkPoolExpiration: (raw: string | undefined) => Checked<Date | null>): RowVerdict {
  if (record.every((cell) => cell.trim() === "")) return { ok: "blank" };
  const cell = (field: Field) => {
    const position = columns.index[field];
    return position === undefined ? undefined : record[position];
  };
  const code = checkCode(cell("code") ?? "");
  if (!code.ok) return { ok: false, reason: code.error };
  const message = checkMessage(cell("message"));
  if (!message.ok) return { ok: false, reason: message.error };
  const expiresAt = checkPoolExpiration(cell("poolExpiration"));
  if (!expiresAt.ok) return { ok: false, reason: expiresAt.error };
  const validityDays = checkValidityDays(cell("userExpirationDays"));
  if (!validityDays.ok) return { ok: false, reason: validityDays.error };
  return {
    ok: true,
    row: {
      code: code.value.code,
      codeKey: code.value.key,
      message: message.value,
      expiresAt: expiresAt.value,
      validityDays: validityDays.value,
    },
  };
}
