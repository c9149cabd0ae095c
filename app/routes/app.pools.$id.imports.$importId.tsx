import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { findImport, runImport } from "~/domain/pools/imports.server";
import { auditPoolChange, poolErrorResponse, requirePool, shopifyCodesFor } from "~/features/pools/pool-route.server";
import type { Permission } from "~/domain/governance/roles";
import prisma from "~/db.server";
import { enqueueCodeSyncsForPool } from "~/domain/campaigns/code-sync.server";
import { uploadBody } from "~/features/pools/upload-body.server";

async function requireImport(request: Request, params: LoaderFunctionArgs["params"], permission?: Permission) {
  const { pool, store, ctx } = await requirePool(request, params, permission);
  const summary = /^\d{1,15}$/.test(params.importId ?? "") ? await findImport(store, pool, Number(params.importId)) : null;
  if (!summary) throw new Response("Import not found", { status: 404 });
  return { pool, store, ctx, summary };
}

/** GET: the import's progress, then its result summary. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { summary } = await requireImport(request, params);
  return json({ import: summary });
};

/**
 * POST: the CSV file (or pasted list) as the raw request body, read as a stream — never held in
 * memory whole — and imported. Answers with the result summary.
 */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { pool, store, ctx, summary } = await requireImport(request, params, "pool.manage");
  const declared = Number(request.headers.get("Content-Length"));
  const body = uploadBody(request);
  try {
    const result = await runImport(store, pool, summary.id, body.chunks, {
      declaredBytes: Number.isSafeInteger(declared) ? declared : null,
      inShopify: () => shopifyCodesFor(ctx),
    });
    await body.drain();
    // Campaigns fed by this pool push the new codes to Shopify now, not at the next reconcile.
    if (result.imported > 0) await enqueueCodeSyncsForPool(prisma, pool.id);
    await auditPoolChange(ctx, {
      action: "pool.import",
      entityType: "pool",
      entityId: pool.id,
      entityLabel: pool.name,
      before: { importId: summary.id, status: summary.status },
      after: {
        importId: result.id,
        status: result.status,
        rowsRead: result.rowsRead,
        imported: result.imported,
        duplicates: result.duplicatesInFile + result.duplicatesInPool + result.duplicatesInOtherPool,
        invalid: result.invalid,
        rejectionReason: result.rejectionReason,
      },
    });
    return json({ import: result });
  } catch (error) {
    await body.drain();
    return poolErrorResponse(error);
  }
};
