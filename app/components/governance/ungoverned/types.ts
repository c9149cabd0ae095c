// What the "Not governed by PromoGuard" page receives per discount (dates as ISO strings).
import { formatCount } from "~/lib/format";

export interface DiscountRow {
  id: number;
  title: string;
  summary: string | null;
  method: string;
  discountType: string;
  appTitle: string | null;
  status: string;
  startsAt: string;
  endsAt: string | null;
  usageCount: number;
  usageLimit: number | null;
  codesCount: number;
  codes: string[];
  adoptedAt: string | null;
  ownerName: string | null;
  purpose: string | null;
  channel: string | null;
}

export interface ActionResult {
  ok?: boolean;
  done?: "adopt" | "deactivate" | "refuse" | "import";
  errors?: Record<string, string>;
  warning?: string;
}

export function typeLabel(discount: { method: string; discountType: string; appTitle: string | null }): string {
  const method = discount.method === "CODE" ? "Code" : "Automatic";
  if (discount.appTitle) return `${method} · app: ${discount.appTitle}`;
  return `${method} · ${discount.discountType
    .replace(/^Discount(Code|Automatic)/, "")
    .replace("Bxgy", "Buy X get Y")
    .replace("FreeShipping", "Free shipping")}`;
}

export function codesLabel(discount: DiscountRow): string {
  if (discount.method === "AUTOMATIC") return "—";
  const more = discount.codesCount - discount.codes.length;
  return `${discount.codes.join(", ")}${more > 0 ? ` and ${formatCount(more)} more` : ""}`;
}
