// The heavy configuration's cart-lines input at any size (the before-stop hook measures it).
import { HEAVY_LINES } from "./scenarios";

export { HEAVY_CONDITION_COUNT, benchCatalogue, heavyCampaignConfig } from "./scenarios";

export function benchInput(lineCount: number): Record<string, unknown> {
  return HEAVY_LINES.input(lineCount);
}
