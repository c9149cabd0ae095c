import { json, type ActionFunctionArgs } from "@remix-run/node";
import { createImport } from "~/domain/pools/imports.server";
import { MAX_IMPORT_BYTES, tooLarge } from "~/domain/pools/import-source";
import { auditPoolChange, formText, requirePool } from "~/features/pools/pool-route.server";

// POST: registers an import (source, file name, size) before its file is sent to
// /app/pools/:id/imports/:importId, so that the page can poll that URL for progress meanwhile.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { pool, store, ctx } = await requirePool(request, params, "pool.manage");
  const form = await request.formData();
  const source = formText(form, "source") === "paste" ? "paste" : "csv";
  const totalBytes = Number(formText(form, "totalBytes"));
  // Refused before the upload starts: nobody waits for a file that cannot be imported.
  if (totalBytes > MAX_IMPORT_BYTES) return json({ errors: { form: tooLarge(MAX_IMPORT_BYTES).message } }, { status: 400 });
  const summary = await createImport(store, pool, {
    source,
    fileName: formText(form, "fileName") || null,
    totalBytes: Number.isSafeInteger(totalBytes) && totalBytes >= 0 ? totalBytes : null,
  });
  await auditPoolChange(ctx, {
    action: "pool.import",
    entityType: "pool",
    entityId: pool.id,
    entityLabel: pool.name,
    after: { importId: summary.id, status: summary.status, source: summary.source, fileName: summary.fileName, totalBytes: summary.totalBytes },
  });
  return json({ import: summary });
};
