// A page's main column and its side column (two thirds and one third; one column on a phone),
// as Polaris's Layout sections lay them out, but sized by a grid from the first paint: a
// Layout's main section takes the whole width until the side section's HTML has arrived, then
// shrinks, and the page jumps under the merchant's eyes (a layout shift, CLS).
import { InlineGrid } from "@shopify/polaris";
import type { ReactNode } from "react";

export function MainAndSide({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="400" alignItems="start">
      <div>{main}</div>
      <div>{side}</div>
    </InlineGrid>
  );
}
