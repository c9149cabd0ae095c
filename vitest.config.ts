import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

/**
 * Two projects. "sqlite" runs every suite on SQLite. "postgresql" runs the suites that talk to
 * the database (pools, jobs, webhooks, redemptions, analytics, the audit log, and the
 * multi-process suites of test/postgres) again on PostgreSQL, a server named by POSTGRES_URL;
 * it fails, rather than skips, when POSTGRES_URL is missing. Without POSTGRES_URL and outside CI
 * `vitest run` runs the sqlite project only (say `--project postgresql` to insist).
 */
export const POSTGRES_SUITES = [
  "test/pools/!(browser-journey).test.ts",
  "test/jobs/queue.test.ts",
  "test/jobs/code-sync.test.ts",
  "test/webhooks.test.ts",
  "test/api/assignments.test.ts",
  "test/redemptions/!(components).test.ts",
  "test/analytics/{core,core-costs,holdouts,experiments,fraud,overlap}.test.ts",
  "test/campaigns/caps.test.ts",
  "test/governance/audit-append-only.test.ts",
  "test/governance/migrations-in-step.test.ts",
  "test/governance/permission-matrix.test.ts",
  "test/postgres/**/*.test.ts",
];

const shared = {
  globalSetup: ["test/support/global-setup.ts"],
  setupFiles: ["test/support/setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};

const withPostgres = Boolean(process.env.POSTGRES_URL) || Boolean(process.env.CI);

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "sqlite",
          include: [
            "app/**/*.test.{ts,tsx}",
            "extensions/*/tests/**/*.test.ts",
            "packages/*/tests/**/*.test.ts",
            "dev/**/*.test.ts",
            "test/**/*.test.{ts,tsx}",
          ],
          // PostgreSQL's own suites: several processes on one server, and both migration sets.
          exclude: ["test/postgres/**", "test/governance/migrations-in-step.test.ts", "**/node_modules/**"],
        },
      },
      ...(withPostgres ? [{ extends: true as const, test: { ...shared, name: "postgresql", include: POSTGRES_SUITES } }] : []),
    ],
  },
});
