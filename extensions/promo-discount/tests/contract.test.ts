// The function extensions' contract with Shopify, checked offline against the Discount Function
// API 2026-10 schema: the committed SDL and generated files, every input query (validity, cost,
// size, what it reads), the variables publishing writes for them, the tomls and the packages.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Kind, print, visit } from "graphql";
import type { DocumentNode } from "graphql";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { inputQueryProblems } from "shopify-checkout/query-limits";
import { API_VERSION, SCHEMA_FILE, generateSchemaSDL, generatedFiles } from "../scripts/generate-schema";
import { CUSTOMER_USES_KEY, METAFIELD_NAMESPACE, RULES_KEY, STACKING_CATALOGUE_KEY, STOCK_KEY, VARIABLES_KEY } from "../src/checkout/rules";
import { CAMPAIGN_PROFILES, GUARD_HANDLE, QUERY_VARIABLE_KEYS, compileCampaign, validateCatalogue } from "../src/config";
import { DELIVERY_TARGET, LINES_TARGET, LINE_FIELDS } from "../src/config/profiles";
import * as campaignEntry from "../src/index";
import * as guardEntry from "../../promo-guard/src/index";
import {
  EXTENSIONS_ROOT,
  EXTENSION_ROOT,
  TARGETS,
  functionSchema,
  queryErrors,
  queryFile,
  queryVariables,
  readQuery,
  variableProblems,
} from "./support/function-schema";
import type { FunctionTarget } from "./support/function-schema";
import { compiled } from "./support/inputs";
import { QUERY_USES } from "./support/query-uses";

const CAMPAIGN_HANDLES = CAMPAIGN_PROFILES.map((profile) => profile.handle);
const BOTH_TARGETS: FunctionTarget[] = [LINES_TARGET, DELIVERY_TARGET];
const QUERIES: [string, FunctionTarget][] = [
  ...CAMPAIGN_HANDLES.flatMap((handle) => BOTH_TARGETS.map((target): [string, FunctionTarget] => [handle, target])),
  [GUARD_HANDLE, LINES_TARGET],
];

describe("schema.graphql", () => {
  it("is exactly what the pinned introspection data produces, with the directives Shopify applies", () => {
    const sdl = readFileSync(SCHEMA_FILE, "utf8");
    expect(sdl).toBe(generateSchemaSDL());
    // What lets a run's limits grow above 200 lines.
    expect(sdl).toContain("lines: [CartLine!]! @scaleLimits(rate: 0.005)");
  });
});

describe("generated files", () => {
  it.each([...generatedFiles()].map(([file, text]) => [file.slice(EXTENSIONS_ROOT.length + 1), file, text]))(
    "%s is committed as generated",
    (_name, file, text) => {
      expect(readFileSync(file, "utf8")).toBe(text);
    },
  );
});

/** The metafields a query reads, as "alias=namespace/key". */
function metafieldsRead(document: DocumentNode): string[] {
  const read: string[] = [];
  visit(document, {
    Field: (node) => {
      if (node.name.value !== "metafield") return;
      const args = Object.fromEntries((node.arguments ?? []).map((arg) => [arg.name.value, arg.value.kind === Kind.STRING ? arg.value.value : "?"]));
      read.push(`${node.alias?.value}=${args.namespace}/${args.key}`);
    },
  });
  return read;
}

function fieldNames(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  visit(document, { Field: (node) => void names.add(node.name.value) });
  return names;
}

describe.each(QUERIES)("the %s query for %s", (handle, target) => {
  const text = readFileSync(queryFile(handle, target), "utf8");

  it("validates against the schema, costs at most 30 points and is at most 3,000 bytes without comments", () => {
    expect(queryErrors(handle, target)).toEqual([]);
    expect(inputQueryProblems(functionSchema(), text)).toEqual([]);
  });

  if (handle === GUARD_HANDLE) {
    it("reads the shop's stacking catalogue, the customer's uses, the entered codes and no campaign's rules", () => {
      expect(metafieldsRead(readQuery(handle, target)).sort()).toEqual([
        `c=${METAFIELD_NAMESPACE}/${STACKING_CATALOGUE_KEY}`,
        `u=${METAFIELD_NAMESPACE}/${CUSTOMER_USES_KEY}`,
      ]);
      expect(fieldNames(readQuery(handle, target)).has("enteredDiscountCodes")).toBe(true);
    });
    return;
  }

  it("reads its discount's rules and not the stacking catalogue, nor the codes or the discount's classes", () => {
    // (1) the guard alone enforces stacking; (3) the rules' effects are the discount's classes.
    // A variant's stock count is the one other metafield, for campaigns that follow stock.
    const others = metafieldsRead(readQuery(handle, target)).filter((read) => read !== `r=${METAFIELD_NAMESPACE}/${RULES_KEY}`);
    expect(others).toEqual(handle === "promo-discount-stock" ? [`k=${METAFIELD_NAMESPACE}/${STOCK_KEY}`] : []);
    const names = fieldNames(readQuery(handle, target));
    for (const field of ["enteredDiscountCodes", "triggeringDiscountCode", "discountClasses"]) expect(names.has(field), field).toBe(false);
  });
});

describe("the variables publishing writes", () => {
  const QUERY_VARIABLE_CONFIG_KEYS = [...QUERY_VARIABLE_KEYS, "buyCollectionIds"];

  it("are exercised for every campaign extension and every config key Shopify reads as a variable", () => {
    expect([...new Set(QUERY_USES.map(({ config }) => compiled(config).functionHandle))].sort()).toEqual([...CAMPAIGN_HANDLES].sort());
    const used = new Set(QUERY_USES.flatMap(({ config }) => Object.keys(config)));
    expect(QUERY_VARIABLE_CONFIG_KEYS.filter((key) => !used.has(key))).toEqual([]);
  });

  it.each(QUERY_USES.map(({ handle, config }, index) => [index, handle, config] as const))(
    "campaign %i on %s: every variable of both queries, lists as configured, flags on exactly for lists in use",
    (_index, handle, config) => {
      const { functionHandle, variables } = compiled(config);
      expect(functionHandle).toBe(handle);
      const record = config as unknown as Record<string, unknown>;
      for (const target of BOTH_TARGETS) {
        // Shopify passes a variable the metafield leaves out as null: every one must be there, typed.
        expect(variableProblems(handle, target, variables), target).toEqual([]);
        for (const [name] of queryVariables(handle, target)) {
          const field = Object.values(LINE_FIELDS).find((candidate) => "variable" in candidate && candidate.variable === name);
          if (field === undefined) continue;
          expect(variables[name], name).toEqual(record[name] ?? []);
          expect(variables[field.flag], field.flag).toBe(record[name] !== undefined);
        }
      }
    },
  );
});

describe("the campaign queries", () => {
  it("share every cart-wide field: the delivery ones add delivery options and leave line ids out", () => {
    const cartWide = (document: DocumentNode) =>
      print(
        visit(document, {
          OperationDefinition: (node) => ({ ...node, variableDefinitions: [] }),
          Field: (node) => (node.name.value === "lines" || node.name.value === "deliveryOptions" ? null : undefined),
        }),
      );
    const shared = cartWide(readQuery("promo-discount", LINES_TARGET));
    for (const [handle, target] of QUERIES.filter(([handle]) => handle !== GUARD_HANDLE)) {
      const document = readQuery(handle, target);
      expect(cartWide(document), `${handle} ${target}`).toBe(shared);
      const text = print(document);
      expect(text.includes("deliveryOptions"), `${handle} ${target}`).toBe(target === DELIVERY_TARGET);
      expect(/lines \{\s+i: id/.test(text), `${handle} ${target}`).toBe(target === LINES_TARGET);
    }
  });

  it("ask Shopify about the blocked-customer tag first", () => {
    expect(compiled({ version: 1, effects: [{ type: "percentage", percentage: 10 }], customerTagsAny: ["vip"] }).variables.customerTags).toEqual([
      "promoguard-blocked",
      "vip",
    ]);
  });
});

interface ExtensionToml {
  api_version: string;
  extensions: {
    type: string;
    handle: string;
    targeting: { target: string; input_query: string; export: string }[];
    input?: { variables: { namespace: string; key: string } };
    build: { command: string; path: string };
    ui: { paths: { create: string; details: string } };
  }[];
}

const readToml = (handle: string) => parseToml(readFileSync(join(EXTENSIONS_ROOT, handle, "shopify.extension.toml"), "utf8")) as unknown as ExtensionToml;
/** The app's Shopify Functions (its UI and theme extensions have tests of their own). */
const functionFolders = readdirSync(EXTENSIONS_ROOT).filter(
  (folder) =>
    existsSync(join(EXTENSIONS_ROOT, folder, "shopify.extension.toml")) && readToml(folder).extensions?.some((extension) => extension.type === "function"),
);

describe("shopify.extension.toml", () => {
  it("exists for exactly the campaign profiles and the guard, each folder named by its handle", () => {
    expect(functionFolders.sort()).toEqual([...CAMPAIGN_HANDLES, GUARD_HANDLE].sort());
    for (const handle of functionFolders) expect(readToml(handle).extensions.map((extension) => extension.handle)).toEqual([handle]);
  });

  describe.each(functionFolders)("of %s", (handle) => {
    const toml = readToml(handle);
    const [extension] = toml.extensions;
    const entry: Record<string, unknown> = handle === GUARD_HANDLE ? guardEntry : campaignEntry;

    it("targets API 2026-10 as a function the CLI builds to dist/function.wasm, with admin UI paths", () => {
      expect(toml.api_version).toBe(API_VERSION);
      expect(extension.type).toBe("function");
      expect(extension.build).toMatchObject({ command: "", path: "dist/function.wasm" });
      expect(extension.ui.paths.create).toMatch(/^\/app\//);
      expect(extension.ui.paths.details).toContain(":id");
    });

    it("declares its targets with their input queries and kebab-case exports matching the entry's exports", () => {
      const targets = handle === GUARD_HANDLE ? [LINES_TARGET] : BOTH_TARGETS;
      expect(extension.targeting.map((targeting) => targeting.target).sort()).toEqual([...targets].sort());
      for (const targeting of extension.targeting) {
        const target = targeting.target as FunctionTarget;
        expect(join(EXTENSIONS_ROOT, handle, targeting.input_query)).toBe(queryFile(handle, target));
        expect(targeting.export).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        const camelCase = targeting.export.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
        expect(camelCase).toBe(TARGETS[target].exportName);
        expect(typeof entry[camelCase]).toBe("function");
      }
    });

    it(handle === GUARD_HANDLE ? "has no input variables" : "reads input-query variables from the discount's input metafield", () => {
      if (handle === GUARD_HANDLE) expect(extension.input).toBeUndefined();
      else expect(extension.input?.variables).toEqual({ namespace: METAFIELD_NAMESPACE, key: VARIABLES_KEY });
    });
  });

  it.each(CAMPAIGN_HANDLES.filter((handle) => handle !== "promo-discount"))("%s bundles the same campaign entry", async (handle) => {
    const entry = (await import(join(EXTENSIONS_ROOT, handle, "src", "index.ts"))) as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual(Object.keys(campaignEntry).sort());
    for (const name of Object.keys(campaignEntry)) expect(entry[name]).toBe((campaignEntry as Record<string, unknown>)[name]);
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(EXTENSION_ROOT, "package.json"), "utf8")) as Record<string, unknown>;

  it("is a private ESM workspace package without dependencies of its own", () => {
    expect(pkg).toMatchObject({ name: "promo-discount", private: true, type: "module" });
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
  });

  it("exports the admin's config module and the checkout evaluator", () => {
    const exportsMap = pkg.exports as Record<string, string>;
    expect(Object.keys(exportsMap)).toEqual(["./config", "./checkout"]);
    for (const file of Object.values(exportsMap)) expect(existsSync(join(EXTENSION_ROOT, file))).toBe(true);
  });
});

describe("README", () => {
  // The README is being rewritten: for now every config or catalogue it shows must be publishable.
  const blocks = [...readFileSync(join(EXTENSION_ROOT, "README.md"), "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map(
    (match) => JSON.parse(match[1]) as Record<string, unknown>,
  );

  it("shows only campaign configs that compile and catalogues that validate", () => {
    for (const block of blocks) {
      if ("campaigns" in block) expect(validateCatalogue(block).ok).toBe(true);
      else if (block.version === 1 && "effects" in block) {
        const compiled = compileCampaign(block);
        expect(compiled.ok ? [] : compiled.issues).toEqual([]);
      }
    }
  });
});
