// Display formats shared by the pool screens. Dates show in the shop's time zone with a fixed
// locale, so the server's HTML and the browser's first render agree.

export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

export function formatDateTime(value: string | Date | null, timeZone: string): string {
  if (!value) return "—";
  return new Date(value).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
}

/** A Pool Expiration instant (the start of the day after the last valid day) as that last day. */
export function formatLastValidDay(value: string | Date | null, timeZone: string): string {
  if (!value) return "No expiration";
  return new Date(new Date(value).getTime() - 1).toLocaleDateString("en-US", { timeZone, dateStyle: "medium" });
}

export function formatValidity(days: number | null): string {
  if (days === null) return "No limit";
  return days === 1 ? "1 day after assignment" : `${formatCount(days)} days after assignment`;
}

export { ALERT_TITLES } from "~/domain/pools/alert-titles";

export const ALERT_TONES = {
  EMPTY: "critical",
  BELOW_THRESHOLD: "warning",
  RUNNING_OUT: "warning",
} as const;
