// The automatic-blocking settings form's one schema: the fraud page's form checks itself with it
// before posting, and the fraud page's action reads the posted form with it.
import { z } from "zod";
import { formField, formFlag, mistake, readForm, type FormRead } from "~/domain/form-schema";

export const DEFAULT_AUTO_BLOCK = { enabled: false, minClusterSize: 3 };
export const AUTO_BLOCK_LIMITS = { min: 2, max: 100 };

export type AutoBlockSettings = { enabled: boolean; minClusterSize: number };

export const autoBlockSettingsSchema = z
  .object({
    enabled: formFlag,
    minClusterSize: formField((text) => {
      const size = Number(text);
      return /^\d+$/.test(text) && size >= AUTO_BLOCK_LIMITS.min && size <= AUTO_BLOCK_LIMITS.max
        ? size
        : mistake(`Cluster size must be a whole number from ${AUTO_BLOCK_LIMITS.min} to ${AUTO_BLOCK_LIMITS.max}, got "${text}".`);
    }),
  })
  // A mistaken field stops the read before this: the settings it gives are whole.
  .transform((form): AutoBlockSettings => ({ enabled: form.enabled, minClusterSize: form.minClusterSize ?? DEFAULT_AUTO_BLOCK.minClusterSize }));

/** The settings form (FormData as posted, or its values) → the settings, or the problems by field. */
export function readAutoBlockSettings(form: FormData | Record<string, string>): FormRead<AutoBlockSettings> {
  return readForm(autoBlockSettingsSchema, form);
}
