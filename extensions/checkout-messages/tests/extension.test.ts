import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { BUNDLE_LIMIT_BYTES, EXTENSION_DIR, buildCheckoutMessages, readExtensionToml } from "../tools/build";
import { UNLOCK_OFFERS_KEY, UNLOCK_OFFERS_NAMESPACE } from "../src/unlock-offers";
import { NEXT_CODE_KEY, NEXT_CODE_NAMESPACE } from "../src/next-code";

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve("@shopify/ui-extensions", { paths: [EXTENSION_DIR] }));

/** The checkout targets @shopify/ui-extensions publishes, without the deprecated ones. */
function publishedCheckoutTargets(): Set<string> {
  const file = path.join(packageDir, "build/ts/surfaces/checkout/extension-targets.d.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const targets = new Set<string>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "RenderExtensionTargets") return;
    for (const member of node.members) {
      const deprecated = ts.getJSDocTags(member).some((tag) => tag.tagName.text === "deprecated");
      if (member.name && ts.isStringLiteral(member.name) && !deprecated) targets.add(member.name.text);
    }
  });
  return targets;
}

describe("the checkout-messages extension", () => {
  const toml = readExtensionToml();
  const [extension] = toml.extensions;

  it("is declared for the API version of the installed @shopify/ui-extensions, the newest stable one", () => {
    const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
    const [year, month] = version.split(".");
    expect(toml.api_version).toBe(`${year}-${month.padStart(2, "0")}`);
    expect(extension).toMatchObject({ type: "ui_extension", handle: "checkout-messages" });
  });

  it("renders on targets Shopify publishes, each from a module that exists, reading the app-owned metafields it needs", () => {
    const published = publishedCheckoutTargets();
    expect(published.size).toBeGreaterThan(20);
    expect(extension.targeting.map((entry) => entry.target)).toEqual([
      "purchase.checkout.reductions.render-after",
      "purchase.checkout.block.render",
      "purchase.thank-you.block.render",
    ]);
    for (const { target, module, metafields } of extension.targeting) {
      expect(published.has(target), target).toBe(true);
      expect(existsSync(path.join(EXTENSION_DIR, module)), module).toBe(true);
      expect(metafields?.every((metafield) => metafield.namespace === UNLOCK_OFFERS_NAMESPACE)).toBe(true);
    }
    expect(extension.targeting[0].metafields).toEqual([{ namespace: UNLOCK_OFFERS_NAMESPACE, key: UNLOCK_OFFERS_KEY }]);
    expect(extension.targeting[2].metafields).toEqual([{ namespace: NEXT_CODE_NAMESPACE, key: NEXT_CODE_KEY }]);
  });

  it("compiles, as Shopify CLI builds it, to a bundle within Shopify's 64 KB limit", async () => {
    const { code, bytes } = await buildCheckoutMessages();
    console.info(`checkout-messages bundle: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB of ${BUNDLE_LIMIT_BYTES / 1024} KB)`);
    expect(bytes).toBeLessThanOrEqual(BUNDLE_LIMIT_BYTES);
    for (const { target } of extension.targeting) expect(code).toContain(`shopify.extend("${target}"`);
  });
});
