import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { SPEND_MORE_ASSET, THEME_EXTENSION_DIR, buildSpendMoreAsset } from "../tools/build-assets";

const file = (...parts: string[]) => readFileSync(path.join(THEME_EXTENSION_DIR, ...parts), "utf8");

function blockSchema(name: string): {
  target: string;
  javascript?: string;
  stylesheet?: string;
  enabled_on?: { templates?: string[] };
  settings: { id: string; type: string }[];
} {
  const match = /{%\s*schema\s*%}([\s\S]*?){%\s*endschema\s*%}/.exec(file("blocks", name));
  if (!match) throw new Error(`${name} has no schema`);
  return JSON.parse(match[1]);
}

describe("the cart-messages theme app extension", () => {
  it("is a theme extension with an app block for the cart and an app embed for cart drawers", () => {
    expect(parse(file("shopify.extension.toml"))).toMatchObject({ type: "theme", name: "PromoGuard cart messages" });
    expect(readdirSync(path.join(THEME_EXTENSION_DIR, "blocks")).sort()).toEqual(["spend-more-embed.liquid", "spend-more.liquid"]);
    expect(blockSchema("spend-more.liquid")).toMatchObject({ target: "section", enabled_on: { templates: ["cart"] } });
    expect(blockSchema("spend-more-embed.liquid")).toMatchObject({ target: "body" });
  });

  it("loads only assets the extension has, and both blocks render the same snippet", () => {
    for (const block of ["spend-more.liquid", "spend-more-embed.liquid"]) {
      const schema = blockSchema(block);
      for (const asset of [schema.javascript, schema.stylesheet]) expect(existsSync(path.join(THEME_EXTENSION_DIR, "assets", asset!)), asset).toBe(true);
      expect(file("blocks", block)).toMatch(/{% render 'spend-more'/);
    }
    expect(file("snippets", "spend-more.liquid")).toContain("shop.metafields['$app:promoguard']['unlock-offers'].value");
  });

  it("ships assets/spend-more.js as built from src/ (run `npm run build -w cart-messages` after changing it)", async () => {
    expect(readFileSync(SPEND_MORE_ASSET, "utf8")).toBe(await buildSpendMoreAsset());
  });
});
