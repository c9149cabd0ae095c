import { describe, expect, it } from "vitest";
import { refuseRealCredentials } from "../dev/demo/server";
import { DEMO_API_KEY } from "../dev/demo/session";

describe("demo mode", () => {
  it("refuses to start when real Shopify credentials are configured", () => {
    expect(() => refuseRealCredentials({ SHOPIFY_API_KEY: "a1b2c3", SHOPIFY_API_SECRET: "shpss_x" })).toThrow(
      /Demo mode refuses to start: SHOPIFY_API_KEY and SHOPIFY_API_SECRET are set/,
    );
    expect(() => refuseRealCredentials({ SHOPIFY_API_SECRET: "shpss_x" })).toThrow(/SHOPIFY_API_SECRET is set/);
  });

  it("starts without credentials, or with the demo's own", () => {
    expect(() => refuseRealCredentials({})).not.toThrow();
    expect(() => refuseRealCredentials({ SHOPIFY_API_KEY: DEMO_API_KEY, SHOPIFY_API_SECRET: "demo-run-secret" })).not.toThrow();
  });
});
