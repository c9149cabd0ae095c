import { json } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { PoolInputError, PoolStateError } from "~/domain/pools/errors";
import { findPool, type Pool } from "~/domain/pools/pools.server";
import { poolStore, type PoolStore } from "~/domain/pools/store.server";
import { authenticate } from "~/shopify.server";

// Plumbing shared by the pool routes: who is asking, which of their pools, and how domain errors
// become responses.

/**
 * Authenticates the admin and loads the pool named by the URL's :id among the session shop's
 * pools. Another shop's pool id is answered exactly like a missing one: 404.
 */
export async function requirePool(request: Request, params: Params): Promise<{ pool: Pool; store: PoolStore }> {
  const { session } = await authenticate.admin(request);
  const store = poolStore();
  const id = /^\d{1,15}$/.test(params.id ?? "") ? Number(params.id) : NaN;
  const pool = await findPool(store, session.shop, id);
  if (!pool) throw new Response("Pool not found", { status: 404 });
  return { pool, store };
}

/** Invalid input → 400 with an error per field; a refused operation → 409 with the reason. */
export function poolErrorResponse(error: unknown) {
  if (error instanceof PoolInputError) return json({ errors: error.fieldErrors }, { status: 400 });
  if (error instanceof PoolStateError) return json({ errors: { form: error.message }, reason: error.reason }, { status: 409 });
  throw error;
}

export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
