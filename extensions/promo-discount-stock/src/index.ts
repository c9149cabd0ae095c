// The same campaign entry as promo-discount; this extension differs only in its input queries.
export { cartDeliveryOptionsDiscountsGenerateRun, cartLinesDiscountsGenerateRun } from "../../promo-discount/src/index";
