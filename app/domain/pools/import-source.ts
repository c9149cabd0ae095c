import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { parse as parseLines } from "csv-parse/sync";
import { MAX_IMPORT_BYTES, tooLargeMessage } from "./import-form";

/** A file the import refuses as a whole: nothing from it is kept. */
export class ImportRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRejected";
  }
}

export { MAX_IMPORT_BYTES };

export const IMPORT_POLICY =
  "A file is rejected as a whole, and nothing from it is imported, when it is not a CSV text file, is larger than " +
  `${MAX_IMPORT_BYTES / 1024 / 1024} MB, has no code column or contains no codes. Otherwise every valid row is imported and ` +
  "each skipped row is listed with its row number and the reason: a duplicate (within the file, already in this pool or " +
  "in another of your pools) or an invalid value.";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function tooLarge(maxBytes: number) {
  return new ImportRejected(tooLargeMessage(maxBytes));
}

/** Counts the bytes going through and refuses oversized, binary and non-UTF-8 input early. */
class ByteGuard extends Transform {
  bytes = 0;
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (this.bytes === 0 && ZIP_SIGNATURE.every((byte, index) => chunk[index] === byte)) {
      return done(new ImportRejected("This is an Excel or ZIP file, not CSV. Save the sheet as CSV (comma-separated values) and import that."));
    }
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      return done(tooLarge(this.maxBytes));
    }
    if (chunk.includes(0)) {
      return done(new ImportRejected("This is not a CSV file: it contains binary data."));
    }
    try {
      this.utf8.decode(chunk, { stream: true });
    } catch {
      return done(new ImportRejected("This is not a UTF-8 CSV file. Save it as “CSV UTF-8” and import it again."));
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback) {
    try {
      this.utf8.decode();
      done();
    } catch {
      done(new ImportRejected("This is not a UTF-8 CSV file: it ends in the middle of a character."));
    }
  }
}

export interface RecordBatch {
  /** The records, each an array of cells; blank lines come through as [""]. */
  records: string[][];
  /** The row of the file the first record is (an Excel "sep=;" line is row 1 and no record). */
  firstRow: number;
  /** Bytes of the input read so far. */
  bytesRead: number;
}

const DELIMITERS = { ",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars (|)" } as const;
type Delimiter = keyof typeof DELIMITERS;
// Enough of the file to see its first rows.
const SNIFFED_BYTES = 16 * 1024;
// Names a code column in any delimiter's header (import-columns.ts has the full list).
const CODE_HEADER = /^(coupon|discount|promo|voucher)?\s*codes?$|^coupon$|^voucher$/i;

/**
 * How the file separates its columns. Excel writes commas, or semicolons where the comma is the
 * decimal mark (with a "sep=;" first line when asked to): the separator is the "sep=" line's, or
 * the one that splits the first row into columns one of which names the codes. A file whose rows
 * all split on another separator without such a header is refused rather than read as one column
 * of codes with the separator inside them.
 */
export function detectDelimiter(head: string): { delimiter: Delimiter; skipsFirstLine: boolean } {
  const text = head.replace(/^\uFEFF/, "");
  const sep = /^sep=(.)\r?\n/i.exec(text)?.[1];
  if (sep !== undefined) {
    if (!(sep in DELIMITERS))
      throw new ImportRejected(`The file's first line says its columns are separated by “${sep}”; use commas, semicolons, tabs or vertical bars.`);
    return { delimiter: sep as Delimiter, skipsFirstLine: true };
  }
  const complete = text.includes("\n") ? text.slice(0, text.lastIndexOf("\n")) : text;
  const rowsWith = (delimiter: Delimiter): string[][] => {
    try {
      return parseLines(complete, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 20 }) as string[][];
    } catch {
      return [];
    }
  };
  if ((rowsWith(",")[0]?.length ?? 1) > 1) return { delimiter: ",", skipsFirstLine: false };
  for (const delimiter of [";", "\t", "|"] as const) {
    const rows = rowsWith(delimiter);
    if (rows.length === 0 || rows[0].length < 2) continue;
    if (rows[0].some((cell) => CODE_HEADER.test(cell.trim()))) return { delimiter, skipsFirstLine: false };
    if (rows.every((row) => row.length > 1)) {
      throw new ImportRejected(
        `Every row of this file is split by ${DELIMITERS[delimiter]}, but its first row names no code column. ` +
          "Add a header row naming the columns (for example code;message), or save the file as CSV with commas.",
      );
    }
  }
  return { delimiter: ",", skipsFirstLine: false };
}

/**
 * Streams CSV records out of `input` in batches: memory holds one batch and the parser's buffer,
 * whatever the size of the file. Malformed CSV (an unclosed quote, …) rejects the file, since the
 * rows after it cannot be trusted.
 */
export async function* csvBatches(
  input: AsyncIterable<Uint8Array>,
  { batchSize, maxBytes = MAX_IMPORT_BYTES }: { batchSize: number; maxBytes?: number },
): AsyncGenerator<RecordBatch> {
  const guard = new ByteGuard(maxBytes);
  const guarding = pipeline(Readable.from(input), guard);
  guarding.catch(() => {
    // Its error reaches the reader below too.
  });
  let parser: ReturnType<typeof parse> | null = null;
  try {
    // The guard's refusals (binary data, too large, …) come first, through the peek.
    const { head, rest } = await peek(guard, SNIFFED_BYTES);
    const { delimiter, skipsFirstLine } = detectDelimiter(new TextDecoder().decode(head));
    // Blank lines stay in (as [""]) so that record numbers are the file's row numbers.
    parser = parse({ bom: true, delimiter, from_line: skipsFirstLine ? 2 : 1, relax_column_count: true, max_record_size: 1024 * 1024 });
    const piping = Promise.all([guarding, pipeline(Readable.from(rest), parser)]);
    piping.catch(() => {
      // The same error reaches the parser's reader below, which reports it.
    });
    let firstRow = skipsFirstLine ? 2 : 1;
    for await (const records of readInBatches<string[]>(parser, batchSize)) {
      yield { records, firstRow, bytesRead: guard.bytes };
      firstRow += records.length;
    }
    await piping;
  } catch (error) {
    throw toRejection(error);
  } finally {
    guard.destroy();
    parser?.destroy();
  }
}

/** The first `bytes` of the input (or all of it, if shorter), and the whole input again. */
async function peek(input: AsyncIterable<Uint8Array>, bytes: number): Promise<{ head: Buffer; rest: AsyncIterable<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const read: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    read.push(next.value);
    size += next.value.length;
  }
  async function* rest() {
    yield* read;
    if (!done) yield* { [Symbol.asyncIterator]: () => iterator };
  }
  return { head: Buffer.concat(read).subarray(0, bytes), rest: rest() };
}

function toRejection(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = (error as CsvError & { lines?: number }).lines;
  return new ImportRejected(`This is not a valid CSV file${line ? ` (near line ${line})` : ""}: ${error.message}`);
}

/** Reads a readable stream's objects in arrays of `size`, without an await per object. */
async function* readInBatches<T>(readable: Readable, size: number): AsyncGenerator<T[]> {
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  readable.on("readable", () => wake?.());
  readable.once("end", () => {
    ended = true;
    wake?.();
  });
  readable.once("error", (error) => {
    failure = error;
    wake?.();
  });
  let batch: T[] = [];
  for (;;) {
    let item: T | null;
    while ((item = readable.read()) !== null) {
      batch.push(item);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (failure) throw failure;
    if (ended) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
  if (batch.length > 0) yield batch;
}
