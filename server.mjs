// `npm start`: the production server, one process. The admin app is served as remix-serve serves
// it (compression, static files, a request log, Remix); the public API (/api/v1) is answered
// before all of that by its own router (app/api/router.server.ts, exported by the server build's
// entry), so an assignment pays for the assignment rather than the page stack.
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

process.env.NODE_ENV ??= "production";
installGlobals({ nativeFetch: true });
const build = await import(pathToFileURL(path.resolve(process.argv[2] ?? "build/server/index.js")).href);
const { answerApiRequest } = build.entry.module;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(morgan("tiny"));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = http.createServer((req, res) => {
  if (!req.url?.startsWith("/api/v1/")) return app(req, res);
  const request = fetchRequest(req);
  const answer = answerApiRequest(request);
  if (!answer) return app(req, res);
  answer.then(
    (response) => send(res, response),
    (error) => {
      // servePath answers every problem itself; this is only a last resort.
      console.error("API request failed", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/problem+json" });
      res.end(JSON.stringify({ type: "urn:promoguard:problem:internal", title: "Internal error", status: 500 }));
    },
  );
});

function fetchRequest(req) {
  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index], req.rawHeaders[index + 1]);
  const url = new URL(req.url, `http://${req.headers.host ?? "localhost"}`);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Readable.toWeb(req);
  return new Request(url, { method: req.method, headers, body, duplex: "half" });
}

async function send(res, response) {
  const headers = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

// A client that keeps connections open (an API caller's HTTP agent, a load balancer) may send its
// next request on a connection at the very moment the server closes it for being idle: the
// request then fails with ECONNRESET ("socket hang up") without reaching the app. Node closes
// idle connections after 5 s; load balancers keep theirs for 60 s (AWS, Google) and expect the
// server to wait longer than they do, so it waits 65 s (KEEP_ALIVE_TIMEOUT_MS), and reads a
// request's headers for as long.
server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS) || 65_000;
server.headersTimeout = server.keepAliveTimeout + 1_000;

const port = Number(process.env.PORT) || 3000;
const onListen = () => console.info(`PromoGuard listening on http://localhost:${port}`);
if (process.env.HOST) server.listen(port, process.env.HOST, onListen);
else server.listen(port, onListen);
// Stop taking requests, let the ones in flight finish, then close the database connections: on
// PostgreSQL, Prisma's open connections would otherwise keep the process alive after SIGTERM.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () =>
    server.close(async (error) => {
      if (error) console.error(error);
      await globalThis.promoguardDatabase?.$disconnect();
      process.exit(error ? 1 : 0);
    }),
  );
}
