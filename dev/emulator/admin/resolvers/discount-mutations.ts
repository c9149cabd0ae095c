import type { GraphQLResolveInfo } from "graphql";
import { isoNow, type AdminContext } from "../context";
import { refuseUnhandledInput } from "../errors";
import { parseGid } from "../ids";
import type { DiscountClassName, DiscountMethod, DiscountRecord, FunctionRecord } from "../records";
import { trimmedTags, userError } from "../views";
import { discountNodeView, discountStatus, discountView, findDiscount } from "./discounts";
import { metafieldWriteErrors, writeMetafield, type MetafieldWrite } from "./metafields";

interface MetafieldInput {
  id?: string | null;
  namespace?: string | null;
  key?: string | null;
  type?: string | null;
  value?: string | null;
}

/** DiscountCodeAppInput and DiscountAutomaticAppInput (the latter without the code-only fields). */
interface AppDiscountInput {
  title?: string | null;
  code?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  functionId?: string | null;
  functionHandle?: string | null;
  combinesWith?: { orderDiscounts?: boolean | null; productDiscounts?: boolean | null; shippingDiscounts?: boolean | null } | null;
  discountClasses?: DiscountClassName[] | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  appliesOnOneTimePurchase?: boolean | null;
  appliesOnSubscription?: boolean | null;
  recurringCycleLimit?: number | null;
  metafields?: MetafieldInput[] | null;
  tags?: string[] | null;
  context?: { all?: string | null; customers?: { add?: string[] | null; remove?: string[] | null } | null } | null;
}

const SHARED_FIELDS = [
  "title",
  "startsAt",
  "endsAt",
  "functionId",
  "functionHandle",
  "combinesWith",
  "discountClasses",
  "appliesOnOneTimePurchase",
  "appliesOnSubscription",
  "recurringCycleLimit",
  "metafields",
  "tags",
  "context",
];
const CODE_ONLY_FIELDS = ["code", "usageLimit", "appliesOncePerCustomer"];

/** Function APIs that can back a discount (the unified Discount API and the three legacy ones). */
const DISCOUNT_FUNCTION_APIS = ["discount", "product_discounts", "order_discounts", "shipping_discounts"];

type UserErrorView = ReturnType<typeof userError>;

/** Metafield problems inside a discount input are reported with DiscountErrorCode values. */
const asDiscountErrorCode = (code: string | null) => (code === "BLANK" || code === "TAKEN" ? code : "INVALID");

interface Save {
  method: DiscountMethod;
  /** The mutation argument the input came in: codeAppDiscount or automaticAppDiscount. */
  inputName: string;
  input: AppDiscountInput;
  existing?: DiscountRecord;
}

function refuseUnhandled(info: GraphQLResolveInfo, { method, input }: Save) {
  const inputType = method === "CODE" ? "DiscountCodeAppInput" : "DiscountAutomaticAppInput";
  refuseUnhandledInput(info, inputType, input, method === "CODE" ? [...SHARED_FIELDS, ...CODE_ONLY_FIELDS] : SHARED_FIELDS);
  if (input.combinesWith)
    refuseUnhandledInput(info, "DiscountCombinesWithInput", input.combinesWith, ["orderDiscounts", "productDiscounts", "shippingDiscounts"]);
  if (input.context) refuseUnhandledInput(info, "DiscountContextInput", input.context, ["all", "customers"]);
}

/** The Function an input names, or the user error Shopify answers with (messages as Shopify words them). */
function resolveFunction(context: AdminContext, { inputName, input, existing }: Save): FunctionRecord | UserErrorView {
  const { functionId, functionHandle } = input;
  if (functionId && functionHandle) return userError([inputName], "Only one of functionId or functionHandle is allowed.", "MULTIPLE_FUNCTION_IDENTIFIERS");
  if (!functionId && !functionHandle) {
    if (existing) return context.store.functions.find((candidate) => candidate.id === existing.functionId)!;
    return userError([inputName, "functionHandle"], "Function id can't be blank.", "MISSING_FUNCTION_IDENTIFIER");
  }
  const field = functionId ? "functionId" : "functionHandle";
  const fn = context.store.functions.find((candidate) => (functionId ? candidate.id === functionId : candidate.handle === functionHandle));
  if (!fn) {
    const appNumber = parseGid(context.store.app.id)!.id;
    return userError(
      [inputName, field],
      `Function ${functionId ?? functionHandle} not found. Ensure that it is released in the current app (${appNumber}), and that the app is installed.`,
      "INVALID",
    );
  }
  if (!DISCOUNT_FUNCTION_APIS.includes(fn.apiType)) {
    return userError(
      [inputName, field],
      "Unexpected Function API. The provided function must implement one of the following extension targets: [product_discounts, order_discounts, shipping_discounts, discount].",
    );
  }
  return fn;
}

function codeErrors(context: AdminContext, { inputName, input, existing }: Save): UserErrorView[] {
  const code = input.code;
  if (code === undefined || code === null) return existing ? [] : [userError([inputName, "code"], "Code can't be blank", "BLANK")];
  if (!code.trim()) return [userError([inputName, "code"], "Code can't be blank", "BLANK")];
  if (code.length > 255) return [userError([inputName, "code"], "Code is too long (maximum is 255 characters)", "TOO_LONG")];
  if (/[\r\n]/.test(code)) return [userError([inputName, "code"], "Code cannot contain newline characters.", "INVALID")];
  const holder = context.store.redeemCodeByCode(code);
  if (holder && holder.discountId !== existing?.id) return [userError([inputName, "code"], "Code must be unique. Please try a different code.", "TAKEN")];
  return [];
}

function metafieldWrites(context: AdminContext, { inputName, input, existing }: Save, ownerId: string) {
  return (input.metafields ?? []).map((metafield, index) => {
    const current = metafield.id ? context.store.metafields.get(metafield.id) : undefined;
    const write: MetafieldWrite = {
      ownerId,
      namespace: current?.namespace ?? metafield.namespace,
      key: current?.key ?? metafield.key ?? "",
      type: metafield.type,
      value: metafield.value ?? "",
    };
    const path = [inputName, "metafields", String(index)];
    const errors =
      metafield.id && (!current || current.ownerId !== existing?.id)
        ? [userError([...path, "id"], "Metafield does not exist", "INVALID", index)]
        : metafieldWriteErrors(context, write, path, index).map((error) => ({ ...error, code: asDiscountErrorCode(error.code) }));
    return { write, errors };
  });
}

function validate(context: AdminContext, save: Save, fn: FunctionRecord, ownerId: string) {
  const { inputName, input, existing, method } = save;
  const errors: UserErrorView[] = [];
  const title = input.title ?? existing?.title;
  if (!title?.trim()) errors.push(userError([inputName, "title"], "Title can't be blank", "BLANK"));
  if (method === "CODE") errors.push(...codeErrors(context, save));
  const startsAt = input.startsAt ?? existing?.startsAt;
  const endsAt = "endsAt" in input ? input.endsAt : existing?.endsAt;
  if (!startsAt) errors.push(userError([inputName, "startsAt"], "Starts at can't be blank", "BLANK"));
  else if (endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    errors.push(userError([inputName, "endsAt"], "Ends at needs to be after starts_at", "INVALID"));
  }
  if (typeof input.usageLimit === "number" && input.usageLimit < 1) {
    errors.push(userError([inputName, "usageLimit"], "Usage limit must be greater than 0", "GREATER_THAN"));
  }
  for (const customerId of input.context?.customers?.add ?? []) {
    if (!context.store.customers.has(customerId))
      errors.push(userError([inputName, "context", "customers", "add"], `Customer ${customerId} does not exist`, "INVALID"));
  }
  const unsupportedClasses = (input.discountClasses ?? []).filter((discountClass) => !fn.discountClasses.includes(discountClass));
  if (unsupportedClasses.length > 0) {
    errors.push(userError([inputName, "discountClasses"], `The function does not support the discount classes ${unsupportedClasses.join(", ")}`, "INVALID"));
  }
  const metafields = metafieldWrites(context, save, ownerId);
  errors.push(...metafields.flatMap((metafield) => metafield.errors));
  return { errors, metafields: metafields.map((metafield) => metafield.write) };
}

function applyInput(record: DiscountRecord, input: AppDiscountInput, fn: FunctionRecord, now: string) {
  const set = <Key extends keyof DiscountRecord>(key: Key, value: DiscountRecord[Key] | null | undefined) => {
    if (value !== undefined && value !== null) record[key] = value;
  };
  set("title", input.title);
  set("startsAt", input.startsAt);
  if ("endsAt" in input) record.endsAt = input.endsAt ?? null;
  if ("usageLimit" in input) record.usageLimit = input.usageLimit ?? null;
  set("appliesOncePerCustomer", input.appliesOncePerCustomer);
  set("appliesOnOneTimePurchase", input.appliesOnOneTimePurchase);
  set("appliesOnSubscription", input.appliesOnSubscription);
  set("recurringCycleLimit", input.recurringCycleLimit);
  set("discountClasses", input.discountClasses);
  if (input.tags) record.tags = trimmedTags(input.tags);
  if (input.combinesWith) {
    record.combinesWith = {
      orderDiscounts: input.combinesWith.orderDiscounts ?? false,
      productDiscounts: input.combinesWith.productDiscounts ?? false,
      shippingDiscounts: input.combinesWith.shippingDiscounts ?? false,
    };
  }
  if (input.context?.all) record.customerIds = null;
  if (input.context?.customers) {
    const kept = (record.customerIds ?? []).filter((id) => !input.context!.customers!.remove?.includes(id));
    record.customerIds = [...new Set([...kept, ...(input.context.customers.add ?? [])])];
  }
  record.functionId = fn.id;
  record.updatedAt = now;
}

/** Creates (no `existing`) or updates an app discount; returns the record or Shopify's user errors. */
function saveAppDiscount(context: AdminContext, info: GraphQLResolveInfo, save: Save): { discount: DiscountRecord | null; userErrors: UserErrorView[] } {
  refuseUnhandled(info, save);
  const fn = resolveFunction(context, save);
  if (!("id" in fn)) return { discount: null, userErrors: [fn] };
  const ownerId = save.existing?.id ?? context.store.newId(save.method === "CODE" ? "DiscountCodeNode" : "DiscountAutomaticNode");
  const { errors, metafields } = validate(context, save, fn, ownerId);
  if (errors.length > 0) return { discount: null, userErrors: errors };
  const now = isoNow(context);
  const record = save.existing ?? newDiscount(ownerId, save.method, fn, save.input.discountClasses ?? fn.discountClasses, now);
  applyInput(record, save.input, fn, now);
  context.store.discounts.set(record.id, record);
  if (save.method === "CODE" && save.input.code) {
    const [first] = context.store.redeemCodesOf(record.id);
    if (first) context.store.renameRedeemCode(first.id, save.input.code);
    else context.store.addRedeemCode(record.id, save.input.code, now);
  }
  for (const write of metafields) writeMetafield(context, write);
  return { discount: record, userErrors: [] };
}

function newDiscount(id: string, method: DiscountMethod, fn: FunctionRecord, discountClasses: DiscountClassName[], now: string): DiscountRecord {
  return {
    id,
    method,
    kind: "APP",
    title: "",
    startsAt: now,
    endsAt: null,
    createdAt: now,
    updatedAt: now,
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
    discountClasses,
    customerIds: null,
    tags: [],
    asyncUsageCount: 0,
    usageLimit: null,
    appliesOncePerCustomer: false,
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: true,
    recurringCycleLimit: 1,
    functionId: fn.id,
    summary: null,
  };
}

const DOES_NOT_EXIST = { CODE: "Code discount does not exist.", AUTOMATIC: "Automatic discount does not exist." } as const;

/** Deactivating ends the discount now (and moves a future start to now); activating removes the end. */
function setActive(context: AdminContext, discount: DiscountRecord, active: boolean) {
  const now = context.now();
  const status = discountStatus(discount, now);
  if ((active && status === "ACTIVE") || (!active && status === "EXPIRED")) return;
  const nowIso = now.toISOString();
  if (Date.parse(discount.startsAt) > now.getTime()) discount.startsAt = nowIso;
  discount.endsAt = active ? null : nowIso;
  discount.updatedAt = nowIso;
}

function lifecycleMutation(method: DiscountMethod, nodeField: string, active: boolean) {
  return ({ id }: { id: string }, context: AdminContext) => {
    const discount = findDiscount(context, id, method);
    if (!discount) return { [nodeField]: null, userErrors: [userError(["id"], DOES_NOT_EXIST[method], "INVALID")] };
    setActive(context, discount, active);
    return { [nodeField]: discountNodeView(context, discount, "typed"), userErrors: [] };
  };
}

function deleteMutation(method: DiscountMethod, deletedField: string) {
  return ({ id }: { id: string }, context: AdminContext) => {
    const discount = findDiscount(context, id, method);
    if (!discount) return { [deletedField]: null, userErrors: [userError(["id"], DOES_NOT_EXIST[method], "INVALID")] };
    context.store.deleteDiscount(discount.id);
    return { [deletedField]: discount.id, userErrors: [] };
  };
}

function saveMutation(method: DiscountMethod, inputName: string, payloadField: string) {
  return (args: { id?: string } & Record<string, AppDiscountInput>, context: AdminContext, info: GraphQLResolveInfo) => {
    const existing = args.id === undefined ? undefined : findDiscount(context, args.id, method);
    if (args.id !== undefined && !existing) return { [payloadField]: null, userErrors: [userError(["id"], DOES_NOT_EXIST[method], "INVALID")] };
    if (existing && existing.kind !== "APP") {
      return { [payloadField]: null, userErrors: [userError(["id"], "Discount is not an app discount.", "INVALID")] };
    }
    const { discount, userErrors } = saveAppDiscount(context, info, { method, inputName, input: args[inputName], existing });
    return { [payloadField]: discount ? discountView(context, discount) : null, userErrors };
  };
}

export const discountMutations = {
  discountCodeAppCreate: saveMutation("CODE", "codeAppDiscount", "codeAppDiscount"),
  discountCodeAppUpdate: saveMutation("CODE", "codeAppDiscount", "codeAppDiscount"),
  discountAutomaticAppCreate: saveMutation("AUTOMATIC", "automaticAppDiscount", "automaticAppDiscount"),
  discountAutomaticAppUpdate: saveMutation("AUTOMATIC", "automaticAppDiscount", "automaticAppDiscount"),
  discountCodeActivate: lifecycleMutation("CODE", "codeDiscountNode", true),
  discountCodeDeactivate: lifecycleMutation("CODE", "codeDiscountNode", false),
  discountAutomaticActivate: lifecycleMutation("AUTOMATIC", "automaticDiscountNode", true),
  discountAutomaticDeactivate: lifecycleMutation("AUTOMATIC", "automaticDiscountNode", false),
  discountCodeDelete: deleteMutation("CODE", "deletedCodeDiscountId"),
  discountAutomaticDelete: deleteMutation("AUTOMATIC", "deletedAutomaticDiscountId"),
};
