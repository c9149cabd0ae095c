import path from "node:path";

export const TEMPLATE_DATABASE = path.resolve(".cache", "test", "template.sqlite");
