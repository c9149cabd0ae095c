import { gid } from "./ids";
import type {
  AppRecord,
  BulkCreationRecord,
  CollectionRecord,
  CustomerRecord,
  DiscountRecord,
  FlowExtensionRecord,
  FlowTriggerRunRecord,
  FunctionRecord,
  IssuedTokensRecord,
  JobRecord,
  MetafieldDefinitionRecord,
  MetafieldRecord,
  MetaobjectDefinitionRecord,
  MetaobjectRecord,
  OrderRecord,
  ProductRecord,
  RedeemCodeRecord,
  ShopRecord,
  StaffUserRecord,
  VariantRecord,
} from "./records";

/** Everything one shop holds, as plain JSON (what `snapshot()` writes and `restore()` reads). */
export interface ShopSnapshot {
  shop: ShopRecord;
  app: AppRecord;
  functions: FunctionRecord[];
  counters: { nextId: number; nextOrderNumber: number };
  products: ProductRecord[];
  variants: VariantRecord[];
  collections: CollectionRecord[];
  customers: CustomerRecord[];
  orders: OrderRecord[];
  discounts: DiscountRecord[];
  redeemCodes: RedeemCodeRecord[];
  bulkCreations: BulkCreationRecord[];
  jobs: JobRecord[];
  metafields: MetafieldRecord[];
  metafieldDefinitions: MetafieldDefinitionRecord[];
  metaobjectDefinitions: MetaobjectDefinitionRecord[];
  metaobjects: MetaobjectRecord[];
  /** Staff accounts (token exchange's users). Optional: snapshots from before staff existed. */
  staff?: StaffUserRecord[];
  /** Access tokens issued by token exchange. Optional like staff. */
  issuedTokens?: IssuedTokensRecord;
  /** The app's deployed Flow triggers and actions, and the triggers Flow received. Optional like staff. */
  flow?: { extensions: FlowExtensionRecord[]; triggerRuns: FlowTriggerRunRecord[] };
}

const TABLES = [
  "products",
  "variants",
  "collections",
  "customers",
  "orders",
  "discounts",
  "redeemCodes",
  "bulkCreations",
  "jobs",
  "metafields",
  "metafieldDefinitions",
  "metaobjectDefinitions",
  "metaobjects",
] as const;

type TableName = (typeof TABLES)[number];
type Row<Name extends TableName> = ShopSnapshot[Name][number];

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

/**
 * One shop's state. Tables are Maps in insertion order, which is id order, so "sortKey: ID"
 * needs no sorting. Redeem codes carry two indexes because a 100,000-code sync must stay fast:
 * codes by their upper-cased text (Shopify codes are unique per shop, case-insensitively) and
 * codes per discount.
 */
export class ShopStore {
  shop: ShopRecord;
  app: AppRecord;
  functions: FunctionRecord[];
  staff: StaffUserRecord[];
  issuedTokens: IssuedTokensRecord;
  flow: { extensions: FlowExtensionRecord[]; triggerRuns: FlowTriggerRunRecord[] };
  private counters: ShopSnapshot["counters"];
  readonly products: Map<string, ProductRecord>;
  readonly variants: Map<string, VariantRecord>;
  readonly collections: Map<string, CollectionRecord>;
  readonly customers: Map<string, CustomerRecord>;
  readonly orders: Map<string, OrderRecord>;
  readonly discounts: Map<string, DiscountRecord>;
  readonly redeemCodes: Map<string, RedeemCodeRecord>;
  readonly bulkCreations: Map<string, BulkCreationRecord>;
  readonly jobs: Map<string, JobRecord>;
  readonly metafields: Map<string, MetafieldRecord>;
  readonly metafieldDefinitions: Map<string, MetafieldDefinitionRecord>;
  readonly metaobjectDefinitions: Map<string, MetaobjectDefinitionRecord>;
  readonly metaobjects: Map<string, MetaobjectRecord>;
  private readonly redeemCodeIdByCode = new Map<string, string>();
  private readonly redeemCodesByDiscount = new Map<string, Map<string, RedeemCodeRecord>>();

  constructor(snapshot: ShopSnapshot) {
    const copy = structuredClone(snapshot);
    this.shop = copy.shop;
    this.app = copy.app;
    this.functions = copy.functions;
    this.staff = copy.staff ?? [];
    this.issuedTokens = copy.issuedTokens ?? { offline: null, online: [] };
    this.flow = copy.flow ?? { extensions: [], triggerRuns: [] };
    this.counters = copy.counters;
    this.products = byId(copy.products);
    this.variants = byId(copy.variants);
    this.collections = byId(copy.collections);
    this.customers = byId(copy.customers);
    this.orders = byId(copy.orders);
    this.discounts = byId(copy.discounts);
    this.redeemCodes = new Map();
    this.bulkCreations = byId(copy.bulkCreations);
    this.jobs = byId(copy.jobs);
    this.metafields = byId(copy.metafields);
    this.metafieldDefinitions = byId(copy.metafieldDefinitions);
    this.metaobjectDefinitions = byId(copy.metaobjectDefinitions);
    this.metaobjects = byId(copy.metaobjects);
    for (const code of copy.redeemCodes) this.insertRedeemCode(code);
  }

  toSnapshot(): ShopSnapshot {
    const tables = Object.fromEntries(TABLES.map((name) => [name, [...this.table(name).values()]]));
    return structuredClone({
      shop: this.shop,
      app: this.app,
      functions: this.functions,
      staff: this.staff,
      issuedTokens: this.issuedTokens,
      flow: this.flow,
      counters: this.counters,
      ...tables,
    } as ShopSnapshot);
  }

  /** A fresh GID; one counter for every type, like Shopify's globally unique numeric ids. */
  newId(type: string): string {
    return gid(type, this.counters.nextId++);
  }

  nextOrderNumber(): number {
    return this.counters.nextOrderNumber++;
  }

  table<Name extends TableName>(name: Name): Map<string, Row<Name>> {
    return this[name] as Map<string, Row<Name>>;
  }

  addRedeemCode(discountId: string, code: string, createdAt: string): RedeemCodeRecord {
    const record: RedeemCodeRecord = { id: this.newId("DiscountRedeemCode"), discountId, code, asyncUsageCount: 0, createdAt };
    this.insertRedeemCode(record);
    return record;
  }

  removeRedeemCode(id: string): void {
    const record = this.redeemCodes.get(id);
    if (!record) return;
    this.redeemCodes.delete(id);
    this.redeemCodeIdByCode.delete(record.code.toUpperCase());
    this.redeemCodesByDiscount.get(record.discountId)?.delete(id);
  }

  /** Changes a code's text in place (a discount's single code edited through discountCodeAppUpdate). */
  renameRedeemCode(id: string, code: string): void {
    const record = this.redeemCodes.get(id)!;
    this.redeemCodeIdByCode.delete(record.code.toUpperCase());
    record.code = code;
    this.redeemCodeIdByCode.set(code.toUpperCase(), id);
  }

  /** The redeem code with this text anywhere in the shop, compared case-insensitively. */
  redeemCodeByCode(code: string): RedeemCodeRecord | undefined {
    const id = this.redeemCodeIdByCode.get(code.toUpperCase());
    return id === undefined ? undefined : this.redeemCodes.get(id);
  }

  redeemCodesOf(discountId: string): RedeemCodeRecord[] {
    return [...(this.redeemCodesByDiscount.get(discountId)?.values() ?? [])];
  }

  redeemCodeCountOf(discountId: string): number {
    return this.redeemCodesByDiscount.get(discountId)?.size ?? 0;
  }

  /** Removes a discount with everything hanging off it: its codes and its metafields. */
  deleteDiscount(id: string): void {
    for (const code of this.redeemCodesOf(id)) this.removeRedeemCode(code.id);
    this.redeemCodesByDiscount.delete(id);
    for (const metafield of this.metafieldsOf(id)) this.metafields.delete(metafield.id);
    this.discounts.delete(id);
  }

  metafieldsOf(ownerId: string): MetafieldRecord[] {
    return [...this.metafields.values()].filter((metafield) => metafield.ownerId === ownerId);
  }

  findMetafield(ownerId: string, namespace: string, key: string): MetafieldRecord | undefined {
    return this.metafieldsOf(ownerId).find((metafield) => metafield.namespace === namespace && metafield.key === key);
  }

  ordersOf(customerId: string): OrderRecord[] {
    return [...this.orders.values()].filter((order) => order.customerId === customerId);
  }

  private insertRedeemCode(record: RedeemCodeRecord): void {
    this.redeemCodes.set(record.id, record);
    this.redeemCodeIdByCode.set(record.code.toUpperCase(), record.id);
    let codes = this.redeemCodesByDiscount.get(record.discountId);
    if (!codes) this.redeemCodesByDiscount.set(record.discountId, (codes = new Map()));
    codes.set(record.id, record);
  }
}
