import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { authenticateStaff } from "~/features/access.server";
import { customerChoices } from "~/features/simulator/simulator-route.server";

// The simulator's customer picker: the shop's customers matching what the merchant typed.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await authenticateStaff(request);
  return json({ customers: await customerChoices(context, new URL(request.url).searchParams.get("query") ?? "") });
};
