// Email addresses that lead to the same inbox, for the fraud review: one person signing up again
// and again to collect first-order codes usually varies the address in ways the mailbox ignores.

/** Gmail ignores dots in the local part, and googlemail.com is the same service. */
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

/**
 * Throwaway-inbox services (a small, maintained list of the most used ones): an address there
 * belongs to nobody in particular, so several first orders from them deserve a look.
 */
export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set([
  "mailinator.com",
  "guerrillamail.com",
  "guerrillamail.net",
  "guerrillamailblock.com",
  "sharklasers.com",
  "grr.la",
  "10minutemail.com",
  "10minutemail.net",
  "temp-mail.org",
  "tempmail.com",
  "tempmail.net",
  "tempmailo.com",
  "tempr.email",
  "throwawaymail.com",
  "yopmail.com",
  "yopmail.net",
  "getnada.com",
  "nada.email",
  "dispostable.com",
  "maildrop.cc",
  "mailnesia.com",
  "mintemail.com",
  "trashmail.com",
  "trashmail.de",
  "fakeinbox.com",
  "mohmal.com",
  "emailondeck.com",
  "mailcatch.com",
  "spamgourmet.com",
  "moakt.com",
  "burnermail.io",
  "33mail.com",
  "inboxkitten.com",
  "mail.tm",
  "discard.email",
]);

export interface EmailParts {
  local: string;
  domain: string;
}

/** The local part and domain of an address, lower-cased; null when it is not an address. */
export function emailParts(email: string | null | undefined): EmailParts | null {
  if (!email) return null;
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return null;
  return { local: trimmed.slice(0, at), domain: trimmed.slice(at + 1) };
}

/**
 * The inbox an address delivers to: lower-cased, "+anything" dropped (plus-addressing works at
 * Gmail, Outlook, Fastmail, iCloud and most others, so it is dropped for every domain), and for
 * Gmail the dots too, with googlemail.com read as gmail.com. Null when it is not an address.
 */
export function normaliseEmail(email: string | null | undefined): string | null {
  const parts = emailParts(email);
  if (!parts) return null;
  let { local, domain } = parts;
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return local ? `${local}@${domain}` : null;
}

/** True when the address is at a throwaway-inbox service (or a subdomain of one). */
export function isDisposableEmail(email: string | null | undefined): boolean {
  const parts = emailParts(email);
  if (!parts) return false;
  const labels = parts.domain.split(".");
  for (let index = 0; index < labels.length - 1; index++) {
    if (DISPOSABLE_DOMAINS.has(labels.slice(index).join("."))) return true;
  }
  return false;
}

/** An address as the review list shows it: "j***@gmail.com". Redacted customers stay redacted. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return "(no email)";
  if (email.startsWith("redacted:")) return "(redacted)";
  const parts = emailParts(email);
  if (!parts) return "***";
  return `${parts.local[0]}***@${parts.domain}`;
}

/** An IP address as the review list shows it: the network part, the host part hidden. */
export function maskIp(ip: string): string {
  if (ip.includes(":")) {
    const groups = ip.split(":").filter(Boolean);
    return `${groups.slice(0, 3).join(":")}:***`;
  }
  const octets = ip.split(".");
  return octets.length === 4 ? `${octets.slice(0, 3).join(".")}.***` : "***";
}
