// Extracts the Shopify GraphQL introspection data PromoGuard builds on (Admin API and the
// Discount Function API, one pinned version) from the @shopify/dev-mcp package, without
// installing that package's heavy dependency tree: `npm pack` fetches only its tarball.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const DEV_MCP_VERSION = "1.16.0";
export const API_VERSION = "2026-10";
export const SCHEMA_FILES = [`admin_${API_VERSION}.json.gz`, `functions_discount_${API_VERSION}.json.gz`];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, ".shopify-schemas", DEV_MCP_VERSION);

const unzipped = (file) => join(target, file.replace(/\.gz$/, ""));
if (SCHEMA_FILES.every((file) => existsSync(unzipped(file)))) process.exit(0);

const scratch = join(root, ".shopify-schemas", "download");
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
mkdirSync(target, { recursive: true });
execFileSync("npm", ["pack", `@shopify/dev-mcp@${DEV_MCP_VERSION}`, "--silent", "--pack-destination", scratch], {
  stdio: ["ignore", "ignore", "inherit"],
});
const tarball = readdirSync(scratch).find((name) => name.endsWith(".tgz"));
if (!tarball) throw new Error("npm pack @shopify/dev-mcp produced no tarball");
execFileSync("tar", ["-xzf", join(scratch, tarball), "-C", target, "--strip-components=3", ...SCHEMA_FILES.map((file) => `package/dist/data/${file}`)]);
rmSync(scratch, { recursive: true, force: true });
// Plain JSON too: GraphQL Code Generator reads introspection files, not gzip.
for (const file of SCHEMA_FILES) {
  writeFileSync(unzipped(file), gunzipSync(readFileSync(join(target, file))));
}
console.log(`Shopify ${API_VERSION} schemas extracted to ${target}`);
