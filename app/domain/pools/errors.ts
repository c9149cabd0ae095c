import { Conflict, InvalidInput } from "~/domain/errors";

/** Input a merchant or an API caller can fix; each message belongs to one form field. */
export class PoolInputError extends InvalidInput {}

/** A request the pool's current state refuses (empty pool, redeemed code, reused key, …). */
export class PoolStateError extends Conflict {
  constructor(
    override readonly reason:
      "POOL_EMPTY" | "IDEMPOTENCY_KEY_REUSED" | "ASSIGNMENT_REVOKED" | "ALREADY_REDEEMED" | "NOT_ASSIGNED" | "IMPORT_ALREADY_STARTED" | "SHOPIFY_UNAVAILABLE",
    message: string,
  ) {
    super(message, { general: message }, reason);
  }
}

type Check = { ok: true; value: unknown } | { ok: false; error: string };
type CheckedValue<C> = C extends { ok: true; value: infer V } ? V : never;
type CheckedValues<T extends Record<string, Check>> = { [K in keyof T]: CheckedValue<T[K]> };

/** Collects the failing checks of a form so that every field shows its own error at once. */
export function collectErrors<T extends Record<string, Check>>(checks: T): CheckedValues<T> {
  const errors: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [field, check] of Object.entries(checks)) {
    if (check.ok) values[field] = check.value;
    else errors[field] = check.error;
  }
  if (Object.keys(errors).length > 0) throw new PoolInputError(errors);
  return values as CheckedValues<T>;
}
