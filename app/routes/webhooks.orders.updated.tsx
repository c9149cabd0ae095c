// orders/updated is stored and processed exactly like orders/create: the newer figures win.
export { action } from "./webhooks.orders.create";
