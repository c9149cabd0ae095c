// The permission matrix's pool, job and staff routes.
import prisma from "~/db.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { createImport } from "~/domain/pools/imports.server";
import { createPool } from "~/domain/pools/pools.server";
import { poolStore } from "~/domain/pools/store.server";
import * as poolsIndex from "~/routes/app.pools._index";
import * as poolDetail from "~/routes/app.pools.$id";
import * as poolAssignments from "~/routes/app.pools.$id.assignments";
import * as poolExport from "~/routes/app.pools.$id.export";
import * as poolImports from "~/routes/app.pools.$id.imports";
import * as poolImportRun from "~/routes/app.pools.$id.imports.$importId";
import * as jobsPage from "~/routes/app.settings_.jobs";
import * as staffPage from "~/routes/app.settings_.staff";
import { TEST_SHOP } from "../support/shopify-app";
import { next, unique, type Fixture, type Handler, type MatrixCase, withIntent } from "./matrix-support";

export async function poolWithCodes(codes = 2) {
  const store = poolStore();
  const pool = await createPool(store, TEST_SHOP, unique("Matrix pool"));
  for (let i = 0; i < codes; i++) await addCoupon(store, pool, { code: `MX${next()}X${i}` });
  return pool;
}

async function poolFixture(form?: Record<string, string>): Promise<Fixture> {
  const pool = await poolWithCodes();
  return { params: { id: String(pool.id) }, form };
}

export const POOL_CASES: MatrixCase[] = [
  {
    name: "create a pool",
    file: "app.pools._index.tsx",
    handler: poolsIndex.action as Handler,
    intent: null,
    method: "POST",
    path: () => "/app/pools?index",
    permission: "pool.manage",
    audit: "pool.create",
    setup: async () => ({ params: {}, form: { name: unique("New pool") } }),
  },
  {
    name: "rename a pool",
    file: "app.pools.$id.tsx",
    handler: poolDetail.action as Handler,
    intent: "rename",
    method: "POST",
    path: (f) => withIntent(`/app/pools/${f.params.id}`, "rename"),
    permission: "pool.manage",
    audit: "pool.rename",
    setup: () => poolFixture({ name: unique("Renamed pool") }),
  },
  {
    name: "change a pool's alert settings",
    file: "app.pools.$id.tsx",
    handler: poolDetail.action as Handler,
    intent: "alerts",
    method: "POST",
    path: (f) => withIntent(`/app/pools/${f.params.id}`, "alerts"),
    permission: "pool.manage",
    audit: "pool.alerts",
    setup: () => poolFixture({ enabled: "true", threshold: "7" }),
  },
  {
    name: "add a code",
    file: "app.pools.$id.tsx",
    handler: poolDetail.action as Handler,
    intent: "addCoupon",
    method: "POST",
    path: (f) => withIntent(`/app/pools/${f.params.id}`, "addCoupon"),
    permission: "pool.manage",
    audit: "coupon.add",
    setup: () => poolFixture({ code: `ADDED${next()}` }),
  },
  {
    name: "assign a code by hand",
    file: "app.pools.$id.assignments.tsx",
    handler: poolAssignments.action as Handler,
    intent: "assign",
    method: "POST",
    path: (f) => withIntent(`/app/pools/${f.params.id}/assignments`, "assign"),
    permission: "pool.assign",
    audit: "coupon.assign",
    setup: () => poolFixture({ email: `shopper${next()}@example.com` }),
  },
  {
    name: "revoke an assignment",
    file: "app.pools.$id.assignments.tsx",
    handler: poolAssignments.action as Handler,
    intent: "revoke",
    method: "POST",
    path: (f) => withIntent(`/app/pools/${f.params.id}/assignments`, "revoke"),
    permission: "pool.assign",
    audit: "coupon.revoke",
    setup: async () => {
      const pool = await poolWithCodes();
      const { assignment } = await assignCoupon(poolStore(), pool, { email: `kept${next()}@example.com`, source: "manual" });
      return { params: { id: String(pool.id) }, form: { assignmentId: String(assignment.id) } };
    },
  },
  {
    name: "start an import",
    file: "app.pools.$id.imports.tsx",
    handler: poolImports.action as Handler,
    intent: null,
    method: "POST",
    path: (f) => `/app/pools/${f.params.id}/imports`,
    permission: "pool.manage",
    audit: "pool.import",
    setup: () => poolFixture({ source: "csv", fileName: "codes.csv", totalBytes: "40" }),
  },
  {
    name: "upload an import's file",
    file: "app.pools.$id.imports.$importId.tsx",
    handler: poolImportRun.action as Handler,
    intent: null,
    method: "POST",
    path: (f) => `/app/pools/${f.params.id}/imports/${f.params.importId}`,
    permission: "pool.manage",
    audit: "pool.import",
    setup: async () => {
      const pool = await poolWithCodes();
      const summary = await createImport(poolStore(), pool, { source: "csv", fileName: "codes.csv", totalBytes: null });
      const n = next();
      return {
        params: { id: String(pool.id), importId: String(summary.id) },
        raw: { body: `code\nIMP${n}A\nIMP${n}B\n`, contentType: "text/csv" },
      };
    },
  },
  {
    name: "export Assigned History",
    file: "app.pools.$id.export.tsx",
    handler: poolExport.loader as Handler,
    intent: null,
    method: "GET",
    path: (f) => `/app/pools/${f.params.id}/export`,
    permission: "pool.manage",
    audit: "pool.export",
    setup: () => poolFixture(),
  },
  {
    name: "retry a dead job",
    file: "app.settings_.jobs.tsx",
    handler: jobsPage.action as Handler,
    intent: null,
    method: "POST",
    path: () => "/app/settings/jobs",
    permission: "jobs.manage",
    audit: "job.retry",
    setup: async () => {
      const now = new Date();
      const job = await prisma.job.create({
        data: { shopDomain: TEST_SHOP, type: "code-sync", status: "dead", attempts: 8, runAt: now, finishedAt: now, lastError: "Gave up" },
      });
      return { params: {}, form: { jobId: String(job.id) } };
    },
  },
  {
    name: "change a staff member's role",
    file: "app.settings_.staff.tsx",
    handler: staffPage.action as Handler,
    intent: "role",
    method: "POST",
    path: () => withIntent("/app/settings/staff", "role"),
    permission: "staff.manage",
    audit: "staff.role",
    setup: async () => {
      const n = next();
      const member = await prisma.staffMember.create({
        data: { shopDomain: TEST_SHOP, userId: `matrix-${n}`, name: `New hire ${n}`, email: `hire${n}@example.com`, role: "requester" },
      });
      return { params: {}, form: { staffId: String(member.id), role: "manager" } };
    },
  },
];
