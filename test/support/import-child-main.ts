// A process that runs one import and nothing else, for tests and the drill that kill it (-9) at a
// random moment: node --import tsx test/support/import-child-main.ts SHOP POOL_ID IMPORT_ID FILE
import { createReadStream } from "node:fs";

const [shop, poolId, importId, file] = process.argv.slice(2);
const { poolStore } = await import("~/domain/pools/store.server");
const { findPool } = await import("~/domain/pools/pools.server");
const { runImport } = await import("~/domain/pools/imports.server");

const store = poolStore();
const pool = await findPool(store, shop, Number(poolId));
if (!pool) throw new Error(`No pool ${poolId} in ${shop}`);
process.stdout.write("started\n");
const summary = await runImport(store, pool, Number(importId), createReadStream(file, { highWaterMark: 256 * 1024 }));
process.stdout.write(`done ${summary.status}\n`);
store.close();
