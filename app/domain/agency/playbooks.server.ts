// Playbooks and their versions. A version is written once and never changed: editing variables or
// importing a file makes the next one, and a store's campaigns remember the version they came from.
// Every query is scoped by the agency, so another agency's playbook id is simply not found.
import type { Playbook, PlaybookVersion } from "@prisma/client";
import type { Database } from "~/db.server";
import { isUniqueViolation } from "~/database-errors";
import { Conflict, InvalidInput, onField } from "~/domain/errors";
import type { Membership } from "./agencies.server";
import { PLAYBOOK_NAME_MAX, storedDocument, type PlaybookDocument } from "./playbook-document";

export type VersionOrigin = "captured" | "edited" | "imported";

export async function findPlaybook(db: Database, agencyId: number, id: number): Promise<Playbook | null> {
  if (!Number.isSafeInteger(id)) return null;
  return db.playbook.findFirst({ where: { id, agencyId } });
}

export async function listPlaybooks(db: Database, agencyId: number) {
  const playbooks = await db.playbook.findMany({
    where: { agencyId },
    orderBy: { nameKey: "asc" },
    include: {
      versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, createdAt: true, authorName: true } },
      _count: { select: { applications: true } },
    },
  });
  return playbooks.map((playbook) => ({
    id: playbook.id,
    name: playbook.name,
    version: playbook.versions[0]?.version ?? 0,
    updatedAt: playbook.versions[0]?.createdAt ?? playbook.createdAt,
    updatedBy: playbook.versions[0]?.authorName ?? "",
    applications: playbook._count.applications,
  }));
}

export async function latestVersion(db: Database, playbookId: number): Promise<PlaybookVersion> {
  return db.playbookVersion.findFirstOrThrow({ where: { playbookId }, orderBy: { version: "desc" } });
}

export async function findVersion(db: Database, playbookId: number, version: number): Promise<PlaybookVersion | null> {
  if (!Number.isSafeInteger(version)) return null;
  return db.playbookVersion.findUnique({ where: { playbookId_version: { playbookId, version } } });
}

export async function versionsOf(db: Database, playbookId: number) {
  return db.playbookVersion.findMany({
    where: { playbookId },
    orderBy: { version: "desc" },
    select: { version: true, note: true, origin: true, sourceShop: true, authorName: true, createdAt: true },
  });
}

export const documentOf = (version: PlaybookVersion): PlaybookDocument => storedDocument(version.document);

function checkName(name: string): string | null {
  if (!name.trim()) return "Enter a name for the playbook.";
  if (name.trim().length > PLAYBOOK_NAME_MAX) return `Playbook names are at most ${PLAYBOOK_NAME_MAX} characters.`;
  return null;
}

/** A new playbook of the member's agency, its document as version 1. */
export async function createPlaybook(
  db: Database,
  member: Membership,
  document: PlaybookDocument,
  origin: VersionOrigin,
  sourceShop: string | null,
): Promise<{ playbook: Playbook }> {
  const name = document.name.trim();
  const problem = checkName(name);
  if (problem) throw new InvalidInput({ name: problem });
  try {
    const playbook = await db.playbook.create({
      data: {
        agencyId: member.agencyId,
        name,
        nameKey: name.toLowerCase(),
        versions: {
          create: {
            version: 1,
            document: JSON.stringify({ ...document, name }),
            origin,
            sourceShop,
            authorUserId: member.userId,
            authorName: member.name,
            note: origin === "imported" ? "Imported from a file" : "",
          },
        },
      },
    });
    return { playbook };
  } catch (error) {
    if (isUniqueViolation(error))
      throw onField(
        Conflict,
        "name",
        `Your agency already has a playbook named “${name}”. Choose another name, or import the file as a new version of that playbook.`,
      );
    throw error;
  }
}

/** The next version of the playbook (its name stays the playbook's). */
export async function addVersion(
  db: Database,
  member: Membership,
  playbook: Playbook,
  document: PlaybookDocument,
  origin: VersionOrigin,
  note: string,
): Promise<{ version: number }> {
  const latest = await latestVersion(db, playbook.id);
  const version = latest.version + 1;
  try {
    await db.playbookVersion.create({
      data: {
        playbookId: playbook.id,
        version,
        document: JSON.stringify({ ...document, name: playbook.name }),
        origin,
        authorUserId: member.userId,
        authorName: member.name,
        note: note.trim().slice(0, 500),
      },
    });
  } catch (error) {
    // Two people saved at once: the other version won; this one is not written over it.
    if (isUniqueViolation(error)) throw new Conflict("Someone saved a newer version of this playbook meanwhile. Reload the page and make your change again.");
    throw error;
  }
  await db.playbook.update({ where: { id: playbook.id }, data: { updatedAt: new Date() } });
  return { version };
}

/** The playbook's applications, newest first. */
export async function applicationsOf(db: Database, playbookId: number, take = 50) {
  const rows = await db.playbookApplication.findMany({
    where: { playbookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { shop: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    store: row.shop.name || row.shopDomain,
    actorName: row.actorName,
    createdAt: row.createdAt,
    report: row.report as unknown,
  }));
}
