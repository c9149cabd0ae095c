import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listCampaigns } from "~/api/operations.server";
import { servePath } from "~/api/serve.server";

// GET /api/v1/campaigns (app/api/operations.server.ts); other methods get 405.
export const loader = (args: LoaderFunctionArgs) => servePath([listCampaigns], args);
export const action = (args: ActionFunctionArgs) => servePath([listCampaigns], args);
