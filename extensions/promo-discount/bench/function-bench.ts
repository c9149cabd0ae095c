// npm run bench:function — the discount functions' instructions as Shopify counts them, for the
// heavy configuration, the realistic campaigns and the guard, at 1, 50, 200 and 500 cart lines,
// as a share of the limit, next to the floor (a function that only reads the same input).
import { measure } from "./measure";
import { HEAVY_CONDITION_COUNT, SCENARIOS } from "./scenarios";

const millions = (value: number) => `${(value / 1e6).toFixed(2)}M`;
const percent = (value: number, limit: number) => `${((100 * value) / limit).toFixed(0)}%`;
const pad = (text: string, width: number) => text.padStart(width);

const measurements = measure(SCENARIOS);
console.log("PromoGuard's discount functions, WebAssembly instructions as Shopify counts them");
console.log("(../shared/tools/function-cost: Shopify's Javy plugin v3, wasmtime fuel). Limit: 11M up to 200 lines, scaled above.");
console.log(
  `Heavy configuration: ${HEAVY_CONDITION_COUNT} conditions, tiers + fixed amount + free shipping, cap. Floor: a function that only reads the same input.\n`,
);
const header = ["scenario", "extension", "lines", "input", "instructions", "of limit", "floor", "floor of limit", "goal", "hard line"];
const widths = [46, 24, 5, 9, 12, 8, 8, 14, 5, 9];
console.log(header.map((title, index) => (index < 2 ? title.padEnd(widths[index]) : pad(title, widths[index]))).join("  "));
for (const { scenario, lines, instructions, floor, limit, inputBytes } of measurements) {
  console.log(
    [
      scenario.name.padEnd(widths[0]),
      scenario.handle.padEnd(widths[1]),
      pad(String(lines), widths[2]),
      pad(`${(inputBytes / 1000).toFixed(1)} kB`, widths[3]),
      pad(millions(instructions), widths[4]),
      pad(percent(instructions, limit), widths[5]),
      pad(millions(floor), widths[6]),
      pad(percent(floor, limit), widths[7]),
      pad(`${scenario.goal * 100}%`, widths[8]),
      pad(scenario.hardLine(lines) === null ? "—" : `${(scenario.hardLine(lines) as number) * 100}%`, widths[9]),
    ].join("  "),
  );
}
console.log("");
for (const scenario of SCENARIOS) if (scenario.note) console.log(`${scenario.name}: ${scenario.note}.`);
