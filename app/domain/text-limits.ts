// The longest free text PromoGuard keeps from a person, by kind of field. Every typed field is
// checked against one of these on the server before anything is saved: what a form sends is also
// copied into the append-only audit log, where it stays.
export const TEXT_LIMITS = { name: 255, email: 254, note: 2_000, reason: 1_000 } as const;
import { formatCount } from "~/lib/format";

/** The message for a field whose text is over its limit, or null when it fits. */
export function tooLong(label: string, text: string, limit: number): string | null {
  if (text.length <= limit) return null;
  return `${label} is ${formatCount(text.length)} characters long; keep it to ${formatCount(limit)}.`;
}
