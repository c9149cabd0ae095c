// The pool screens' words for expirations, validity and alerts (numbers and dates: ~/format).
import { formatCount, formatDate } from "~/lib/format";

/** A Pool Expiration instant (the start of the day after the last valid day) as that last day. */
export function formatLastValidDay(value: string | Date | null, timeZone: string): string {
  if (!value) return "No expiration";
  return formatDate(new Date(new Date(value).getTime() - 1), timeZone);
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
