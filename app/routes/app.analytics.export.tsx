import type { LoaderFunctionArgs } from "@remix-run/node";
import { analyticsExport } from "~/features/analytics/export.server";

export const loader = ({ request }: LoaderFunctionArgs) => analyticsExport(request);
