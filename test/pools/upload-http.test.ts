import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { adminRequest, TEST_SHOP } from "../support/shopify-app";
import { startRemixHttpServer } from "../support/remix-server";
import { givenPool } from "./support";

// Over a real socket, against the app served as `npm start` serves it: a file refused before its
// end must still get its answer (not a reset connection, which a browser retries into a
// misleading "already received its file").
let server: Awaited<ReturnType<typeof startRemixHttpServer>>;
beforeAll(async () => {
  server = await startRemixHttpServer();
});
afterAll(() => server.close());

/** POSTs `body` in 16 KB writes, as a browser streams a file, and reads the whole answer. */
async function upload(path: string, body: Buffer, contentType = "text/csv"): Promise<{ status: number; json: unknown }> {
  const signed = await adminRequest(path, { method: "POST", body: "" }, TEST_SHOP, "manager");
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.origin}${path}`, {
      method: "POST",
      headers: { authorization: signed.headers.get("authorization")!, "content-type": contentType, "content-length": body.length },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, json: JSON.parse(text) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    (async () => {
      for (let offset = 0; offset < body.length; offset += 16 * 1024) {
        if (request.destroyed) return;
        if (!request.write(body.subarray(offset, offset + 16 * 1024))) await new Promise((drained) => request.once("drain", drained));
      }
      request.end();
    })().catch(reject);
  });
}

async function importFile(body: Buffer) {
  const pool = await givenPool();
  const created = await upload(
    `/app/pools/${pool.id}/imports?_data=routes%2Fapp.pools.%24id.imports`,
    Buffer.from(`source=csv&fileName=codes.csv&totalBytes=${body.length}`),
    "application/x-www-form-urlencoded",
  );
  const { id } = (created.json as { import: { id: number } }).import;
  return { pool, answer: await upload(`/app/pools/${pool.id}/imports/${id}?_data=routes%2Fapp.pools.%24id.imports.%24importId`, body) };
}

const codes = (count: number) => Buffer.from(["code", ...Array.from({ length: count }, (_, index) => `WIRE-${index}`)].join("\n") + "\n");

describe("a file refused before its end, over HTTP", () => {
  it.each([
    ["binary data near its start", Buffer.concat([Buffer.from("code\nA1\n"), Buffer.from([0, 1, 2]), codes(200_000)]), /binary data/],
    ["no code column", Buffer.concat([Buffer.from("name,email\n"), codes(200_000)]), /has no code column/],
    ["a broken quote", Buffer.concat([Buffer.from('code\n"OPEN\nX"Y\n'), codes(200_000)]), /not a valid CSV file/],
  ])("answers %s with the real reason", async (_label, body, reason) => {
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const { pool, answer } = await importFile(body);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ import: { status: "REJECTED", rejectionReason: expect.stringMatching(reason) } });
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(0);
  });
});
