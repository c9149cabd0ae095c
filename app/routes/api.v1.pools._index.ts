import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listPools } from "~/api/operations.server";
import { servePath } from "~/api/serve.server";

// GET /api/v1/pools (app/api/operations.server.ts); other methods get 405.
export const loader = (args: LoaderFunctionArgs) => servePath([listPools], args);
export const action = (args: ActionFunctionArgs) => servePath([listPools], args);
