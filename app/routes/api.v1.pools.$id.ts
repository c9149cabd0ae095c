import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getPool } from "~/api/operations.server";
import { servePath } from "~/api/serve.server";

// GET /api/v1/pools/{id} (app/api/operations.server.ts); other methods get 405.
export const loader = (args: LoaderFunctionArgs) => servePath([getPool], args);
export const action = (args: ActionFunctionArgs) => servePath([getPool], args);
