import type { GraphQLResolveInfo } from "graphql";
import type { PageArgs } from "../connection";
import type { AdminContext } from "../context";
import type { View } from "../field-resolver";
import { numericId } from "../ids";
import { listConnection, type ListArgs } from "../listing";
import { formatMoney, moneyV2View } from "../money";
import type { CollectionRecord, ProductRecord, VariantRecord } from "../records";
import { dateField, idField, textField } from "../search";
import { countView } from "../views";
import { metafieldOwnerFields } from "./metafields";

const legacyResourceId = (id: string) => String(numericId(id));

export function productView(context: AdminContext, product: ProductRecord): View {
  const { store } = context;
  const variants = () => product.variantIds.map((id) => store.variants.get(id)!);
  const collections = () => [...store.collections.values()].filter((collection) => collection.productIds.includes(product.id));
  const currency = store.shop.currencyCode;
  const prices = () => variants().map((variant) => variant.price);
  return {
    __typename: "Product",
    id: product.id,
    legacyResourceId: legacyResourceId(product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    // The emulator does not model gift cards (a gift card product is sold, never discounted).
    isGiftCard: false,
    tags: product.tags,
    status: product.status,
    descriptionHtml: product.descriptionHtml,
    description: () => product.descriptionHtml.replace(/<[^>]*>/g, ""),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    hasOnlyDefaultVariant: () => product.variantIds.length === 1 && variants()[0].title === "Default Title",
    totalInventory: () => variants().reduce((sum, variant) => sum + variant.inventoryQuantity, 0),
    priceRangeV2: () => ({
      minVariantPrice: moneyV2View(Math.min(...prices()), currency),
      maxVariantPrice: moneyV2View(Math.max(...prices()), currency),
    }),
    variantsCount: () => countView(product.variantIds.length),
    variants: (args: PageArgs & { sortKey?: string }, _context: AdminContext, info: GraphQLResolveInfo) =>
      listConnection(context, info, args, {
        items: variants(),
        searchSpec: variantSearch,
        sorts: {
          POSITION: (variant) => variant.position,
          ID: (variant) => numericId(variant.id),
          SKU: (variant) => variant.sku ?? "",
          TITLE: (variant) => variant.title,
        },
        idOf: (variant) => variant.id,
        toNode: (variant) => variantView(context, variant),
      }),
    collections: (args: ListArgs, _context: AdminContext, info: GraphQLResolveInfo) =>
      listConnection(context, info, args, collectionListing(context, collections())),
    inCollection: ({ id }: { id: string }) => store.collections.get(id)?.productIds.includes(product.id) ?? false,
    ...metafieldOwnerFields(product.id),
  };
}

export function variantView(context: AdminContext, variant: VariantRecord): View {
  const { store } = context;
  const product = () => store.products.get(variant.productId)!;
  const currency = store.shop.currencyCode;
  return {
    __typename: "ProductVariant",
    id: variant.id,
    legacyResourceId: legacyResourceId(variant.id),
    title: variant.title,
    displayName: () => `${product().title} - ${variant.title}`,
    sku: variant.sku,
    barcode: variant.barcode,
    price: formatMoney(variant.price, currency),
    compareAtPrice: variant.compareAtPrice === null ? null : formatMoney(variant.compareAtPrice, currency),
    position: variant.position,
    inventoryQuantity: variant.inventoryQuantity,
    taxable: variant.taxable,
    availableForSale: () => product().status === "ACTIVE" && variant.inventoryQuantity > 0,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    product: () => productView(context, product()),
    inventoryItem: () => inventoryItemView(context, variant),
    ...metafieldOwnerFields(variant.id),
  };
}

/** A variant's inventory item (one per variant, as in Shopify). */
function inventoryItemView(context: AdminContext, variant: VariantRecord): View {
  return {
    __typename: "InventoryItem",
    id: variant.inventoryItemId,
    legacyResourceId: legacyResourceId(variant.inventoryItemId),
    sku: variant.sku,
    tracked: true,
    requiresShipping: variant.requiresShipping,
    unitCost: variant.unitCost === null ? null : moneyV2View(variant.unitCost, context.store.shop.currencyCode),
    variant: () => variantView(context, variant),
  };
}

export function collectionView(context: AdminContext, collection: CollectionRecord): View {
  const products = () => collection.productIds.map((id) => context.store.products.get(id)!).filter(Boolean);
  return {
    __typename: "Collection",
    id: collection.id,
    legacyResourceId: legacyResourceId(collection.id),
    title: collection.title,
    handle: collection.handle,
    updatedAt: collection.updatedAt,
    productsCount: () => countView(products().length),
    hasProduct: ({ id }: { id: string }) => collection.productIds.includes(id),
    // Manual collections list products in the order the merchant arranged them.
    products: (args: PageArgs & { sortKey?: string }, _context: AdminContext, info: GraphQLResolveInfo) =>
      listConnection(context, info, args, {
        items: products(),
        searchSpec: { fields: {}, freeText: () => [] },
        sorts: {
          COLLECTION_DEFAULT: (product) => collection.productIds.indexOf(product.id),
          MANUAL: (product) => collection.productIds.indexOf(product.id),
          ID: (product) => numericId(product.id),
          TITLE: (product) => product.title,
          CREATED: (product) => product.createdAt,
        },
        idOf: (product) => product.id,
        toNode: (product) => productView(context, product),
      }),
    ...metafieldOwnerFields(collection.id),
  };
}

const skusOf = (context: AdminContext, product: ProductRecord) => product.variantIds.map((id) => context.store.variants.get(id)!.sku);

function productSearch(context: AdminContext) {
  return {
    fields: {
      title: textField<ProductRecord>((product) => product.title),
      tag: textField<ProductRecord>((product) => product.tags, "exact"),
      sku: textField<ProductRecord>((product) => skusOf(context, product), "exact"),
      vendor: textField<ProductRecord>((product) => product.vendor, "exact"),
      product_type: textField<ProductRecord>((product) => product.productType, "exact"),
      status: textField<ProductRecord>((product) => product.status, "exact"),
      handle: textField<ProductRecord>((product) => product.handle, "exact"),
      id: idField<ProductRecord>((product) => product.id),
      created_at: dateField<ProductRecord>((product) => product.createdAt),
      updated_at: dateField<ProductRecord>((product) => product.updatedAt),
    },
    freeText: (product: ProductRecord) => [product.title, product.vendor, product.productType, ...product.tags, ...skusOf(context, product)],
  };
}

const variantSearch = {
  fields: {
    sku: textField<VariantRecord>((variant) => variant.sku, "exact"),
    title: textField<VariantRecord>((variant) => variant.title),
    barcode: textField<VariantRecord>((variant) => variant.barcode, "exact"),
    product_id: idField<VariantRecord>((variant) => variant.productId),
    id: idField<VariantRecord>((variant) => variant.id),
  },
  freeText: (variant: VariantRecord) => [variant.title, variant.sku],
};

function collectionListing(context: AdminContext, collections: CollectionRecord[]) {
  return {
    items: collections,
    searchSpec: {
      fields: {
        title: textField<CollectionRecord>((collection) => collection.title),
        handle: textField<CollectionRecord>((collection) => collection.handle, "exact"),
        id: idField<CollectionRecord>((collection) => collection.id),
        updated_at: dateField<CollectionRecord>((collection) => collection.updatedAt),
      },
      freeText: (collection: CollectionRecord) => [collection.title],
    },
    sorts: {
      ID: (collection: CollectionRecord) => numericId(collection.id),
      TITLE: (collection: CollectionRecord) => collection.title,
      UPDATED_AT: (collection: CollectionRecord) => collection.updatedAt,
    },
    idOf: (collection: CollectionRecord) => collection.id,
    toNode: (collection: CollectionRecord) => collectionView(context, collection),
  };
}

export const productQueries = {
  product: ({ id }: { id: string }, context: AdminContext) => {
    const product = context.store.products.get(id);
    return product ? productView(context, product) : null;
  },
  products: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, {
      items: context.store.products.values(),
      searchSpec: productSearch(context),
      sorts: {
        ID: (product) => numericId(product.id),
        TITLE: (product) => product.title,
        CREATED_AT: (product) => product.createdAt,
        UPDATED_AT: (product) => product.updatedAt,
        VENDOR: (product) => product.vendor,
        PRODUCT_TYPE: (product) => product.productType,
      },
      idOf: (product) => product.id,
      toNode: (product) => productView(context, product),
    }),
  productVariant: ({ id }: { id: string }, context: AdminContext) => {
    const variant = context.store.variants.get(id);
    return variant ? variantView(context, variant) : null;
  },
  productVariants: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, {
      items: context.store.variants.values(),
      searchSpec: variantSearch,
      sorts: { ID: (variant) => numericId(variant.id), SKU: (variant) => variant.sku ?? "", TITLE: (variant) => variant.title },
      idOf: (variant) => variant.id,
      toNode: (variant) => variantView(context, variant),
    }),
  inventoryItem: ({ id }: { id: string }, context: AdminContext) => {
    const variant = [...context.store.variants.values()].find((candidate) => candidate.inventoryItemId === id);
    return variant ? inventoryItemView(context, variant) : null;
  },
  collection: ({ id }: { id: string }, context: AdminContext) => {
    const collection = context.store.collections.get(id);
    return collection ? collectionView(context, collection) : null;
  },
  collections: (args: ListArgs, context: AdminContext, info: GraphQLResolveInfo) =>
    listConnection(context, info, args, collectionListing(context, [...context.store.collections.values()])),
};

export const productNodes = {
  Product: (context: AdminContext, id: string) => productQueries.product({ id }, context),
  ProductVariant: (context: AdminContext, id: string) => productQueries.productVariant({ id }, context),
  Collection: (context: AdminContext, id: string) => productQueries.collection({ id }, context),
};
