import { openApiDocument } from "~/api/openapi.server";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, public (no key needed).
export const loader = () =>
  new Response(JSON.stringify(openApiDocument()), { headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" } });
