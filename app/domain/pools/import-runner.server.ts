import os from "node:os";

// Who runs an import. SQLite lives on one machine, so the import's process is usually on this
// host and its death is seen at once (no such process any more); a runner on another host (a
// second container on the same volume) is judged by its heartbeat.
export const HEARTBEAT_EVERY_MS = 5_000;
const SILENT_FOR_MS = 60_000;

export const THIS_RUNNER = `${os.hostname()} ${process.pid}`;

/** Whether the process that ran an import is gone, so the import can never finish. */
export function runnerIsGone(runner: string | null, heartbeatAt: Date | null, now: Date): boolean {
  const [host, pid] = (runner ?? "").split(" ");
  if (host === os.hostname() && /^\d+$/.test(pid ?? "")) return !processIsAlive(Number(pid));
  return heartbeatAt === null || now.getTime() - heartbeatAt.getTime() > SILENT_FOR_MS;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
