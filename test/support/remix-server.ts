import type { AddressInfo } from "node:net";
import { createRequestHandler as createExpressHandler } from "@remix-run/express";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import express from "express";
import { createServer, type ViteDevServer } from "vite";

/**
 * The whole Remix app (every route, root, entry.server) served in-process through Vite, so a
 * test sends a Request and gets the same Response a browser would.
 */
export async function startRemixApp() {
  const { vite, build } = await loadApp();
  const handle = createRequestHandler(build, "production");
  return {
    fetch: (request: Request) => handle(request),
    close: () => vite.close(),
  };
}

/**
 * The same app behind a real HTTP server on a local port, through the stack `npm start` serves
 * it with (remix-serve: Express and @remix-run/express), for what only a socket shows: how a
 * request body that is not read to its end is answered.
 */
export async function startRemixHttpServer() {
  const { vite, build } = await loadApp();
  const server = express()
    .all("*", createExpressHandler({ build, mode: "production" }))
    .listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await vite.close();
    },
  };
}

async function loadApp() {
  const vite: ViteDevServer = await createServer({
    server: { middlewareMode: true, hmr: false },
    appType: "custom",
    logLevel: "error",
  });
  return { vite, build: (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild };
}
