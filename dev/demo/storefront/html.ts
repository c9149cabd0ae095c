// Server-rendered HTML for the demo storefront: a tagged template that escapes every value unless
// it is markup made by `html` itself.
import { DEMO_SHOP } from "../catalogue";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export class Markup {
  constructor(readonly text: string) {}
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

function render(value: unknown): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  return new Markup(strings.reduce((out, text, index) => out + text + (index < values.length ? render(values[index]) : ""), ""));
}

/** Markup that is already safe (rendered Liquid, a built script tag). */
export function trusted(text: string): Markup {
  return new Markup(text);
}

const shopMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: DEMO_SHOP.currencyCode });

export function money(amount: string | number): string {
  return shopMoney.format(Number(amount));
}
