// Shop.localTime: the checkout instant read on the shop's wall clock, and the comparisons the
// LocalTime type offers. Arguments are DateTimeWithoutTimezone / TimeWithoutTimezone, so they are
// compared as wall-clock values in the shop's zone, never converted.

/** "2026-11-24T09:30:00" in the shop's zone. */
export interface ShopLocalTime {
  dateTime: string;
}

export function shopLocalTime(now: Date, ianaTimezone: string): ShopLocalTime {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone: ianaTimezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(now);
  } catch {
    throw new Error(`Shop timezone "${ianaTimezone}" is not an IANA time zone`);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";
  return { dateTime: `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}:${part("second")}` };
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;
const TIME = /^(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

/** Normalizes a DateTimeWithoutTimezone argument to "YYYY-MM-DDTHH:MM:SS" so strings compare in time order. */
export function normalizeDateTime(value: unknown, argument: string): string {
  const match = typeof value === "string" ? DATE_TIME.exec(value) : null;
  if (!match) throw new Error(`LocalTime ${argument}: ${JSON.stringify(value)} is not a DateTimeWithoutTimezone ("2026-11-24T09:30:00")`);
  return `${match[1]}T${match[2]}${(match[3] ?? ":00").slice(0, 3)}`;
}

/** Normalizes a TimeWithoutTimezone argument to "HH:MM:SS". */
export function normalizeTime(value: unknown, argument: string): string {
  const match = typeof value === "string" ? TIME.exec(value) : null;
  if (!match) throw new Error(`LocalTime ${argument}: ${JSON.stringify(value)} is not a TimeWithoutTimezone ("09:30:00")`);
  return `${match[1]}${(match[2] ?? ":00").slice(0, 3)}`;
}

export const localDate = (local: ShopLocalTime) => local.dateTime.slice(0, 10);
export const localClock = (local: ShopLocalTime) => local.dateTime.slice(11);
