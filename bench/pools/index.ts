// npx tsx bench/pools/index.ts: every coupon-pool benchmark, each in its own process (so that
// one's peak memory or leftovers cannot colour another's figures). Prints figures; asserts only
// correctness (no duplicate codes).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BENCHMARKS = ["import-codes.ts", "assign-coupons.ts", "assign-http.ts"];

for (const file of BENCHMARKS) {
  execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL(file, import.meta.url))], { stdio: "inherit" });
  console.info("");
}
