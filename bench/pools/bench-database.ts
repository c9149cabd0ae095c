import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const BENCH_DIRECTORY = path.resolve(".cache", "bench-pools");
export const BENCH_SHOP = "bench-shop.myshopify.com";

/**
 * A freshly migrated database file for one benchmark; DATABASE_URL points at it, so import the
 * app's modules only after calling this.
 */
export function freshBenchDatabase(name: string): string {
  mkdirSync(BENCH_DIRECTORY, { recursive: true });
  const file = path.join(BENCH_DIRECTORY, `${name}.sqlite`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
  const url = `file:${file}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  process.env.DATABASE_URL = url;
  return url;
}

/** Median and 99th percentile of latencies in milliseconds. */
export function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
  return { p50: at(0.5), p99: at(0.99) };
}

export const format = (value: number, digits = 0) => value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
