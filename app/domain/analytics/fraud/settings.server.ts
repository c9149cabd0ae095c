// The automatic-blocking setting (Shop.settings "fraudAutoBlock"): read, and saved with its audit entry.
import type { Database } from "~/db.server";
import { recordAudit } from "~/domain/governance/audit.server";
import type { Actor } from "~/domain/governance/staff.server";
import { AUTO_BLOCK_LIMITS, DEFAULT_AUTO_BLOCK, type AutoBlockSettings } from "../fraud-settings";

export interface FraudSettings {
  autoBlock: { enabled: boolean; minClusterSize: number };
}

export { AUTO_BLOCK_LIMITS, DEFAULT_AUTO_BLOCK };

function shopSettings(raw: string | null | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw ?? "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function readFraudSettings(db: Database, shopDomain: string): Promise<FraudSettings> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { settings: true } });
  const stored = shopSettings(shop?.settings).fraudAutoBlock as { enabled?: unknown; minClusterSize?: unknown } | undefined;
  const size = Number(stored?.minClusterSize);
  return {
    autoBlock: {
      enabled: stored?.enabled === true,
      minClusterSize: Number.isInteger(size) && size >= AUTO_BLOCK_LIMITS.min && size <= AUTO_BLOCK_LIMITS.max ? size : DEFAULT_AUTO_BLOCK.minClusterSize,
    },
  };
}

/** Saves the automatic-blocking setting (as its form's schema read it), keeping the shop's other settings. */
export async function saveAutoBlockSettings(db: Database, shopDomain: string, next: AutoBlockSettings, actor: Actor): Promise<FraudSettings> {
  await db.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { settings: true } });
    const settings = shopSettings(shop.settings);
    const before = settings.fraudAutoBlock ?? DEFAULT_AUTO_BLOCK;
    await tx.shop.update({ where: { domain: shopDomain }, data: { settings: JSON.stringify({ ...settings, fraudAutoBlock: next }) } });
    await recordAudit(tx, {
      shopDomain,
      actor,
      action: "fraud.auto-block.settings",
      entityType: "Shop",
      entityId: shopDomain,
      entityLabel: "Automatic fraud blocking",
      before: before as Record<string, unknown>,
      after: next,
    });
  });
  return { autoBlock: next };
}
