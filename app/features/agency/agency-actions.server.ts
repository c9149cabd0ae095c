// The Playbooks pages' intent tables (app/features/intents.server.ts): each intent travels in the
// URL and is authorized before its form is read; the agency's own rules (members, admins) and the stores reached
// are checked by the domain (app/domain/agency) and answered here.
import { json, redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import prisma from "~/db.server";
import { addMember, createAgency, removeMember } from "~/domain/agency/agencies.server";
import { applyPlaybook, planApplication, type ApplyRequest } from "~/domain/agency/apply.server";
import { capturePlaybook } from "~/domain/agency/capture.server";
import { parsePlaybookFile } from "~/domain/agency/playbook-document";
import { addVersion, createPlaybook, documentOf, latestVersion } from "~/domain/agency/playbooks.server";
import { amountKey, readVariableForm } from "~/domain/agency/variables";
import { findStaff } from "~/domain/governance/staff.server";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";
import type { StaffContext } from "~/features/access.server";
import { InvalidInput, Conflict } from "~/domain/errors";
import { domainErrorResponse, failure, intent } from "~/features/intents.server";
import { adminOfStore, agencyOf, requireMember, requirePlaybook, requireTargetStore, type AgencyContext } from "./agency-route.server";

type Errors = Record<string, string>;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const ids = (form: FormData, name: string) =>
  form.getAll(name).flatMap((value) => (typeof value === "string" && /^\d{1,12}$/.test(value) ? [Number(value)] : []));

const done = (message: string) => json({ ok: true as const, done: message, errors: {} as Errors });

/** Playbooks list page's actions: form, agency of the signed-in staff member. */
type ListArgs = { context: StaffContext; form: FormData };

async function createAgencyAction({ context, form }: ListArgs) {
  const created = await createAgency(prisma, context.staff, text(form, "agencyName"));
  return done(`Agency “${created.membership.agencyName}” created`);
}

async function addMemberAction({ context, form }: ListArgs) {
  const agency = await agencyOf(context);
  const member = requireMember(agency);
  const candidate = await findStaff(prisma, agency.store.domain, Number(text(form, "staffId")));
  const added = await addMember(prisma, member, candidate, text(form, "admin") === "true");
  return done(`${added.name} joined ${member.agencyName}`);
}

async function removeMemberAction({ context, form }: ListArgs) {
  const member = requireMember(await agencyOf(context));
  const removed = await removeMember(prisma, member, Number(text(form, "memberId")));
  return done(`${removed.name} left ${member.agencyName}`);
}

async function captureAction({ context, form }: ListArgs) {
  const agency = await agencyOf(context);
  const member = requireMember(agency);
  const description = text(form, "description");
  const long = tooLong("The description", description, TEXT_LIMITS.note);
  if (long) throw new InvalidInput({ description: long });
  const { call } = await adminOfStore(agency, agency.store.domain);
  const captured = await capturePlaybook(prisma, call, agency.store, agency.ctx.staff, member, {
    name: text(form, "name"),
    description,
    campaignIds: ids(form, "campaignIds"),
    poolIds: ids(form, "poolIds"),
    includePolicy: text(form, "includePolicy") === "true",
  });
  return redirect(`/app/playbooks/${captured.playbookId}`);
}

async function importAction({ context, form }: ListArgs) {
  const member = requireMember(await agencyOf(context));
  const reading = parsePlaybookFile(text(form, "file"));
  if (!reading.ok) throw new InvalidInput({ file: reading.problems.join(" ") });
  try {
    const created = await createPlaybook(prisma, member, reading.document, "imported", null);
    return redirect(`/app/playbooks/${created.playbook.id}`);
  } catch (error) {
    // The file's playbook is what was refused (its name taken…): the message goes on the file.
    return domainErrorResponse(error, { field: "file" });
  }
}

/** The Playbooks list page's buttons, each with what it needs. */
export const PLAYBOOKS_LIST_ACTIONS = {
  createAgency: intent({ permission: "playbook.manage", run: createAgencyAction }),
  addMember: intent({ permission: "playbook.manage", run: addMemberAction }),
  removeMember: intent({ permission: "playbook.manage", run: removeMemberAction }),
  capture: intent({ permission: "playbook.manage", run: captureAction }),
  import: intent({ permission: "playbook.manage", run: importAction }),
};

/** The apply's playbook and target store, both authorized before the form is read, then its form. */
async function applyRequest(agency: AgencyContext, request: Request, params: Params): Promise<ApplyRequest> {
  const member = requireMember(agency);
  const playbook = await requirePlaybook(member, params);
  const target = await requireTargetStore(agency, request, "playbook.apply");
  const form = await request.formData();
  const version = await latestVersion(prisma, playbook.id);
  const { admin, call } = await adminOfStore(agency, target.store.domain);
  const amounts: Record<string, string> = {};
  for (const [name, value] of form) {
    const key = amountKey(name);
    if (key && typeof value === "string") amounts[key] = value;
  }
  return {
    playbook,
    version,
    document: documentOf(version),
    member,
    target: { staff: target.staff, store: target.store },
    call,
    admin,
    amounts,
    includePolicy: text(form, "includePolicy") === "true",
  };
}

type PageArgs = { context: StaffContext; params: Params; form: FormData; request: Request };

async function previewAction({ context, params, request }: PageArgs) {
  const plan = await planApplication(prisma, await applyRequest(await agencyOf(context), request, params));
  return json({ ok: true as const, done: null, errors: plan.errors, report: plan.report });
}

async function applyAction({ context, params, request }: PageArgs) {
  const result = await applyPlaybook(prisma, await applyRequest(await agencyOf(context), request, params));
  // Refused before anything changed: the report shows what it would have done and the problems.
  if (!result.ok) return failure(400, result.errors, undefined, { report: result.report });
  return json({
    ok: true as const,
    done: `Applied to ${result.report.store.name}: its drafts wait for that store's approval`,
    errors: {} as Errors,
    report: result.report,
  });
}

/** The playbook the URL names and the note posted with a new version (checked first). */
async function versioning({ context, params, form }: PageArgs) {
  const member = requireMember(await agencyOf(context));
  const playbook = await requirePlaybook(member, params);
  const note = text(form, "note");
  const long = tooLong("The note", note, 500);
  if (long) throw new InvalidInput({ note: long });
  return { member, playbook, note };
}

async function variablesAction(args: PageArgs) {
  const { member, playbook, note } = await versioning(args);
  const { form } = args;
  const latest = await latestVersion(prisma, playbook.id);
  if (String(latest.version) !== text(form, "version"))
    throw new Conflict("Someone saved a newer version of this playbook meanwhile. Reload the page and make your change again.");
  const document = documentOf(latest);
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") values[name] = value;
  const edit = readVariableForm(document.variables, values);
  if (!edit.ok) throw new InvalidInput(edit.errors);
  if (edit.changed.length === 0) throw new InvalidInput({ general: "Nothing changed: edit a value before saving a new version." });
  const saved = await addVersion(prisma, member, playbook, { ...document, variables: edit.variables }, "edited", note || `Changed ${edit.changed.join(", ")}`);
  return done(`Saved as version ${saved.version}`);
}

async function importVersionAction(args: PageArgs) {
  const { member, playbook, note } = await versioning(args);
  const reading = parsePlaybookFile(text(args.form, "file"));
  if (!reading.ok) throw new InvalidInput({ file: reading.problems.join(" ") });
  const saved = await addVersion(prisma, member, playbook, reading.document, "imported", note || "Imported from a file");
  return done(`Imported as version ${saved.version}`);
}

/** The playbook page's buttons; preview and apply are checked in the store they reach. */
export const PLAYBOOK_PAGE_ACTIONS = {
  variables: intent({ permission: "playbook.manage", run: variablesAction }),
  importVersion: intent({ permission: "playbook.manage", run: importVersionAction }),
  preview: intent({ permission: "playbook.apply", permissionIn: "target-store", run: previewAction }),
  apply: intent({ permission: "playbook.apply", permissionIn: "target-store", run: applyAction }),
};
