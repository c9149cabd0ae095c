// The extension's contract with Shopify, checked offline against the Discount Function API
// 2026-10 schema: the committed SDL, the input queries, the TOML, and the checkers themselves.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, print, visit } from "graphql";
import type { DocumentNode } from "graphql";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { CAMPAIGN_CONFIG_KEY, METAFIELD_NAMESPACE, NEUTRAL_SCHEDULE_VARIABLES, STACKING_CATALOGUE_KEY } from "../src/config/types";
import { CONDITIONS } from "../src/config/conditions";
import { validateCatalogue } from "../src/config/catalogue";
import { validateForPublishing } from "../src/config/validate";
import { API_VERSION, SCHEMA_FILE, generateSchemaSDL } from "../scripts/generate-schema";
import { heavyCampaignConfig } from "../bench/heavy-cart";
import type { FunctionTarget } from "../tools/quickjs-runner";
import {
  EXTENSION_ROOT, TARGETS, inputProblems, outputProblems, queryErrors, queryVariables, readQuery, variableProblems,
} from "./support/function-schema";
import { everyConditionConfig } from "./support/largest-config";
import { runInput } from "./support/cart";

const TARGET_NAMES = Object.keys(TARGETS) as FunctionTarget[];

interface ExtensionToml {
  api_version: string;
  extensions: {
    type: string;
    handle: string;
    targeting: { target: string; input_query: string; export: string }[];
    input: { variables: { namespace: string; key: string } };
    build: { command: string; path: string };
    ui: { paths: { create: string; details: string } };
  }[];
}

const toml = parseToml(readFileSync(join(EXTENSION_ROOT, "shopify.extension.toml"), "utf8")) as unknown as ExtensionToml;
const [extension] = toml.extensions;

describe("schema.graphql", () => {
  it("is exactly what the pinned introspection data produces", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(generateSchemaSDL());
  });
});

describe("input queries", () => {
  it.each(TARGET_NAMES)("%s validates against the function schema", (target) => {
    expect(queryErrors(target)).toEqual([]);
  });

  it("read the campaign config and the stacking catalogue from PromoGuard's app metafields", () => {
    for (const target of TARGET_NAMES) {
      const metafields: string[] = [];
      visit(readQuery(target), {
        Field: (node) => {
          if (node.name.value !== "metafield") return;
          const args = Object.fromEntries((node.arguments ?? []).map((arg) => [arg.name.value, arg.value.kind === Kind.STRING ? arg.value.value : "?"]));
          metafields.push(`${node.alias?.value}=${args.namespace}/${args.key}`);
        },
      });
      expect(metafields).toEqual([
        `config=${METAFIELD_NAMESPACE}/${CAMPAIGN_CONFIG_KEY}`,
        `stackingCatalogue=${METAFIELD_NAMESPACE}/${STACKING_CATALOGUE_KEY}`,
      ]);
    }
  });

  it("declare only variables that are config keys, and every query-evaluated condition key", () => {
    const conditionVariables = CONDITIONS.flatMap((condition) => condition.queryVariables);
    for (const target of TARGET_NAMES) {
      expect([...queryVariables(target).keys()].sort()).toEqual([...conditionVariables, "buyCollectionIds"].sort());
    }
  });

  it("default the schedule variables to the neutral values published configs carry", () => {
    for (const target of TARGET_NAMES) {
      const operation = readQuery(target).definitions[0];
      const defaults = operation.kind === Kind.OPERATION_DEFINITION
        ? Object.fromEntries((operation.variableDefinitions ?? [])
          .filter((definition) => definition.defaultValue !== undefined)
          .map((definition) => [definition.variable.name.value, definition.defaultValue?.kind === Kind.STRING ? definition.defaultValue.value : "?"]))
        : {};
      expect(defaults).toEqual(NEUTRAL_SCHEDULE_VARIABLES);
    }
  });

  it("accept the variables of the largest and the heavy configs", () => {
    for (const target of TARGET_NAMES) {
      expect(variableProblems(target, everyConditionConfig(224) as unknown as Record<string, unknown>)).toEqual([]);
      expect(variableProblems(target, heavyCampaignConfig() as unknown as Record<string, unknown>)).toEqual([]);
    }
  });

  it("differ only by the delivery options the delivery target discounts", () => {
    const withoutDeliveryOptions = (document: DocumentNode) => print(visit(document, {
      OperationDefinition: (node) => ({ ...node, name: undefined }),
      Field: (node) => (node.name.value === "deliveryOptions" ? null : undefined),
    }));
    const lines = withoutDeliveryOptions(readQuery("cart.lines.discounts.generate.run"));
    const delivery = withoutDeliveryOptions(readQuery("cart.delivery-options.discounts.generate.run"));
    // The delivery query adds the group id; everything else is shared.
    expect(delivery.replace("deliveryGroups {\n      id\n", "deliveryGroups {\n")).toBe(lines);
  });
});

describe("shopify.extension.toml", () => {
  it("targets API 2026-10 as a function extension", () => {
    expect(toml.api_version).toBe(API_VERSION);
    expect(extension.type).toBe("function");
    expect(extension.handle).toBe("promo-discount");
  });

  it("declares both targets with their input queries and kebab-case exports matching the bundle's exports", () => {
    expect(extension.targeting.map((targeting) => targeting.target).sort()).toEqual([...TARGET_NAMES].sort());
    for (const targeting of extension.targeting) {
      const target = TARGETS[targeting.target as FunctionTarget];
      expect(join(EXTENSION_ROOT, targeting.input_query)).toBe(target.query);
      expect(existsSync(target.query)).toBe(true);
      expect(targeting.export).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const camelCase = targeting.export.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
      expect(camelCase).toBe(target.exportName);
    }
  });

  it("reads input-query variables from the campaign config metafield", () => {
    expect(extension.input.variables).toEqual({ namespace: METAFIELD_NAMESPACE, key: CAMPAIGN_CONFIG_KEY });
  });

  it("lets the CLI build the JavaScript function to dist/function.wasm, with admin UI paths", () => {
    expect(extension.build).toMatchObject({ command: "", path: "dist/function.wasm" });
    expect(extension.ui.paths.create).toMatch(/^\/app\//);
    expect(extension.ui.paths.details).toContain(":id");
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(EXTENSION_ROOT, "package.json"), "utf8")) as Record<string, unknown>;

  it("is a private ESM workspace package without dependencies of its own", () => {
    expect(pkg).toMatchObject({ name: "promo-discount", private: true, type: "module" });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
  });

  it("exports the shared config module, the engine and the QuickJS runner", () => {
    const exportsMap = pkg.exports as Record<string, string>;
    expect(Object.keys(exportsMap)).toEqual(["./config", "./engine", "./quickjs-runner"]);
    for (const file of Object.values(exportsMap)) expect(existsSync(join(EXTENSION_ROOT, file))).toBe(true);
  });
});

describe("README", () => {
  const blocks = [...readFileSync(join(EXTENSION_ROOT, "README.md"), "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]) as unknown);

  it("shows a campaign config as published and a catalogue that both validate", () => {
    expect(blocks).toHaveLength(2);
    const published = validateForPublishing(blocks[0]);
    expect(published.ok && published.value).toEqual(blocks[0]);
    expect(validateCatalogue(blocks[1]).ok).toBe(true);
  });
});

describe("the offline checkers catch what Shopify would refuse", () => {
  const target: FunctionTarget = "cart.lines.discounts.generate.run";
  const candidate = { targets: [{ cartLine: { id: "gid://shopify/CartLine/1" } }], value: { percentage: { value: "10" } }, message: "10% off" };

  it("accepts a well-formed output", () => {
    expect(outputProblems(target, { operations: [{ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST" } }] })).toEqual([]);
  });

  it.each([
    ["an unknown field", { operations: [{ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "FIRST", extra: 1 } }] },
      "output.operations[0].productDiscountsAdd.extra: not a field of ProductDiscountsAddOperation"],
    ["two operations in one", { operations: [{ productDiscountsAdd: { candidates: [], selectionStrategy: "FIRST" }, orderDiscountsAdd: { candidates: [], selectionStrategy: "FIRST" } }] },
      "output.operations[0]: CartOperation takes exactly one of productDiscountsAdd, orderDiscountsAdd, enteredDiscountCodesAccept, enteredDiscountCodesReject"],
    ["a number where a Decimal string goes", { operations: [{ productDiscountsAdd: { candidates: [{ ...candidate, value: { percentage: { value: 10 } } }], selectionStrategy: "FIRST" } }] },
      "output.operations[0].productDiscountsAdd.candidates[0].value.percentage.value: 10 is not a valid Decimal"],
    ["an unknown enum value", { operations: [{ productDiscountsAdd: { candidates: [candidate], selectionStrategy: "BEST" } }] },
      'output.operations[0].productDiscountsAdd.selectionStrategy: "BEST" is not a ProductDiscountSelectionStrategy'],
    ["a missing required field", { operations: [{ enteredDiscountCodesReject: { codes: [{ code: "A" }] } }] },
      "output.operations[0].enteredDiscountCodesReject.message: required"],
  ])("refuses %s", (_case, output, problem) => {
    expect(outputProblems(target, output)).toContain(problem);
  });

  it("refuses an input that misses, adds or mistypes selected fields", () => {
    const input = runInput() as unknown as Record<string, unknown>;
    expect(inputProblems(target, input)).toEqual([]);
    const { presentmentCurrencyRate: _dropped, ...missing } = input;
    expect(inputProblems(target, missing)).toEqual(["input.presentmentCurrencyRate: missing"]);
    expect(inputProblems(target, { ...input, extra: true })).toEqual(["input.extra: not selected by the query"]);
    expect(inputProblems(target, { ...input, enteredDiscountCodes: [{ code: "A", rejectable: "yes" }] })).toEqual([
      'input.enteredDiscountCodes[0].rejectable: "yes" is not a valid Boolean',
    ]);
    const cart = input.cart as { lines: { merchandise: Record<string, unknown> }[] };
    const customLine = { ...cart.lines[0], merchandise: { __typename: "CustomProduct", id: "x" } };
    expect(inputProblems(target, { ...input, cart: { ...cart, lines: [customLine] } })).toEqual(["input.cart.lines[0].merchandise.id: not selected by the query"]);
  });

  it("refuses a config whose variable values Shopify could not use", () => {
    expect(variableProblems(target, { includedCollectionIds: "gid://shopify/Collection/1" })).toEqual(["config.includedCollectionIds: expected a list"]);
    expect(variableProblems(target, { startsAt: 20261127 })).toEqual(["config.startsAt: 20261127 is not a valid DateTimeWithoutTimezone"]);
  });

  it("knows the query's operation kind", () => {
    expect(readQuery(target).definitions[0].kind).toBe(Kind.OPERATION_DEFINITION);
  });
});
