// Pool Expiration as typed: a calendar date ("2027-12-31") or a timestamp with its offset. What
// the text says, without a time zone, so the Add form can check it in the browser as the pool
// does (pool-expiration.ts then places a date in the pool's time zone and refuses a past one).

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A full timestamp must say which time zone it is in; a bare local time would be ambiguous.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export type ExpirationText = { date: { year: number; month: number; day: number } } | { instant: Date };

/** The date (month 1–12) or instant the text names; null when it names neither. */
export function readExpirationText(text: string): ExpirationText | null {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1).map(Number);
    const calendar = new Date(Date.UTC(year, month - 1, day));
    if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
    return { date: { year, month, day } };
  }
  if (!TIMESTAMP.test(text)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : { instant };
}

export const notADate = (text: string) => `Pool expiration "${text.slice(0, 40)}" is not a date; use a date like 2027-12-31.`;
