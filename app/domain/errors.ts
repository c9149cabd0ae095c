// What a domain operation answers when it cannot do what was asked, in the domain's own terms: no
// HTTP here. The one boundary (app/features/intents.server.ts) turns each kind into a response.

/** A field → the merchant's message for it; `general` for what belongs to no one field. */
export type FieldErrors = Record<string, string>;

/** The base of every refusal the domain throws on purpose. */
export abstract class DomainError extends Error {
  abstract readonly kind: "invalid" | "not-found" | "conflict" | "refused" | "unavailable";
  constructor(
    message: string,
    /** Which field each problem belongs to (`general` when none). */
    readonly fieldErrors: FieldErrors = { general: message },
    /** A code for programs (the public API, the pages' own handling), e.g. POOL_EMPTY. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input the merchant can fix, one message per field. */
export class InvalidInput extends DomainError {
  readonly kind = "invalid" as const;
  constructor(fieldErrors: FieldErrors) {
    super(Object.values(fieldErrors).join(" "), fieldErrors);
  }
}

/** The thing asked about does not exist in this shop (another shop's looks the same). */
export class NotFound extends DomainError {
  readonly kind = "not-found" as const;
}

/** The current state refuses the request (already decided, archived, a newer version saved…). */
export class Conflict extends DomainError {
  readonly kind = "conflict" as const;
}

/** A rule of the store (not the role: that is checked before) forbids this person doing it. */
export class Refused extends DomainError {
  readonly kind = "refused" as const;
}

/** Something outside the app (Shopify) did not do its part; trying again later may work. */
export class Unavailable extends DomainError {
  readonly kind = "unavailable" as const;
}

/** A refusal whose message belongs to one field of the form (the agency's member, the playbook's
 * name…), not to the page as a whole. */
export function onField<E extends DomainError>(Kind: new (message: string, fieldErrors: FieldErrors) => E, field: string, message: string): E {
  return new Kind(message, { [field]: message });
}

/** The work's value, or the domain's refusal of it as a value: for a step whose refusal is
 * reported as part of a larger outcome (one campaign of a playbook) rather than answered. Anything
 * that is not a refusal is a bug and still throws. */
export async function settle<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: DomainError }> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}
