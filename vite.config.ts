import { vitePlugin as remix } from "@remix-run/dev";
import { installGlobals } from "@remix-run/node";
import { defineConfig, type UserConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

installGlobals({ nativeFetch: true });

// Shopify CLI's tunnel sets SHOPIFY_APP_URL; Vite needs its host for HMR and allowed hosts.
const host = new URL(process.env.SHOPIFY_APP_URL || "http://localhost").hostname;
const hmrConfig =
  host === "localhost"
    ? { protocol: "ws", host: "localhost", port: 64999, clientPort: 64999 }
    : { protocol: "wss", host, port: Number(process.env.FRONTEND_PORT) || 8002, clientPort: 443 };

export default defineConfig({
  server: {
    allowedHosts: [host],
    cors: { preflightContinue: true },
    port: Number(process.env.PORT || 3000),
    hmr: hmrConfig,
    fs: { allow: ["app", "node_modules"] },
  },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: false,
      },
    }),
    tsconfigPaths(),
  ],
  build: { assetsInlineLimit: 0 },
  // Pre-bundled up front: when Vite discovers a dependency on the first page load it
  // re-optimizes, and a browser that was already hydrating sees two copies of React.
  optimizeDeps: {
    include: [
      "react",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "react-dom/client",
      "@remix-run/react",
      "@shopify/app-bridge-react",
      "@shopify/polaris",
      "@shopify/polaris-icons",
      "@shopify/polaris-viz",
      "@shopify/shopify-app-remix/react",
      // Server-only, but Vite's dev server still follows route modules' loader imports in the
      // browser (the production build drops them): listing them avoids a late re-optimization.
      "@shopify/shopify-app-remix/server",
      "@shopify/shopify-app-remix/adapters/node",
      "@shopify/shopify-api",
      "@shopify/shopify-api/runtime",
      "@shopify/shopify-app-session-storage-prisma",
      "@prisma/adapter-better-sqlite3",
      "@prisma/adapter-pg",
      "pg",
      "@prisma/client",
      "@remix-run/node",
      "better-sqlite3",
      "nodemailer",
      "csv-parse",
      "csv-parse/sync",
      "csv-stringify/sync",
      "temporal-polyfill",
      "zod",
      "@conform-to/zod",
      "graphql",
      "quickjs-emscripten",
    ],
  },
}) satisfies UserConfig;
