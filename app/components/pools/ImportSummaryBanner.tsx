import { BlockStack, Card, Collapsible, InlineStack, Button, Text } from "@shopify/polaris";
import { useState } from "react";
import { formatDateTime } from "~/lib/format";
import { ImportSummaryView } from "./ImportSummaryView";
import type { ImportSummaryData } from "./types";

/** The pool's latest import, kept on the pool page after its dialog is closed. */
export function ImportSummaryBanner({ summary, timeZone }: { summary: ImportSummaryData; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const source = summary.source === "paste" ? "Pasted list" : (summary.fileName ?? "CSV file");
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingSm">
            Latest import: {source} · {formatDateTime(summary.createdAt, timeZone)}
          </Text>
          <Button variant="plain" onClick={() => setOpen(!open)} ariaExpanded={open} ariaControls="latest-import">
            {open ? "Hide details" : "Show details"}
          </Button>
        </InlineStack>
        <Collapsible id="latest-import" open={open}>
          <ImportSummaryView summary={summary} />
        </Collapsible>
      </BlockStack>
    </Card>
  );
}
