import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { agencyContext, requireMember, requirePlaybook } from "~/features/agency/agency-route.server";
import { documentOf, findVersion, latestVersion } from "~/domain/agency/playbooks.server";
import { playbookFile } from "~/domain/agency/playbook-document";

/** GET ?version=N: the playbook version as the JSON file agencies keep in their own repositories
 * (the latest version without one). Members of the playbook's agency only. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const member = requireMember(await agencyContext(request));
  const playbook = await requirePlaybook(member, params);
  const wanted = new URL(request.url).searchParams.get("version");
  const version = wanted ? await findVersion(prisma, playbook.id, Number(wanted)) : await latestVersion(prisma, playbook.id);
  if (!version) return new Response(`This playbook has no version ${wanted}.`, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const fileName = `${
    playbook.name
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/(^-|-$)/g, "")
      .toLowerCase() || "playbook"
  }-v${version.version}.json`;
  return new Response(playbookFile(documentOf(version)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
};
