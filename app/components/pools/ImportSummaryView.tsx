import { Banner, BlockStack, DataTable, InlineGrid, ProgressBar, Text } from "@shopify/polaris";
import { formatCount } from "~/lib/format";
import type { ImportSummaryData } from "./types";

const FINISHED_TONES = { COMPLETED: "success", REJECTED: "critical", FAILED: "critical" } as const;

/** An import's progress while it runs, then its result: what was imported and each skipped row. */
export function ImportSummaryView({ summary }: { summary: ImportSummaryData }) {
  if (summary.status === "PENDING" || summary.status === "RUNNING") {
    const progress = summary.totalBytes ? Math.min(100, (summary.processedBytes / summary.totalBytes) * 100) : 0;
    return (
      <BlockStack gap="200">
        <Text as="p">{`Importing… ${formatCount(summary.rowsRead)} rows read, ${formatCount(summary.imported)} codes so far.`}</Text>
        <ProgressBar progress={progress} tone="primary" ariaLabelledBy="import-progress" />
        <Text as="p" variant="bodySm" tone="subdued" id="import-progress">
          {summary.totalBytes ? `${Math.floor(progress)}% of the file` : "Reading the file"}. The codes appear in the pool all at once when the import
          completes.
        </Text>
      </BlockStack>
    );
  }
  const tone = FINISHED_TONES[summary.status];
  if (summary.status !== "COMPLETED") {
    return (
      <Banner tone={tone} title={summary.status === "REJECTED" ? "The file was rejected; nothing was imported" : "The import failed; nothing was imported"}>
        <p>{summary.rejectionReason}</p>
      </Banner>
    );
  }
  const skipped = summary.duplicatesInFile + summary.duplicatesInPool + summary.duplicatesInOtherPool + summary.alreadyInShopify + summary.invalid;
  return (
    <BlockStack gap="300">
      <Banner tone={skipped > 0 ? "warning" : tone} title={`${formatCount(summary.imported)} coupons imported`}>
        <p>{skipped === 0 ? "Every row was imported." : `${formatCount(skipped)} rows were skipped; each is listed below with its reason.`}</p>
      </Banner>
      <InlineGrid columns={{ xs: 2, md: 6 }} gap="300">
        <Figure label="Imported" value={summary.imported} />
        <Figure label="Duplicates within the file" value={summary.duplicatesInFile} />
        <Figure label="Already in this pool" value={summary.duplicatesInPool} />
        <Figure label="Already in another pool" value={summary.duplicatesInOtherPool} />
        <Figure label="Already in Shopify" value={summary.alreadyInShopify} />
        <Figure label="Invalid" value={summary.invalid} />
      </InlineGrid>
      {summary.problems.length > 0 && (
        <BlockStack gap="100">
          <DataTable
            columnContentTypes={["numeric", "text", "text"]}
            headings={["Row", "Code", "Reason"]}
            rows={summary.problems.map((problem) => [problem.row, problem.code || "—", problem.reason])}
          />
          {skipped > summary.problems.length && (
            <Text as="p" variant="bodySm" tone="subdued">
              The first {formatCount(summary.problems.length)} of {formatCount(skipped)} skipped rows are listed.
            </Text>
          )}
        </BlockStack>
      )}
    </BlockStack>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingMd" numeric>
        {formatCount(value)}
      </Text>
    </BlockStack>
  );
}
