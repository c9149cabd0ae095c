import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listRedemptions } from "~/api/operations.server";
import { servePath } from "~/api/serve.server";

// GET /api/v1/redemptions (app/api/operations.server.ts); other methods get 405.
export const loader = (args: LoaderFunctionArgs) => servePath([listRedemptions], args);
export const action = (args: ActionFunctionArgs) => servePath([listRedemptions], args);
