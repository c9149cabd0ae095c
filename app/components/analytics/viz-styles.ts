import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";

/** polaris-viz's stylesheet (tooltips, legends), for the `links` of a page with charts. */
export const vizLinks = () => [{ rel: "stylesheet", href: vizStyles }];
