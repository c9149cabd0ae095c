import { json } from "@remix-run/node";
import { createImport } from "~/domain/pools/imports.server";
import { MAX_IMPORT_BYTES, tooLarge } from "~/domain/pools/import-source";
import { auditPoolChange, poolOf } from "~/features/pools/pool-route.server";
import { defineActions, failure, intent } from "~/features/intents.server";

// POST: registers an import (source, file name, size) before its file is sent to
// /app/pools/:id/imports/:importId, so that the page can poll that URL for progress meanwhile.
export const action = defineActions({
  register: intent({
    permission: "pool.manage",
    run: async ({ context, params, input }) => {
      const { pool, store, ctx } = await poolOf(context, params);
      const source = input.source === "paste" ? "paste" : "csv";
      const totalBytes = Number(input.totalBytes ?? "");
      // Refused before the upload starts: nobody waits for a file that cannot be imported.
      if (totalBytes > MAX_IMPORT_BYTES) return failure(400, { general: tooLarge(MAX_IMPORT_BYTES).message });
      const summary = await createImport(store, pool, {
        source,
        fileName: input.fileName || null,
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
    },
  }),
});
