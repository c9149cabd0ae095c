import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AssignWorkerReport, AssignWorkerTask } from "./assign-worker";

const WORKER = fileURLToPath(new URL("./assign-worker.ts", import.meta.url));

/** Runs each task in its own Node process (TypeScript through tsx) and collects the reports. */
export function runAssignWorkers(tasks: AssignWorkerTask[]): Promise<AssignWorkerReport[]> {
  return Promise.all(
    tasks.map(
      (task) =>
        new Promise<AssignWorkerReport>((resolve, reject) => {
          const child = fork(WORKER, { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
          let report: AssignWorkerReport | null = null;
          child.once("message", (message) => (report = message as AssignWorkerReport));
          child.once("error", reject);
          child.once("exit", (code) =>
            report && code === 0 ? resolve(report) : reject(new Error(`Assignment worker ${task.label} exited with code ${code}`)),
          );
          child.send(task);
        }),
    ),
  );
}
