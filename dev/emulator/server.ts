import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ShopifyEmulator } from "./emulator";

export interface EmulatorServerOptions {
  port?: number;
  host?: string;
  /** The shop a request means when its Host header is not one of the emulator's shops. */
  shop?: string;
}

export interface EmulatorServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the emulator over plain HTTP (the demo runs it standalone). A request reaches the
 * shop its Host header names, so `curl -H "Host: demo.myshopify.com"` works; otherwise the
 * configured or default shop answers.
 */
export async function startEmulatorServer(emulator: ShopifyEmulator, options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const server = createServer((incoming, outgoing) => {
    relay(emulator, options, incoming, outgoing).catch((error: unknown) => {
      outgoing.statusCode = 500;
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function relay(emulator: ShopifyEmulator, options: EmulatorServerOptions, incoming: IncomingMessage, outgoing: ServerResponse) {
  const host = (incoming.headers.host ?? "").replace(/:\d+$/, "");
  const shop = emulator.shops().includes(host) ? host : (options.shop ?? emulator.defaultShop);
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const method = incoming.method ?? "GET";
  const request = new Request(`https://${shop}${incoming.url ?? "/"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
  });
  const response = await emulator.fetch(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}
