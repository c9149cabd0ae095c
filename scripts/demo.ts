// npm run demo [-- --reset] [-- --port 3000]: the offline demo store (see dev/demo/server.ts).
import path from "node:path";
import { parseArgs } from "node:util";
import { startDemo } from "../dev/demo/server";

const { values } = parseArgs({
  options: {
    reset: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT || "3000" },
  },
});

try {
  const demo = await startDemo({
    port: Number(values.port),
    dataDir: path.resolve(".demo"),
    reset: values.reset,
    hotReload: true,
    flowJourney: true,
  });
  console.info(`PromoGuard demo store${values.reset ? " (freshly seeded)" : ""}: open ${demo.url} (admin) and ${demo.url}/storefront (shoppers)`);
  void demo.flowJourney.then((journey) => {
    if (journey)
      console.info(
        `Shopify Flow ran the newsletter workflow: ${journey.assigned} codes assigned, ${journey.heldOut} subscribers held out, ${journey.orders} orders placed.`,
      );
  });
  const stop = async () => {
    await demo.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
