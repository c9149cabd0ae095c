// The Playbooks pages' actions. Each intent travels in the URL and is authorized before its form is
// read (agency-route.server.ts); the agency's own rules (members, admins) and the stores reached
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
import type { Permission } from "~/domain/governance/roles";
import { findStaff } from "~/domain/governance/staff.server";
import { TEXT_LIMITS, tooLong } from "~/domain/text-limits";
import { adminOfStore, authorizeAgencyIntent, requireMember, requirePlaybook, requireTargetStore, type AgencyContext } from "./agency-route.server";

type Errors = Record<string, string>;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const ids = (form: FormData, name: string) => form.getAll(name).flatMap((value) => (typeof value === "string" && /^\d{1,12}$/.test(value) ? [Number(value)] : []));

const done = (message: string) => json({ ok: true as const, done: message, errors: {} as Errors });
const failed = (status: number, errors: Errors) => json({ ok: false as const, done: null, errors }, { status });

/** What the Playbooks list page's buttons need. */
export const LIST_INTENTS = {
  createAgency: "playbook.manage",
  addMember: "playbook.manage",
  removeMember: "playbook.manage",
  capture: "playbook.manage",
  import: "playbook.manage",
} as const satisfies Record<string, Permission>;

export async function playbooksListAction(request: Request) {
  const { agency, intent } = await authorizeAgencyIntent(request, LIST_INTENTS);
  const form = await request.formData();
  if (intent === "createAgency") {
    const created = await createAgency(prisma, agency.ctx.staff, text(form, "agencyName"));
    return created.ok ? done(`Agency “${created.membership.agencyName}” created`) : failed(created.status, created.errors);
  }
  const member = requireMember(agency);
  if (intent === "addMember") {
    const staffId = Number(text(form, "staffId"));
    const candidate = await findStaff(prisma, agency.store.domain, staffId);
    const added = await addMember(prisma, member, candidate, text(form, "admin") === "true");
    return added.ok ? done(`${added.name} joined ${member.agencyName}`) : failed(added.status, added.errors);
  }
  if (intent === "removeMember") {
    const removed = await removeMember(prisma, member, Number(text(form, "memberId")));
    return removed.ok ? done(`${removed.name} left ${member.agencyName}`) : failed(removed.status, removed.errors);
  }
  if (intent === "capture") {
    const name = text(form, "name");
    const description = text(form, "description");
    const long = tooLong("The description", description, TEXT_LIMITS.note);
    if (long) return failed(400, { description: long });
    const { call } = await adminOfStore(agency, agency.store.domain);
    const captured = await capturePlaybook(prisma, call, agency.store, agency.ctx.staff, member, {
      name,
      description,
      campaignIds: ids(form, "campaignIds"),
      poolIds: ids(form, "poolIds"),
      includePolicy: text(form, "includePolicy") === "true",
    });
    return captured.ok ? redirect(`/app/playbooks/${captured.playbookId}`) : failed(captured.status, captured.errors);
  }
  const reading = parsePlaybookFile(text(form, "file"));
  if (!reading.ok) return failed(400, { file: reading.problems.join(" ") });
  const created = await createPlaybook(prisma, member, reading.document, "imported", null);
  return created.ok ? redirect(`/app/playbooks/${created.playbook.id}`) : failed(created.status, { file: Object.values(created.errors).join(" ") });
}

/** What the playbook page's buttons need; preview and apply are checked in the store they reach. */
export const PLAYBOOK_INTENTS = {
  variables: "playbook.manage",
  importVersion: "playbook.manage",
  preview: "playbook.apply",
  apply: "playbook.apply",
} as const satisfies Record<string, Permission>;

const IN_TARGET_STORE = ["preview", "apply"] as const;

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
  return { playbook, version, document: documentOf(version), member, target: { staff: target.staff, store: target.store }, call, admin, amounts, includePolicy: text(form, "includePolicy") === "true" };
}

export async function playbookPageAction(request: Request, params: Params) {
  const { agency, intent } = await authorizeAgencyIntent(request, PLAYBOOK_INTENTS, IN_TARGET_STORE);
  if (intent === "preview" || intent === "apply") {
    const applying = await applyRequest(agency, request, params);
    if (intent === "preview") {
      const plan = await planApplication(prisma, applying);
      return json({ ok: true as const, done: null, errors: plan.errors, report: plan.report });
    }
    const result = await applyPlaybook(prisma, applying);
    if (!result.ok) return json({ ok: false as const, done: null, errors: result.errors, report: result.report }, { status: result.status });
    return json({ ok: true as const, done: `Applied to ${result.report.store.name}: its drafts wait for that store's approval`, errors: {} as Errors, report: result.report });
  }
  const member = requireMember(agency);
  const playbook = await requirePlaybook(member, params);
  const form = await request.formData();
  const note = text(form, "note");
  const long = tooLong("The note", note, 500);
  if (long) return failed(400, { note: long });
  if (intent === "variables") {
    const latest = await latestVersion(prisma, playbook.id);
    if (String(latest.version) !== text(form, "version")) return failed(409, { general: "Someone saved a newer version of this playbook meanwhile. Reload the page and make your change again." });
    const document = documentOf(latest);
    const values: Record<string, string> = {};
    for (const [name, value] of form) if (typeof value === "string") values[name] = value;
    const edit = readVariableForm(document.variables, values);
    if (!edit.ok) return failed(400, edit.errors);
    if (edit.changed.length === 0) return failed(400, { general: "Nothing changed: edit a value before saving a new version." });
    const saved = await addVersion(prisma, member, playbook, { ...document, variables: edit.variables }, "edited", note || `Changed ${edit.changed.join(", ")}`);
    return saved.ok ? done(`Saved as version ${saved.version}`) : failed(saved.status, saved.errors);
  }
  const reading = parsePlaybookFile(text(form, "file"));
  if (!reading.ok) return failed(400, { file: reading.problems.join(" ") });
  const saved = await addVersion(prisma, member, playbook, reading.document, "imported", note || "Imported from a file");
  return saved.ok ? done(`Imported as version ${saved.version}`) : failed(saved.status, saved.errors);
}
