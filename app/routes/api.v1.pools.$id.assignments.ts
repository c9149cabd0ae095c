import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { assignCode } from "~/api/operations.server";
import { servePath } from "~/api/serve.server";

// POST /api/v1/pools/{id}/assignments (app/api/operations.server.ts); other methods get 405.
export const loader = (args: LoaderFunctionArgs) => servePath([assignCode], args);
export const action = (args: ActionFunctionArgs) => servePath([assignCode], args);
