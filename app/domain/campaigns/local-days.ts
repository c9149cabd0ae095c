// Shop-local days as instants, by the IANA time-zone rules (Temporal): a day starts at its first
// instant, which is not always 00:00 — where a daylight-saving change skips midnight (Santiago,
// Havana…) the day starts at 01:00, and a day is 23 or 25 hours long around a change.
import { Temporal } from "temporal-polyfill";

/** The shop-local calendar day (YYYY-MM-DD) an instant falls on. */
export function localDayOf(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** The first instant of a shop-local day. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone }).epochMilliseconds);
}

/** The instants the shop-local day of `instant` runs between: [start, end). */
export function localDayBounds(instant: Date, timeZone: string): { day: string; start: Date; end: Date } {
  const day = localDayOf(instant, timeZone);
  const next = Temporal.PlainDate.from(day).add({ days: 1 }).toString();
  return { day, start: startOfLocalDay(day, timeZone), end: startOfLocalDay(next, timeZone) };
}

/** The next shop-local midnight after `instant` (the first instant of the next day). */
export function nextLocalMidnight(instant: Date, timeZone: string): Date {
  return localDayBounds(instant, timeZone).end;
}
