import { json } from "@remix-run/node";
import { importRegistrationSchema } from "~/domain/pools/import-form";
import { registerImportBy } from "~/domain/pools/staff-changes.server";
import { poolOf } from "~/features/pools/pool-route.server";
import { defineActions, intent } from "~/features/intents.server";

// POST: registers an import (source, file name, size) before its file is sent to
// /app/pools/:id/imports/:importId, so that the page can poll that URL for progress meanwhile.
// A file too large is refused here, before the upload starts: nobody waits for it.
export const action = defineActions({
  register: intent({
    permission: "pool.manage",
    schema: importRegistrationSchema,
    run: async ({ context, params, input }) => json({ import: await registerImportBy(await poolOf(context, params), input) }),
  }),
});
