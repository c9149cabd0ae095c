import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { assignCoupon } from "~/domain/pools/assignments.server";
import { addCoupon } from "~/domain/pools/coupons.server";
import { createImport, findImport, INTERRUPTED, runImport } from "~/domain/pools/imports.server";
import { countCoupons } from "~/domain/pools/pools.server";
import { bytesOf, codeList, givenPool, importInto, pausedUpload, testStore } from "./support";
import { killImportAtRandom } from "../support/import-child";

describe("importing a CSV file", () => {
  it("finds the code, message and expiry columns by their headers, in any order", async () => {
    const pool = await givenPool();
    const summary = await importInto(
      pool,
      "Message,User Expiration Days,Coupon Code,Pool Expiration\n" + 'Welcome!,30,  WELCOME-A  ,2099-12-31\n"Hi, again",,WELCOME-B,\n',
    );
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 2, invalid: 0, rowsRead: 2, problems: [] });
    const coupons = await prisma.coupon.findMany({ where: { poolId: pool.id }, orderBy: { codeKey: "asc" } });
    expect(coupons.map((c) => [c.code, c.codeKey, c.message, c.validityDays])).toEqual([
      ["WELCOME-A", "WELCOME-A", "Welcome!", 30],
      ["WELCOME-B", "WELCOME-B", "Hi, again", null],
    ]);
    // A date-only expiry lasts through that day in the shop's time zone (America/New_York).
    expect(coupons[0].expiresAt?.toISOString()).toBe("2100-01-01T05:00:00.000Z");
    expect(coupons[1].expiresAt).toBeNull();
  });

  it("takes a single column without a header (a pasted list) as codes, skipping blank lines", async () => {
    const pool = await givenPool();
    const summary = await importInto(pool, "alpha-1\r\n\r\nalpha-2\r\n   \r\nalpha-3");
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 3, rowsRead: 3 });
    expect((await countCoupons(testStore(), pool)).available).toBe(3);
  });

  it("imports the valid rows and reports every duplicate and invalid row with its row number", async () => {
    const pool = await givenPool();
    const otherPool = await givenPool(pool.shopDomain, "Black Friday");
    await importInto(otherPool, "code\nBF-1\n");
    await importInto(pool, "code\nOLD-1\n");
    const summary = await importInto(
      pool,
      [
        "code,pool_expiration,user_expiration_days",
        "NEW-1,,", // row 2
        "new-1,,", // 3: the same code, whatever its case
        "OLD-1,,", // 4: already in this pool
        "bf-1,,", // 5: in another pool of the shop
        ",,", // 6: blank row, skipped silently
        "HAS SPACE,,", // 7
        `${"X".repeat(256)},,`, // 8
        "NEW-2,31/12/2099,", // 9
        "NEW-3,2001-01-01,", // 10
        "NEW-4,,0", // 11
        "NEW-5,,", // 12
      ].join("\n"),
    );
    expect(summary).toMatchObject({
      status: "COMPLETED",
      imported: 2,
      duplicatesInFile: 1,
      duplicatesInPool: 1,
      duplicatesInOtherPool: 1,
      invalid: 5,
      rowsRead: 10,
    });
    expect(summary.problems.map(({ row, reason }) => [row, reason])).toEqual([
      [3, "Duplicate: this code appears earlier in the file."],
      [4, "Duplicate: this code is already in this pool."],
      [5, "Duplicate: this code is already in the pool “Black Friday”."],
      [7, "Code contains a space, line break or invisible character."],
      [8, "Code is 256 characters long; codes are at most 255."],
      [9, 'Pool expiration "31/12/2099" is not a date; use a date like 2027-12-31.'],
      [10, "Pool expiration 2001-01-01 is already past."],
      [11, 'User expiration must be a whole number of days from 1 to 3650, not "0".'],
    ]);
    const codes = await prisma.coupon.findMany({ where: { poolId: pool.id }, select: { code: true }, orderBy: { id: "asc" } });
    expect(codes.map((c) => c.code)).toEqual(["OLD-1", "NEW-1", "NEW-5"]);
  });

  it("reads a byte-order mark and a header in capitals as Excel writes them", async () => {
    const pool = await givenPool();
    const summary = await importInto(pool, "\uFEFFCOUPON CODE\r\nA1\r\n");
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 1, rowsRead: 1 });
    expect((await prisma.coupon.findFirstOrThrow({ where: { poolId: pool.id } })).code).toBe("A1");
  });
});

describe("files separated by something other than commas", () => {
  it.each([
    ["semicolons", "code;message\r\nSEMI-1;Hello, you\r\nSEMI-2;\r\nHAS SPACE;\r\n", "SEMI", 4],
    ["semicolons after Excel's sep= line", "sep=;\r\nCode;Message\r\nSEP-1;Hello, you\r\nSEP-2;\r\nHAS SPACE;\r\n", "SEP", 5],
    ["tabs", "code\tmessage\nTAB-1\tHello, you\nTAB-2\t\nHAS SPACE\t\n", "TAB", 4],
    ["vertical bars", "coupon code|message\nBAR-1|Hello, you\nBAR-2|\nHAS SPACE|\n", "BAR", 4],
  ])("reads columns separated by %s", async (_label, content, prefix, invalidRow) => {
    const pool = await givenPool();
    const summary = await importInto(pool, content);
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 2, invalid: 1 });
    expect(summary.problems).toEqual([{ row: invalidRow, code: "HAS SPACE", reason: "Code contains a space, line break or invisible character." }]);
    const coupons = await prisma.coupon.findMany({ where: { poolId: pool.id }, orderBy: { id: "asc" } });
    expect(coupons.map((coupon) => [coupon.code, coupon.message])).toEqual([
      [`${prefix}-1`, "Hello, you"],
      [`${prefix}-2`, null],
    ]);
  });

  it("refuses rows split by semicolons without a header naming the codes, instead of importing them whole", async () => {
    const pool = await givenPool();
    const summary = await importInto(pool, "TQQZPT49ZH;msg\nTQQZPT49ZI;msg\n");
    expect(summary).toMatchObject({ status: "REJECTED", imported: 0 });
    expect(summary.rejectionReason).toBe(
      "Every row of this file is split by semicolons, but its first row names no code column. Add a header row naming the columns (for example code;message), or save the file as CSV with commas.",
    );
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(0);
  });
});

describe("files rejected as a whole import nothing", () => {
  const rejections: [string, string | Buffer, RegExp, { maxBytes?: number }?][] = [
    ["several columns but no code column", "name,message\nA,b\n", /has no code column/],
    ["a header naming other columns only", "message\nhello\n", /has no code column/],
    ["binary data", Buffer.from([0x43, 0x4f, 0x44, 0x45, 0x0a, 0x00, 0x01, 0x02]), /binary data/],
    ["an Excel (ZIP) file", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /Excel or ZIP file, not CSV/],
    ["text that is not UTF-8", Buffer.concat([Buffer.from("code\nCAF"), Buffer.from([0xe9]), Buffer.from("\n")]), /not a UTF-8 CSV/],
    ["malformed CSV (an unclosed quote)", 'code\nGOOD-1\n"BROKEN\n', /not a valid CSV file/],
    ["malformed CSV (a stray quote inside a field)", 'code\nSAY"HI"\n', /not a valid CSV file \(near line 2\)/],
    ["a file larger than the limit", codeList("BIG", 1000), /larger than/, { maxBytes: 2048 }],
    ["an empty file", "", /contains no coupon codes/],
    ["a header and nothing else", "code\n\n", /contains no coupon codes/],
  ];

  it.each(rejections)("rejects %s", async (_label, content, reason, options) => {
    const pool = await givenPool();
    const summary = await importInto(pool, content, options);
    expect(summary.status).toBe("REJECTED");
    expect(summary.rejectionReason).toMatch(reason);
    expect(summary.imported).toBe(0);
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(0);
  });

  it("deletes the rows it had already written when the problem comes late in the file", async () => {
    const pool = await givenPool();
    const content = codeList("LATE", 12_000) + '"UNCLOSED\n';
    const summary = await importInto(pool, content);
    expect(summary.status).toBe("REJECTED");
    expect(summary.rejectionReason).toMatch(/not a valid CSV file/);
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(0);
  });
});

describe("an import in progress", () => {
  it("shows its progress while none of its codes is in the pool before it completes", async () => {
    const store = testStore();
    const pool = await givenPool();
    const content = codeList("STAGED", 12_000);
    const job = await createImport(store, pool, { source: "csv", fileName: "staged.csv", totalBytes: content.length });
    const upload = pausedUpload(content);
    const running = runImport(store, pool, job.id, upload.chunks);

    // The first batch of 5,000 records: the header and 4,999 codes.
    await expect.poll(async () => (await findImport(store, pool, job.id))?.imported, { timeout: 10_000 }).toBe(4_999);
    const progress = (await findImport(store, pool, job.id))!;
    expect(progress.status).toBe("RUNNING");
    expect(progress.processedBytes).toBeGreaterThan(0);
    expect(progress.processedBytes).toBeLessThan(content.length);
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(0);
    await expect(assignCoupon(store, pool, { email: "early@example.com", source: "manual" })).rejects.toThrow(/no coupons left/);

    upload.release();
    const summary = await running;
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 12_000, processedBytes: content.length });
    expect((await countCoupons(store, pool)).available).toBe(12_000);
  });

  it("never makes another write refuse its codes, and loses none of them when it is rejected", async () => {
    const store = testStore();
    const pool = await givenPool();
    const content = codeList("HELD", 12_000);
    const first = await createImport(store, pool, { source: "csv" });
    const upload = pausedUpload(content + '"UNCLOSED\n');
    const stalled = runImport(store, pool, first.id, upload.chunks);
    await expect.poll(async () => (await findImport(store, pool, first.id))?.imported, { timeout: 10_000 }).toBe(4_999);

    // While the first import holds them staged, the same codes can be added and imported.
    await expect(addCoupon(store, pool, { code: "HELD-7" })).resolves.toMatchObject({ code: "HELD-7" });
    const second = await importInto(pool, content);
    expect(second).toMatchObject({ status: "COMPLETED", imported: 11_999, duplicatesInPool: 1 });

    upload.release();
    expect(await stalled).toMatchObject({ status: "REJECTED", imported: 0 });
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(12_000);
  });

  it("reports as duplicates the codes another write took after they were staged", async () => {
    const store = testStore();
    const pool = await givenPool();
    const content = codeList("LATE", 12_000);
    const job = await createImport(store, pool, { source: "csv" });
    const upload = pausedUpload(content);
    const running = runImport(store, pool, job.id, upload.chunks);
    await expect.poll(async () => (await findImport(store, pool, job.id))?.imported, { timeout: 10_000 }).toBe(4_999);
    await addCoupon(store, pool, { code: "late-10" });

    upload.release();
    const summary = await running;
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 11_999, duplicatesInPool: 1 });
    expect(summary.problems).toEqual([{ row: 11, code: "LATE-10", reason: "Duplicate: this code is already in this pool." }]);
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(12_000);
  });

  it("keeps nothing when the upload breaks off", async () => {
    const store = testStore();
    const pool = await givenPool();
    const job = await createImport(store, pool, { source: "csv" });
    async function* brokenUpload() {
      yield* bytesOf(codeList("CUT", 8_000));
      throw new Error("connection reset by peer");
    }
    const summary = await runImport(store, pool, job.id, brokenUpload());
    expect(summary.status).toBe("FAILED");
    expect(summary.rejectionReason).toMatch(/stopped before the end of the file/);
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(0);
  });

  it("shows an import whose process was killed as failed at once, with the pool exactly as before", async () => {
    const store = testStore();
    const pool = await givenPool();
    await importInto(pool, codeList("BEFORE", 3));
    for (let attempt = 0; attempt < 2; attempt++) {
      const job = await createImport(store, pool, { source: "csv" });
      await killImportAtRandom({ pool, importId: job.id, codes: 150_000, prefix: `KILL${attempt}` });
      const summary = (await findImport(store, pool, job.id))!;
      const codes = await prisma.coupon.count({ where: { poolId: pool.id, code: { startsWith: `KILL${attempt}-` } } });
      // What the pool holds decides, not what the child managed to print: a kill can land
      // between its commit and its last line of output.
      if (summary.status === "COMPLETED") {
        expect(summary).toMatchObject({ status: "COMPLETED", imported: 150_000 });
        expect(codes).toBe(150_000);
      } else {
        expect(summary).toMatchObject({ status: "FAILED", rejectionReason: INTERRUPTED, imported: 0 });
        expect(codes).toBe(0);
      }
      expect(await prisma.coupon.count({ where: { poolId: pool.id, code: { startsWith: "BEFORE-" } } })).toBe(3);
    }
  });

  it("runs once: a second upload to the same import is refused", async () => {
    const store = testStore();
    const pool = await givenPool();
    const job = await createImport(store, pool, { source: "paste" });
    await runImport(store, pool, job.id, bytesOf("ONCE-1\n"));
    await expect(runImport(store, pool, job.id, bytesOf("ONCE-2\n"))).rejects.toThrow(/already received its file/);
    expect(await prisma.coupon.count({ where: { poolId: pool.id } })).toBe(1);
  });
});

describe("codes compared as Shopify compares them", () => {
  it("treats case variants as one code but keeps codes that only upper-casing would merge", async () => {
    const pool = await givenPool();
    const summary = await importInto(pool, "code\nstraße\nSTRASSE\nﬁx\nFIX\nWelcome10\nWELCOME10\nẞIG\nßig\n");
    expect(summary).toMatchObject({ status: "COMPLETED", imported: 6, duplicatesInFile: 2 });
    expect(summary.problems.map(({ row, code }) => [row, code])).toEqual([
      [7, "WELCOME10"],
      [9, "ßig"],
    ]);
    const codes = await prisma.coupon.findMany({ where: { poolId: pool.id }, orderBy: { id: "asc" }, select: { code: true } });
    expect(codes.map(({ code }) => code)).toEqual(["straße", "STRASSE", "ﬁx", "FIX", "Welcome10", "ẞIG"]);
  });
});
