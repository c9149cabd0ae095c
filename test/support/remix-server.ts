import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";

/**
 * The whole Remix app (every route, root, entry.server) served in-process through Vite, so a
 * test sends a Request and gets the same Response a browser would.
 */
export async function startRemixApp() {
  const vite: ViteDevServer = await createServer({
    server: { middlewareMode: true, hmr: false },
    appType: "custom",
    logLevel: "error",
  });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  return {
    fetch: (request: Request) => handle(request),
    close: () => vite.close(),
  };
}
