// The rule vocabulary's values in a merchant's words, for the campaign editor and its summary:
// what each option of an argument means ("lines" → "Each eligible item"), the days of the week,
// countries by name. The values themselves stay the definitions' (promo-discount/config).
import { WEEKDAYS, type Weekday } from "promo-discount/config";

/** Plain words for each option, by the argument that offers it (condition key or effect field). */
export const OPTION_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  appliesTo: { lines: "Each eligible item", order: "The order as a whole" },
  per: { item: "Each eligible item", order: "Once per order" },
  basis: { subtotal: "Amount spent on eligible items", quantity: "Number of eligible items" },
  b2b: { only: "Only business (B2B) buyers", excluded: "Everyone except business (B2B) buyers" },
  deliveryMethods: {
    SHIPPING: "Shipping",
    PICK_UP: "Pickup in store",
    LOCAL: "Local delivery",
    RETAIL: "Retail (point of sale)",
    PICKUP_POINT: "Pickup point",
    NONE: "No delivery (digital items)",
  },
};

/** What an optional choice left unset means, where it is one of the options (appliesTo: items). */
const UNSET_WORDS: Readonly<Record<string, string>> = { appliesTo: OPTION_WORDS.appliesTo.lines, b2b: "Everyone" };

/** The words for leaving an optional choice unset: its default, or "Everyone" for who may buy. */
export function unsetWords(argument: string): string | undefined {
  return UNSET_WORDS[argument.split(".").pop() ?? argument];
}

/** The words for an option, or the option itself when no words were written for it. */
export function optionWords(argument: string, option: string): string {
  const key = argument.split(".").pop() ?? argument;
  return OPTION_WORDS[key]?.[option] ?? option;
}

export const WEEKDAY_WORDS: Readonly<Record<Weekday, { short: string; long: string }>> = {
  mon: { short: "Mon", long: "Monday" },
  tue: { short: "Tue", long: "Tuesday" },
  wed: { short: "Wed", long: "Wednesday" },
  thu: { short: "Thu", long: "Thursday" },
  fri: { short: "Fri", long: "Friday" },
  sat: { short: "Sat", long: "Saturday" },
  sun: { short: "Sun", long: "Sunday" },
};

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
