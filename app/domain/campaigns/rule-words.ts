// The rule vocabulary's values in a merchant's words, for the campaign editor and its summary. The
// words are the definitions' own (promo-discount/config: each option's label, what an unset choice
// means); this only reads them, and names countries and times.
import { CART_CONDITIONS, WEEKDAYS, type ArgSchema, type Weekday } from "promo-discount/config";

/** The words for an option of an enum (or list of enums) argument: its label in the definition. */
export function optionWords(schema: ArgSchema<unknown>, option: string): string {
  const choice = schema.kind === "list" && schema.item ? schema.item : schema;
  const index = choice.options?.indexOf(option) ?? -1;
  return (index >= 0 ? choice.optionLabels?.[index] : undefined) ?? option;
}

/** The words for leaving an optional choice unset, when its definition gives them. */
export function unsetWords(schema: ArgSchema<unknown>): string | undefined {
  return schema.unsetLabel;
}

const weekdaysSchema = CART_CONDITIONS.find((condition) => condition.name === "weekdays")!.args.weekdays!;

/** Each weekday's name as the weekdays condition labels it ("Monday"), and its chip's "Mon". */
export const WEEKDAY_WORDS = Object.fromEntries(
  WEEKDAYS.map((day) => {
    const long = optionWords(weekdaysSchema, day);
    return [day, { short: long.slice(0, 3), long }];
  }),
) as Readonly<Record<Weekday, { short: string; long: string }>>;

export { WEEKDAYS };

const regionNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region", fallback: "none" }) : null;

/** A country's name in English ("DE" → "Germany"); the code when the runtime has no name for it. */
export function countryName(code: string): string {
  return (regionNames?.of(code) as string | undefined) ?? code;
}

// Codes Intl names that are not countries a parcel goes to (regions, pseudo-locales, unions).
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AA"]);

let countries: { code: string; name: string }[] | null = null;

/** Every country code the runtime has a name for, sorted by name (the two-letter ISO 3166 codes). */
export function countryChoices(): { code: string; name: string }[] {
  if (countries) return countries;
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const found: { code: string; name: string }[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      if (NOT_COUNTRIES.has(code)) continue;
      const name = regionNames?.of(code);
      if (name && name !== code) found.push({ code, name });
    }
  }
  countries = found.sort((a, b) => a.name.localeCompare(b.name));
  return countries;
}

/** "09:00:00" → "09:00" (what a time field shows) and back. */
export const timeForField = (value: string) => value.slice(0, 5);
export const timeFromField = (value: string) => (/^\d{2}:\d{2}$/.test(value) ? `${value}:00` : value);
