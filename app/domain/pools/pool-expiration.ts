import { Temporal } from "temporal-polyfill";
import { startOfLocalDay } from "~/domain/campaigns/local-days";
import { notADate, readExpirationText } from "./expiration-text";
import type { Checked } from "./rules";

/**
 * Pool Expiration: a date ("2027-12-31", the code can be handed out through the end of that day
 * in the shop's time zone) or a timestamp with its offset. Empty means the code never expires.
 */
export function checkPoolExpiration(raw: string | null | undefined, timeZone: string, now: Date): Checked<Date | null> {
  const text = raw?.trim() ?? "";
  if (!text) return { ok: true, value: null };
  const expiresAt = parseExpiration(text, timeZone);
  if (!expiresAt) {
    return { ok: false, error: notADate(text) };
  }
  if (expiresAt <= now) {
    return { ok: false, error: `Pool expiration ${text} is already past.` };
  }
  return { ok: true, value: expiresAt };
}

/**
 * checkPoolExpiration for many rows of one import: files repeat a handful of dates, and time
 * zone arithmetic is the costly part, so results are remembered (up to a bound).
 */
export function poolExpirationChecker(timeZone: string, now: Date): (raw: string | null | undefined) => Checked<Date | null> {
  const remembered = new Map<string, Checked<Date | null>>();
  return (raw) => {
    const text = raw?.trim() ?? "";
    let checked = remembered.get(text);
    if (!checked) {
      checked = checkPoolExpiration(text, timeZone, now);
      if (remembered.size >= 10_000) remembered.clear();
      remembered.set(text, checked);
    }
    return checked;
  };
}

function parseExpiration(text: string, timeZone: string): Date | null {
  const read = readExpirationText(text);
  if (!read) return null;
  if ("instant" in read) return read.instant;
  // Through the end of that day: the start of the next one.
  return startOfDayInZone(read.date.year, read.date.month - 1, read.date.day + 1, timeZone);
}

/** The instant a calendar day begins in a time zone (month is 0-based; days may overflow). */
export function startOfDayInZone(year: number, month: number, day: number, timeZone: string): Date {
  return startOfLocalDay(
    Temporal.PlainDate.from({ year, month: 1, day: 1 })
      .add({ months: month, days: day - 1 })
      .toString(),
    timeZone,
  );
}
