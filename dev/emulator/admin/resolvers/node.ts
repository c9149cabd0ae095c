import type { AdminContext } from "../context";
import { unsupportedInput } from "../errors";
import type { View } from "../field-resolver";
import { requireGid } from "../ids";
import { customerNodes } from "./customers";
import { discountNodes } from "./discounts";
import { metafieldNodes } from "./metafields";
import { metaobjectNodes } from "./metaobjects";
import { orderNodes } from "./orders";
import { productNodes } from "./products";
import { redeemCodeNodes } from "./redeem-codes";
import { shopNodes } from "./shop";

type NodeResolver = (context: AdminContext, id: string) => View | null;

// Built on first use: the resolver modules import this one back (owners, references), so the
// table cannot be read while those modules are still loading.
let resolvers: Record<string, NodeResolver> | undefined;

function nodeResolvers(): Record<string, NodeResolver> {
  resolvers ??= {
    ...shopNodes,
    ...productNodes,
    ...customerNodes,
    ...orderNodes,
    ...discountNodes,
    ...redeemCodeNodes,
    ...metafieldNodes,
    ...metaobjectNodes,
  };
  return resolvers;
}

/**
 * The object a GID names, as a view, or null when the shop has no such object. A type the
 * emulator does not model at all is refused rather than reported missing.
 */
export function findNode(context: AdminContext, id: string): View | null {
  const { type } = requireGid(id);
  const resolve = nodeResolvers()[type];
  if (!resolve) throw unsupportedInput(`Looking up ${type} objects (${id})`);
  return resolve(context, id);
}

export const nodeQueries = {
  node: ({ id }: { id: string }, context: AdminContext) => findNode(context, id),
  nodes: ({ ids }: { ids: string[] }, context: AdminContext) => ids.map((id) => findNode(context, id)),
};
