// Display formats of the redemption components, with a fixed locale so the server's HTML and
// the browser's first render agree.

export function formatMoney(amount: string, currency: string | null): string {
  const value = Number(amount);
  return currency ? value.toLocaleString("en-US", { style: "currency", currency }) : value.toLocaleString("en-US", { minimumFractionDigits: 2 });
}

export function formatRedeemedAt(value: string | null, timeZone: string): string {
  return value ? new Date(value).toLocaleString("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }) : "Never";
}
