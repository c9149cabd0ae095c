// Conditions on the whole cart: one test each, and — for the ones the stacking guard checks —
// the sentence the shopper reads when a code is turned away. The admin app's explanations
// ("why did this code not apply") reuse these sentences, so shopper and merchant read the same.
import { UnexpectedInputError, convertShopAmount, formatMoney } from "./money";
import type { Currency } from "./money";
import type { CartCheck, ValueSet } from "./rules";

/** What the checks look at, from either a campaign's or the guard's input. */
export interface CheckFacts {
  cur: Currency;
  rate: number;
  /** null for a guest. */
  orders: number | null;
  business: boolean;
  /** Delivery addresses' countries, or the buyer's localization country before an address is known. */
  countries: string[];
  /** The shop's local date, YYYY-MM-DD. */
  date: string;
  withinHours: boolean;
  /** Answers to the query's customer tags, in order (campaigns only). */
  tags: { h: boolean }[];
  /** Minor units of the lines the check counts (the campaign's eligible lines; the guard: the cart). */
  subtotal: number;
  quantity: number;
  /** How often the customer has used the campaign being checked (the guard sets it per code). */
  uses: number;
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Monday = 0 … Sunday = 6, from the shop's YYYY-MM-DD date; a date that is none is unexpected input. */
export function weekdayIndex(date: string): number {
  const year = +date.slice(0, 4);
  const month = +date.slice(5, 7);
  const day = +date.slice(8, 10);
  if (date.length !== 10 || !(year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) {
    throw new UnexpectedInputError(`shop.localTime.date "${date}" is not a date`);
  }
  // Sakamoto's method: 0 = Sunday.
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  const sunday = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + offsets[month - 1] + day) % 7;
  return (sunday + 6) % 7;
}

/** The first country that is (wanted) or is not in the set; "" when there is none. */
function firstIn(countries: string[], set: ValueSet, wanted: boolean): string {
  for (let k = 0; k < countries.length; k++) if ((set[countries[k]] === 1) === wanted) return countries[k];
  return "";
}

function tagsHeld(tags: { h: boolean }[], from: number, to: number, all: boolean): boolean {
  for (let k = from; k < to; k++) {
    const held = tags[k] !== undefined && tags[k].h === true;
    if (held !== all) return held;
  }
  return all;
}

export function passes(check: CartCheck, facts: CheckFacts): boolean {
  switch (check[0]) {
    case "f":
      return facts.orders === null || facts.orders === 0;
    case "r":
      return facts.orders !== null && facts.orders > 0;
    case "b":
      return facts.business === (check[1] === 1);
    case "ci":
      return firstIn(facts.countries, check[1], false) === "";
    case "cx":
      return firstIn(facts.countries, check[1], true) === "";
    case "ms":
      return facts.subtotal >= convertShopAmount(check[1], facts.rate, facts.cur);
    case "mq":
      return facts.quantity >= check[1];
    case "w":
      return (check[1] & (1 << weekdayIndex(facts.date))) !== 0;
    case "h":
      return facts.withinHours;
    case "ta":
      return tagsHeld(facts.tags, check[1], check[2], false);
    case "tl":
      return tagsHeld(facts.tags, check[1], check[2], true);
    case "n":
      return facts.uses < check[1];
    default:
      throw new UnexpectedInputError("a cart check is not one this function knows");
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Why the cart fails the check, naming the code or offer (`subject`). */
export function checkMessage(check: CartCheck, facts: CheckFacts, subject: string): string {
  switch (check[0]) {
    case "f":
      return `${subject} is for first orders`;
    case "r":
      return facts.orders === null ? `${subject} is for returning customers: log in to use it` : `${subject} is for returning customers`;
    case "b":
      return check[1] === 1 ? `${subject} is for business accounts` : `${subject} isn't available for business accounts`;
    case "ci":
      return `${subject} isn't available for delivery to ${firstIn(facts.countries, check[1], false)}`;
    case "cx":
      return `${subject} isn't available for delivery to ${firstIn(facts.countries, check[1], true)}`;
    case "ms": {
      const minimum = convertShopAmount(check[1], facts.rate, facts.cur);
      return `${subject} needs ${formatMoney(minimum, facts.cur)} of eligible items: add ${formatMoney(minimum - facts.subtotal, facts.cur)} more`;
    }
    case "mq":
      return `${subject} needs ${plural(check[1], "eligible item")}: add ${check[1] - facts.quantity} more`;
    case "w":
      return `${subject} is only valid on ${WEEKDAY_NAMES.filter((_day, index) => (check[1] & (1 << index)) !== 0).join(", ")}`;
    case "n":
      return `You've already used ${subject} ${plural(facts.uses, "time")}: it can be used ${plural(check[1], "time")} per customer`;
    default:
      return `${subject} isn't available for your account`;
  }
}
