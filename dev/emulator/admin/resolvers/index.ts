import { customerMutations, customerQueries } from "./customers";
import { discountMutations } from "./discount-mutations";
import { discountQueries } from "./discounts";
import { flowMutations } from "./flow";
import { metafieldMutations, metafieldQueries } from "./metafields";
import { metaobjectMutations, metaobjectQueries } from "./metaobjects";
import { nodeQueries } from "./node";
import { orderQueries } from "./orders";
import { productQueries } from "./products";
import { redeemCodeMutations, redeemCodeQueries } from "./redeem-codes";
import { shopQueries } from "./shop";

/** QueryRoot fields the emulator implements; every other root field fails naming itself. */
export const queryRoot = {
  ...shopQueries,
  ...productQueries,
  ...customerQueries,
  ...orderQueries,
  ...discountQueries,
  ...redeemCodeQueries,
  ...metafieldQueries,
  ...metaobjectQueries,
  ...nodeQueries,
};

/** Mutation fields the emulator implements. */
export const mutationRoot = {
  ...customerMutations,
  ...discountMutations,
  ...flowMutations,
  ...redeemCodeMutations,
  ...metafieldMutations,
  ...metaobjectMutations,
};

export { completeAllJobs, completeDueJobs } from "./redeem-codes";
