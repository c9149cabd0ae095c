/**
 * Keyset ("seek") pagination: a page continues after or before the sort key of a row instead of
 * skipping N rows, so page 20,000 of a million coupons costs what page 1 costs. Cursors are the
 * sort keys, opaque to the browser.
 */
export interface PageRequest {
  after?: string | null;
  before?: string | null;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

export type Direction = "after" | "before";

/**
 * Fetches rows strictly after (ascending) or before (nearest first, i.e. descending) `key`, or
 * from the start of the order when key is null. At most `limit` rows.
 */
export type SeekRows<T, K> = (direction: Direction, key: K | null, limit: number) => T[];

export interface Keyset<T, K> {
  seek: SeekRows<T, K>;
  keyOf: (item: T) => K;
  /** Whether a decoded cursor has the key's shape (cursors come back from the browser). */
  isKey: (value: unknown) => value is K;
}

export const DEFAULT_PAGE_SIZE = 50;

export function keysetPage<T, K>(request: PageRequest, { seek, keyOf, isKey }: Keyset<T, K>): Page<T> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const before = decodeCursor(request.before, isKey);
  if (before !== null) {
    const rows = seek("before", before, limit + 1);
    const items = rows.slice(0, limit).reverse();
    return {
      items,
      previousCursor: rows.length > limit ? encodeCursor(keyOf(items[0])) : null,
      nextCursor: items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null,
    };
  }
  const after = decodeCursor(request.after, isKey);
  const rows = seek("after", after, limit + 1);
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null,
    previousCursor: after !== null && items.length > 0 ? encodeCursor(keyOf(items[0])) : null,
  };
}

function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** A malformed cursor (edited by hand, from an old version) starts from the beginning. */
function decodeCursor<K>(cursor: string | null | undefined, isKey: (value: unknown) => value is K): K | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    return isKey(key) ? key : null;
  } catch {
    return null;
  }
}

/** The half-open range of keys that start with `prefix` ("ab" → ["ab", "ab\u{10FFFF}")). */
export function prefixRange(prefix: string) {
  return { from: prefix, to: `${prefix}\u{10FFFF}` };
}
