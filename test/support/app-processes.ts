import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("./app-process-main.ts", import.meta.url));

/** A separate app process on this test file's database (see app-process-main.ts). */
export function startAppProcess(args: string[]): { child: ChildProcess; firstLine: Promise<unknown>; result: Promise<unknown> } {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  let resolveFirst!: (value: unknown) => void;
  const firstLine = new Promise((resolve) => (resolveFirst = resolve));
  child.stdout!.on("data", (data: Buffer) => {
    output += data.toString();
    const line = output.split("\n").find((text) => text.startsWith("{"));
    if (line) resolveFirst(JSON.parse(line));
  });
  const result = new Promise((resolve, reject) => {
    child.on("exit", (code, signal) => {
      const last = output.trim().split("\n").pop() ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last));
      else reject(new Error(`App process ${args.join(" ")} ended with ${signal ?? code}: ${output}`));
    });
  });
  return { child, firstLine, result };
}
