// How PromoGuard writes numbers, money, shares, dates and plurals for merchants: one module for
// the screens, the emails and the domain's messages. The locale is fixed (en-US), so the server's
// HTML and the browser's first render are identical; dates are written in the shop's time zone.
// Intl formatters are cached per options: building one costs tens of microseconds.

const LOCALE = "en-US";

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A cached Intl.DateTimeFormat (throws a RangeError for a time zone Intl does not know). */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions, locale = LOCALE): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

const pluralRules = new Intl.PluralRules(LOCALE);

/** 1234 → "1,234". */
export function formatCount(value: number): string {
  return numberFormat().format(value);
}

/** "3 lines", "1 line", "1,200 codes": the count and the word in its number. */
export function plural(count: number, one: string, other: string): string {
  return `${formatCount(count)} ${pluralRules.select(count) === "one" ? one : other}`;
}

/**
 * An amount in a currency, "$1,234.50"; "—" for no amount. Without a currency (the shop's is not
 * known yet) or with one Intl does not know, the amount with two decimals ("1,234.50", "12.00 XYZ").
 */
export function formatMoney(amount: string | number | null, currency: string | null): string {
  if (amount === null) return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!currency) return numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  try {
    return numberFormat({ style: "currency", currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** 0.123 → "+12.3%"; null → "—". */
export function formatLift(lift: number | null): string {
  if (lift === null || !Number.isFinite(lift)) return "—";
  const percent = (lift * 100).toFixed(1);
  return `${lift > 0 ? "+" : ""}${percent}%`;
}

/** part ÷ whole as "25%" (one decimal below 10%); "—" without a whole. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return "—";
  const percent = (part / whole) * 100;
  return `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** An instant on the shop's clock, "Nov 22, 2026, 9:05 AM"; `empty` when there is none. */
export function formatDateTime(value: string | Date | null, timeZone: string, empty = "—"): string {
  if (!value) return empty;
  return dateTimeFormat({ timeZone, dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

/** An instant's day on the shop's calendar, "Nov 22, 2026" ("November 22, 2026" in long style). */
export function formatDate(value: string | Date, timeZone: string, style: "medium" | "long" = "medium"): string {
  return dateTimeFormat({ timeZone, dateStyle: style }).format(new Date(value));
}
