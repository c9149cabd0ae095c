import { expect } from "vitest";
import { createShopifyEmulator, type ShopifyEmulator, type ShopifyEmulatorOptions } from "../index";

export const SHOP = "test-shop.myshopify.com";
export const START = Date.parse("2026-11-02T12:00:00Z");

/** A clock tests move by hand, so time-dependent behaviour is deterministic. */
export function manualClock(start = START) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function testEmulator(options: ShopifyEmulatorOptions = {}) {
  const clock = manualClock();
  const emulator = createShopifyEmulator({ shops: [SHOP], now: clock.now, ...options });
  return { emulator, clock };
}

/** Runs a document and returns its data, failing the test on any GraphQL error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response JSON by path
export function query<Data = Record<string, any>>(emulator: ShopifyEmulator, document: string, variables?: Record<string, unknown>): Data {
  const response = emulator.graphql(emulator.defaultShop, document, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as Data;
}

/** Runs a document expected to fail and returns its errors. */
export function errorsOf(emulator: ShopifyEmulator, document: string, variables?: Record<string, unknown>) {
  const response = emulator.graphql(emulator.defaultShop, document, variables);
  expect(response.errors).toBeDefined();
  return response.errors!;
}
