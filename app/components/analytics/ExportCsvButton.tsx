import { BlockStack, Button, InlineError } from "@shopify/polaris";
import { ExportIcon } from "@shopify/polaris-icons";
import { useCsvDownload } from "../use-csv-download";

/** Downloads one analytics table as CSV (see useCsvDownload). */
export function ExportCsvButton({ href, label = "Export CSV", id, text = "Export CSV" }: { href: string; label?: string; id: string; text?: string }) {
  const { download, busy, error } = useCsvDownload(href, "analytics.csv");
  return (
    <BlockStack gap="100">
      <Button icon={ExportIcon} onClick={download} loading={busy} accessibilityLabel={label === text ? undefined : label}>
        {text}
      </Button>
      {error && <InlineError message={error} fieldID={`export-${id}`} />}
    </BlockStack>
  );
}
