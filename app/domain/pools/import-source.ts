import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";

/** A file the import refuses as a whole: nothing from it is kept. */
export class ImportRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRejected";
  }
}

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export const IMPORT_POLICY =
  "A file is rejected as a whole, and nothing from it is imported, when it is not a CSV text file, is larger than " +
  `${MAX_IMPORT_BYTES / 1024 / 1024} MB, has no code column or contains no codes. Otherwise every valid row is imported and ` +
  "each skipped row is listed with its row number and the reason: a duplicate (within the file, already in this pool or " +
  "in another of your pools) or an invalid value.";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function tooLarge(maxBytes: number) {
  return new ImportRejected(`The file is larger than ${maxBytes / 1024 / 1024} MB. Split it into smaller files.`);
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
  /** Bytes of the input read so far. */
  bytesRead: number;
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
  // Blank lines stay in (as [""]) so that record numbers are the file's row numbers.
  const parser = parse({ bom: true, relax_column_count: true, max_record_size: 1024 * 1024 });
  const piping = pipeline(Readable.from(input), guard, parser);
  piping.catch(() => {
    // The same error reaches the parser's reader below, which reports it.
  });
  try {
    for await (const records of readInBatches<string[]>(parser, batchSize)) yield { records, bytesRead: guard.bytes };
    await piping;
  } catch (error) {
    throw toRejection(error);
  } finally {
    parser.destroy();
  }
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
