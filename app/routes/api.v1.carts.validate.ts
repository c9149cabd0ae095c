import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { validateCart } from "~/api/operations.server";
import { servePath } from "~/api/serve.server";

// POST /api/v1/carts/validate (app/api/operations.server.ts); other methods get 405.
export const loader = (args: LoaderFunctionArgs) => servePath([validateCart], args);
export const action = (args: ActionFunctionArgs) => servePath([validateCart], args);
