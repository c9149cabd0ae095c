// The automatic-blocking settings form's one schema: the fraud page's form checks itself with it
// before posting, and saveAutoBlockSettings (fraud.server.ts) reads the posted form with it.
import { z } from "zod";
import { formField, formFlag, mistake, readForm, type FormRead } from "~/domain/form-schema";

export const DEFAULT_AUTO_BLOCK = { enabled: false, minClusterSize: 3 };
export const AUTO_BLOCK_LIMITS = { min: 2, max: 100 };

export const autoBlockSettingsSchema = z.object({
  enabled: formFlag,
  minClusterSize: formField((text) => {
    const size = Number(text);
    return /^\d+$/.test(text) && size >= AUTO_BLOCK_LIMITS.min && size <= AUTO_BLOCK_LIMITS.max
      ? size
      : mistake(`Cluster size must be a whole number from ${AUTO_BLOCK_LIMITS.min} to ${AUTO_BLOCK_LIMITS.max}, got "${text}".`);
  }),
});

export type AutoBlockSettings = { enabled: boolean; minClusterSize: number };

/** The settings form (FormData as posted, or its values) → the settings, or the problems by field. */
export function readAutoBlockSettings(form: FormData | Record<string, string>): FormRead<AutoBlockSettings> {
  const read = readForm(autoBlockSettingsSchema, form);
  return read.ok ? { ok: true, value: { enabled: read.value.enabled, minClusterSize: read.value.minClusterSize! } } : read;
}
