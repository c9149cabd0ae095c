// npx tsx extensions/promo-discount/bench/function-bench.ts  (npm run bench:function)
//
// Runs PromoGuard's bundled function and a trivial baseline function inside QuickJS on carts of
// 1, 50, 200 and 500 lines with a heavy campaign config and a 200-entry stacking catalogue, and
// prints time per run (median), growth with cart size, QuickJS heap and bundle size.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkMetafieldSize, toMetafieldValue } from "../src/config/validate";
import { bundleFunction, runFunctionInQuickJS } from "../tools/quickjs-runner";
import type { FunctionBundle } from "../tools/quickjs-runner";
import { HEAVY_CONDITION_COUNT, benchCatalogue, benchInput, heavyCampaignConfig } from "./heavy-cart";

const CART_SIZES = [1, 50, 200, 500];
const RUNS_PER_SIZE = 21;
const WARMUP_RUNS = 3;
const BUNDLE_LIMIT_BYTES = 256 * 1024;
const RATIO_TARGET = 4;
const EXPORT_NAME = "cartLinesDiscountsGenerateRun";

interface Measurement {
  /** Bundle evaluation + export, per run. */
  medianMs: number;
  /** The export alone (Javy parses the bundle at build time, so this is the per-checkout work). */
  medianExportMs: number;
  peakHeapBytes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** PromoGuard and the baseline take turns, so a busy machine weighs on both alike. */
async function measurePair(ours: FunctionBundle, theirs: FunctionBundle, input: unknown): Promise<[Measurement, Measurement]> {
  const samples = [ours, theirs].map(() => ({ durations: [] as number[], exportDurations: [] as number[], peakHeapBytes: 0 }));
  for (let run = 0; run < WARMUP_RUNS + RUNS_PER_SIZE; run++) {
    for (const [index, bundle] of [ours, theirs].entries()) {
      const result = await runFunctionInQuickJS(bundle, EXPORT_NAME, input);
      if (run < WARMUP_RUNS) continue;
      samples[index].durations.push(result.durationMs);
      samples[index].exportDurations.push(result.durationMs - result.loadMs);
      samples[index].peakHeapBytes = Math.max(samples[index].peakHeapBytes, result.memoryUsedBytes);
    }
  }
  const [mine, baseline] = samples.map(({ durations, exportDurations, peakHeapBytes }) => ({
    medianMs: median(durations), medianExportMs: median(exportDurations), peakHeapBytes,
  }));
  return [mine, baseline];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const pad = (text: string, width: number) => text.padStart(width);

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const promoGuard = await bundleFunction();
  const baseline = await bundleFunction(join(here, "baseline-function.ts"));
  const published = toMetafieldValue(heavyCampaignConfig());
  const configBytes = JSON.stringify(published).length;
  const catalogueBytes = JSON.stringify(benchCatalogue()).length;
  const oversize = [...checkMetafieldSize(published, "config"), ...checkMetafieldSize(benchCatalogue(), "catalogue")];
  if (oversize.length > 0) throw new Error(oversize.map((issue) => issue.message).join("; "));

  console.log("PromoGuard discount function in QuickJS (quickjs-emscripten, 10 MB limit)");
  console.log(`Config: ${HEAVY_CONDITION_COUNT} conditions, tiers + fixed amount + free shipping, cap — ${configBytes} bytes of 10,000`);
  console.log(`Catalogue: ${benchCatalogue().campaigns.length} entries, 3 entered codes — ${catalogueBytes} bytes of 10,000`);
  console.log(`CPU time, median of ${RUNS_PER_SIZE} runs after ${WARMUP_RUNS} warm-up runs (PromoGuard and baseline alternate); heap = peak sampled during the run\n`);

  const header = ["lines", "input", "PG run", "PG export", "+µs/line", "PG heap", "base run", "base export", "base heap", "ratio run", "ratio export"];
  const widths = [5, 9, 9, 9, 8, 9, 9, 11, 9, 9, 12];
  let oneLineExportMs = 0;
  console.log(header.map((title, index) => pad(title, widths[index])).join("  "));
  const ratiosAt500 = { run: 0, export: 0 };
  for (const lines of CART_SIZES) {
    const input = benchInput(lines);
    const [ours, theirs] = await measurePair(promoGuard, baseline, input);
    const ratio = { run: ours.medianMs / theirs.medianMs, export: ours.medianExportMs / theirs.medianExportMs };
    if (lines === 500) Object.assign(ratiosAt500, ratio);
    if (lines === 1) oneLineExportMs = ours.medianExportMs;
    // Marginal export cost of each line beyond the first: flat when the engine is linear.
    const perAddedLine = lines === 1 ? "—" : (((ours.medianExportMs - oneLineExportMs) * 1000) / (lines - 1)).toFixed(0);
    const row = [
      String(lines), kb(JSON.stringify(input).length), ms(ours.medianMs), ms(ours.medianExportMs),
      perAddedLine, kb(ours.peakHeapBytes),
      ms(theirs.medianMs), ms(theirs.medianExportMs), kb(theirs.peakHeapBytes),
      `${ratio.run.toFixed(2)}x`, `${ratio.export.toFixed(2)}x`,
    ];
    console.log(row.map((cell, index) => pad(cell, widths[index])).join("  "));
  }
  console.log(`\nBundle: PromoGuard ${kb(promoGuard.bytes)} (${((promoGuard.bytes / BUNDLE_LIMIT_BYTES) * 100).toFixed(1)}% of Shopify's 256 KB), baseline ${kb(baseline.bytes)}`);
  const verdict = (ratio: number) => `${ratio.toFixed(2)}x ${ratio <= RATIO_TARGET ? "(met)" : "(NOT met)"}`;
  console.log(`Ratio to baseline at 500 lines, target ≤ ${RATIO_TARGET}x: whole run ${verdict(ratiosAt500.run)}, export alone ${verdict(ratiosAt500.export)}`);
  console.log("run = bundle evaluation + export (quickjs-emscripten parses source on every run); export = the export alone");
}

await main();
