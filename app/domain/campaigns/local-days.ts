// Shop-local days as instants, by the IANA time-zone rules (Temporal): a day starts at its first
// instant, which is not always 00:00 — where a daylight-saving change skips midnight (Santiago,
// Havana…) the day starts at 01:00, and a day is 23 or 25 hours long around a change.
// Which day an instant falls on is read with a cached Intl formatter (the same rules, an order of
// magnitude faster than a Temporal conversion: rollups ask it for every order they record).
import { Temporal } from "temporal-polyfill";
import { dateTimeFormat } from "~/lib/format";

/** The shop-local calendar day (YYYY-MM-DD) an instant falls on. */
export function localDayOf(instant: Date, timeZone: string): string {
  return dateTimeFormat({ timeZone, year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA").format(instant);
}

/** The calendar day `by` days after `day` (YYYY-MM-DD; before it when negative), whatever the zone. */
export function nextDay(day: string, by = 1): string {
  return Temporal.PlainDate.from(day).add({ days: by }).toString();
}

/** The first instant of a shop-local day. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds);
}

/** The instants a shop-local day (YYYY-MM-DD) runs between: [start, end), 23 or 25 hours across a change. */
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(day, timeZone), end: startOfLocalDay(nextDay(day), timeZone) };
}

/** The instants the shop-local day of `instant` runs between: [start, end). */
export function localDayBounds(instant: Date, timeZone: string): { day: string; start: Date; end: Date } {
  const day = localDayOf(instant, timeZone);
  return { day, ...dayBounds(day, timeZone) };
}

/** The next shop-local midnight after `instant` (the first instant of the next day). */
export function nextLocalMidnight(instant: Date, timeZone: string): Date {
  return localDayBounds(instant, timeZone).end;
}
