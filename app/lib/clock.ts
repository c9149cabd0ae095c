import { setTimeout as delay } from "node:timers/promises";

/**
 * Time as background work sees it. Production uses the wall clock; tests and the sync benchmark
 * pass a simulated one, so waiting for Shopify's rate-limit bucket or a lease to expire takes no
 * real time while the emulator (reading the same clock) sees the time pass.
 */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => delay(ms),
};

/** A clock that only moves when told to, or when something sleeps on it. */
export function simulatedClock(start: Date | number): Clock & { advance(ms: number): void; readonly epochMs: number } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    get epochMs() {
      return now;
    },
    advance(ms: number) {
      now += ms;
    },
    async sleep(ms: number) {
      now += Math.max(0, ms);
      // Yield like a real timer would, so other work interleaves.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
