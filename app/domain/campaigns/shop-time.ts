// Dates on the campaign form are the shop's local time ("2026-11-27T09:00"), as the merchant
// reads them in Shopify's admin; Shopify's discount takes instants. The IANA rules are Temporal's.
import { Temporal } from "temporal-polyfill";

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A shop-local "YYYY-MM-DDTHH:MM[:SS]" as an instant, or null when it is not one. */
export function localDateTimeToInstant(local: string, timeZone: string): Date | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  let wallClock: Temporal.PlainDateTime;
  try {
    wallClock = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second: Number.isNaN(second) ? 0 : second }, { overflow: "reject" });
  } catch {
    return null;
  }
  // A wall-clock time a daylight-saving change skips reads as the same time after the change
  // (02:30 becomes 03:30); a repeated one as its first occurrence.
  return new Date(wallClock.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds);
}

/** An instant as the shop-local "YYYY-MM-DDTHH:MM" a datetime-local field shows. */
export function instantToLocalDateTime(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: "minute" });
}
