// Dates on the campaign form are the shop's local time ("2026-11-27T09:00"), as the merchant
// reads them in Shopify's admin; Shopify's discount takes instants.

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function zoneOffset(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const wallClock = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wallClock - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A shop-local "YYYY-MM-DDTHH:MM[:SS]" as an instant, or null when it is not one. */
export function localDateTimeToInstant(local: string, timeZone: string): Date | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, Number.isNaN(second) ? 0 : second);
  if (new Date(asUtc).getUTCDate() !== day) return null;
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = asUtc - zoneOffset(new Date(asUtc), timeZone);
  return new Date(asUtc - zoneOffset(new Date(first), timeZone));
}

/** An instant as the shop-local "YYYY-MM-DDTHH:MM" a datetime-local field shows. */
export function instantToLocalDateTime(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + zoneOffset(instant, timeZone)).toISOString().slice(0, 16);
}
