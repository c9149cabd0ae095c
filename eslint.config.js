import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The layers of ARCHITECTURE.md, checked: routes → features → domain → shopify/, db.
const noServerModulesHere = {
  rules: {
    "ui-only": {
      meta: { type: "problem", schema: [] },
      create: (context) => ({
        Program(node) {
          if (/\.server\.tsx?$/.test(context.filename)) {
            context.report({ node, message: "app/components/ is UI only: a server module belongs in app/features/ (or app/domain/ when it knows no HTTP)." });
          }
        },
      }),
    },
  },
};
const appNeverImportsDev = { group: ["**/dev/**", "../dev/*", "../../dev/*"], message: "app/ never imports dev/ (the emulator and the demo): share through packages/." };

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "app/types/**",
      ".cache/**",
      ".shopify-schemas/**",
      "extensions/*/dist/**",
      // Built from src/ (a test keeps them equal); theme app extensions ship assets as they are.
      "extensions/cart-messages/assets/**",
      "test-results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    files: ["scripts/**", "bench/**", "**/bench/**", "dev/**", "packages/*/tests/test-functions/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [appNeverImportsDev] }] },
  },
  {
    files: ["app/components/**"],
    plugins: { layers: noServerModulesHere },
    rules: {
      "layers/ui-only": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            appNeverImportsDev,
            { group: ["**/*.server", "*.server", "~/db.server"], allowTypeImports: true, message: "Components import no server module (types only): the route passes them the data." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@remix-run/node", message: "The domain knows no HTTP: throw a typed domain error and let app/features/ answer it." },
            { name: "@remix-run/react", message: "The domain knows no HTTP or UI." },
            { name: "@shopify/polaris", message: "The domain knows no Polaris." },
            { name: "react", message: "The domain knows no UI." },
            { name: "~/shopify.server", message: "The domain takes the Admin client it needs; authentication is app/features/access.server.ts's." },
          ],
          patterns: [appNeverImportsDev, { group: ["~/routes/*", "~/features/*", "~/components/*", "~/api/*"], message: "The domain sits below routes, features, components and the API: they import it, never the reverse." }],
        },
      ],
    },
  },
);
