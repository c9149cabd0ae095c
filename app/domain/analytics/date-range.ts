// The analytics period: inclusive shop-local days in the URL (?from=YYYY-MM-DD&to=YYYY-MM-DD).
// Pure day arithmetic on "YYYY-MM-DD" strings (as UTC dates), so the server and the browser
// agree whatever the browser's own time zone; only "today" depends on the shop's time zone.
import type { DateRange } from "~/domain/analytics/types";
import { dateTimeFormat, formatCount } from "~/lib/format";

export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of a YYYY-MM-DD at UTC midnight, or null when it is not a real day. */
function dayValue(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = Date.UTC(year, month - 1, date);
  return new Date(value).getUTCDate() === date && new Date(value).getUTCMonth() === month - 1 ? value : null;
}

export function isDay(day: string): boolean {
  return dayValue(day) !== null;
}

export function addDays(day: string, days: number): string {
  return new Date(dayValue(day)! + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days in the inclusive range. */
export function daysIn(range: DateRange): number {
  return Math.round((dayValue(range.to)! - dayValue(range.from)!) / DAY_MS) + 1;
}

/** The shop's calendar day at this instant. */
export function shopToday(timeZone: string, now: Date = new Date()): string {
  return dateTimeFormat({ timeZone, year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA").format(now);
}

export function formatDay(day: string, withYear = true): string {
  return dateTimeFormat({ timeZone: "UTC", month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}) }).format(new Date(dayValue(day)!));
}

export type PresetId = "last7" | "last30" | "last90" | "thisMonth";

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: "last7", label: "Last 7 days" },
  { id: "last30", label: "Last 30 days" },
  { id: "last90", label: "Last 90 days" },
  { id: "thisMonth", label: "This month" },
];

/** A preset's range ending on the shop's today. */
export function presetRange(id: PresetId, today: string): DateRange {
  if (id === "thisMonth") return { from: `${today.slice(0, 8)}01`, to: today };
  const days = id === "last7" ? 7 : id === "last30" ? 30 : 90;
  return { from: addDays(today, 1 - days), to: today };
}

/** Which preset the range is, if any (the picker names it instead of its dates). */
export function presetOf(range: DateRange, today: string): PresetId | null {
  return (
    PRESETS.find(({ id }) => {
      const preset = presetRange(id, today);
      return preset.from === range.from && preset.to === range.to;
    })?.id ?? null
  );
}

export function rangeLabel(range: DateRange, today: string): string {
  const preset = presetOf(range, today);
  if (preset) return PRESETS.find(({ id }) => id === preset)!.label;
  if (range.from === range.to) return formatDay(range.from);
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  return `${formatDay(range.from, !sameYear)} – ${formatDay(range.to)}`;
}

export type RangeReading = { ok: true; range: DateRange; explicit: boolean } | { ok: false; error: string };

/**
 * The range the URL asks for: both days or neither (then `fallback`), each a real day, the start
 * not after the end, at most MAX_RANGE_DAYS days.
 */
export function readRange(params: URLSearchParams, fallback: DateRange): RangeReading {
  const from = params.get("from")?.trim() ?? "";
  const to = params.get("to")?.trim() ?? "";
  if (!from && !to) return { ok: true, range: fallback, explicit: false };
  if (!from) return { ok: false, error: "Choose a start date as well as the end date." };
  if (!to) return { ok: false, error: "Choose an end date as well as the start date." };
  if (!isDay(from)) return { ok: false, error: `The start date "${from}" isn't a date. Use the form YYYY-MM-DD, e.g. 2026-11-01.` };
  if (!isDay(to)) return { ok: false, error: `The end date "${to}" isn't a date. Use the form YYYY-MM-DD, e.g. 2026-11-30.` };
  if (from > to) return { ok: false, error: `The start date (${formatDay(from)}) is after the end date (${formatDay(to)}).` };
  const days = daysIn({ from, to });
  if (days > MAX_RANGE_DAYS) {
    return { ok: false, error: `The period covers ${formatCount(days)} days; choose at most ${MAX_RANGE_DAYS} days.` };
  }
  return { ok: true, range: { from, to }, explicit: true };
}

/** The query string of a range, for links and exports that keep the period. */
export function rangeQuery(range: DateRange): string {
  return `from=${range.from}&to=${range.to}`;
}
