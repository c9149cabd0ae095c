import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/features/governance/audit-page.server";

export const loader = ({ request }: LoaderFunctionArgs) => auditExport(request);
