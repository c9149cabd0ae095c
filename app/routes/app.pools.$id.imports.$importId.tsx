import { json, type LoaderFunctionArgs } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { findImport } from "~/domain/pools/imports.server";
import { runImportBy } from "~/domain/pools/staff-changes.server";
import { poolOf, requirePool, shopifyCodesFor } from "~/features/pools/pool-route.server";
import { defineActions, found, idParam, intent } from "~/features/intents.server";
import type { StaffContext } from "~/features/access.server";
import prisma from "~/db.server";
import { enqueueCodeSyncsForPool } from "~/domain/campaigns/code-sync.server";
import { uploadBody } from "~/features/pools/upload-body.server";

const IMPORT_NOT_FOUND = "This import doesn't exist for this pool.";

async function importOf(at: Awaited<ReturnType<typeof poolOf>>, params: Params) {
  const summary = await findImport(at.store, at.pool, idParam(params, "importId", IMPORT_NOT_FOUND));
  return { ...at, summary: found(summary, IMPORT_NOT_FOUND) };
}

/** GET: the import's progress, then its result summary. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { summary } = await importOf(await requirePool(request, params), params);
  return json({ import: summary });
};

/**
 * POST: the CSV file (or pasted list) as the raw request body, read as a stream — never held in
 * memory whole — and imported. Answers with the result summary.
 */
export const action = defineActions({
  upload: intent({
    permission: "pool.manage",
    body: "raw",
    run: async ({ context, params, request }) => json({ import: await upload(context, params, request) }),
  }),
});

async function upload(context: StaffContext, params: Params, request: Request) {
  const { summary, ...change } = await importOf(await poolOf(context, params), params);
  const declared = Number(request.headers.get("Content-Length"));
  const body = uploadBody(request);
  try {
    const result = await runImportBy(change, summary, body.chunks, {
      declaredBytes: Number.isSafeInteger(declared) ? declared : null,
      inShopify: () => shopifyCodesFor(context),
    });
    await body.drain();
    // Campaigns fed by this pool push the new codes to Shopify now, not at the next reconcile.
    if (result.imported > 0) await enqueueCodeSyncsForPool(prisma, change.pool.id);
    return result;
  } catch (error) {
    // The rest of the body is read before answering (the refusal reaches the browser); the
    // boundary answers the refusal itself.
    await body.drain();
    throw error;
  }
}
