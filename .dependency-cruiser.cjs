// The layers of ARCHITECTURE.md between app/'s folders, checked on the import graph by
// dependency-cruiser (`npm run lint`): no import cycle, and no arrow that points back up
// (routes → features / api → components → domain → shopify, lib, db). Type-only imports are
// allowed where a lower layer names the shape an upper one hands it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "A module cycle (type-only imports aside) makes the load order matter and the layers meaningless.",
      severity: "error",
      from: { path: "^app/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-below-the-app",
      comment: "The domain knows no HTTP and no UI: routes, features, components and the API import it, never the reverse.",
      severity: "error",
      from: { path: "^app/domain/" },
      to: { path: "^app/(routes|features|components|api)/|^app/(shopify\\.server|entry\\.server|root)\\.tsx?$" },
    },
    {
      name: "domain-not-job-wiring",
      comment: "The domain enqueues jobs through the queue; only the wiring (handlers, start) knows every domain.",
      severity: "error",
      from: { path: "^app/domain/" },
      to: { path: "^app/jobs/(handlers|start)\\.server" },
    },
    {
      name: "queue-below-the-domain",
      comment: "The job queue is infrastructure the domain uses; only handlers.server.ts and start.server.ts wire domains in.",
      severity: "error",
      from: { path: "^app/jobs/", pathNot: "^app/jobs/(handlers|start)\\.server" },
      to: { path: "^app/(domain|features|routes|components|api)/" },
    },
    {
      name: "shopify-below-the-domain",
      comment: "app/shopify/ talks to Shopify; it may name a domain type it fills in, never call the domain.",
      severity: "error",
      from: { path: "^app/shopify/" },
      to: { path: "^app/(domain|features|routes|components|api|jobs)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "lib-is-neutral",
      comment: "app/lib/ holds generic utilities (clock, backoff, formatting, CSV) that know no feature.",
      severity: "error",
      from: { path: "^app/lib/" },
      to: { path: "^app/(domain|features|routes|components|api|jobs|shopify)/" },
    },
    {
      name: "features-not-components",
      comment: "Route-facing server modules import no UI; what both need lives in the domain or lib.",
      severity: "error",
      from: { path: "^app/features/" },
      to: { path: "^app/components/" },
    },
    {
      name: "components-no-server-values",
      comment: "Components are UI only: a server module's types may be named, its values never imported.",
      severity: "error",
      from: { path: "^app/components/" },
      to: { path: "\\.server\\.tsx?$", dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^app/types/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
  },
};
