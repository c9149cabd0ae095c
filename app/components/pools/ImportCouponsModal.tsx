import { useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { BlockStack, ChoiceList, DropZone, InlineError, Modal, Text, TextField } from "@shopify/polaris";
import { readForm } from "~/domain/form-schema";
import { importRegistrationSchema } from "~/domain/pools/import-form";
import { ImportSummaryView } from "./ImportSummaryView";
import type { ImportSummaryData } from "./types";

type Source = "csv" | "paste";
const POLL_INTERVAL_MS = 500;

interface Props {
  open: boolean;
  onClose: () => void;
  poolId: number;
  policy: string;
  columnsHelp: string;
}

/**
 * Import Coupons: a CSV file or a pasted list. The file is sent as the request body, which the
 * server reads as a stream; meanwhile the dialog polls the import's progress.
 */
export function ImportCouponsModal({ open, onClose, poolId, policy, columnsHelp }: Props) {
  const revalidator = useRevalidator();
  const [source, setSource] = useState<Source>("csv");
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [summary, setSummary] = useState<ImportSummaryData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const reset = () => {
    setFile(null);
    setPasted("");
    setSummary(null);
    setError(null);
  };
  const close = () => {
    if (running) return;
    reset();
    onClose();
  };

  const start = async () => {
    const body: Blob | null = source === "csv" ? file : pasted.trim() ? new Blob([pasted], { type: "text/plain" }) : null;
    if (!body) {
      setError(source === "csv" ? "Choose a CSV file to import." : "Paste at least one code, one per line.");
      return;
    }
    const registration = { source, fileName: source === "csv" ? file!.name : "", totalBytes: String(body.size) };
    // Checked with the registration's schema first (a file too large is refused before it is sent).
    const checked = readForm(importRegistrationSchema, registration);
    if (!checked.ok) {
      setError(Object.values(checked.errors)[0] ?? null);
      return;
    }
    setError(null);
    setRunning(true);
    let stopPolling = () => {};
    try {
      const created = await postJson<{ import: ImportSummaryData }>(`/app/pools/${poolId}/imports`, new URLSearchParams(registration));
      setSummary(created.import);
      const url = `/app/pools/${poolId}/imports/${created.import.id}`;
      stopPolling = pollProgress(url, setSummary);
      const finished = await postJson<{ import: ImportSummaryData }>(url, body);
      setSummary(finished.import);
      revalidator.revalidate();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      stopPolling();
      setRunning(false);
    }
  };

  const finished = summary && !["PENDING", "RUNNING"].includes(summary.status);
  return (
    <Modal
      open={open}
      onClose={close}
      title="Import Coupons"
      primaryAction={finished ? { content: "Done", onAction: close } : { content: "Import", onAction: start, loading: running }}
      secondaryActions={finished ? [{ content: "Import another file", onAction: reset }] : [{ content: "Cancel", onAction: close, disabled: running }]}
    >
      <Modal.Section>
        <BlockStack gap="400">
          {summary ? (
            <ImportSummaryView summary={summary} />
          ) : (
            <>
              <ChoiceList
                title="Codes to import"
                choices={[
                  { label: "Upload a CSV file", value: "csv" },
                  { label: "Paste a list (one code per line)", value: "paste" },
                ]}
                selected={[source]}
                onChange={([value]) => setSource(value as Source)}
              />
              {source === "csv" ? (
                <DropZone accept=".csv,.txt,text/csv,text/plain" type="file" allowMultiple={false} onDrop={(files) => setFile(files[0] ?? null)}>
                  {file ? (
                    <BlockStack inlineAlign="center">
                      <Text as="p">{file.name}</Text>
                    </BlockStack>
                  ) : (
                    <DropZone.FileUpload actionTitle="Choose a CSV file" actionHint="or drop it here" />
                  )}
                </DropZone>
              ) : (
                <TextField label="Codes" multiline={8} value={pasted} onChange={setPasted} autoComplete="off" monospaced />
              )}
              <Text as="p" variant="bodySm" tone="subdued">
                {columnsHelp}
              </Text>
              <Text as="p" variant="bodySm" tone="subdued">
                {policy}
              </Text>
            </>
          )}
          {error && <InlineError message={error} fieldID="import-coupons" />}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

async function postJson<T>(url: string, body: BodyInit): Promise<T> {
  const response = await fetch(url, { method: "POST", body });
  const payload = (await response.json().catch(() => null)) as (T & { errors?: Record<string, string> }) | null;
  if (!response.ok || !payload) {
    throw new Error(Object.values(payload?.errors ?? {})[0] ?? `The import request failed (${response.status}).`);
  }
  return payload;
}

/** Polls the import's progress until stopped; returns the stop function. */
function pollProgress(url: string, onProgress: (summary: ImportSummaryData) => void): () => void {
  let stopped = false;
  const timer = setInterval(async () => {
    const response = await fetch(url).catch(() => null);
    const payload = response?.ok ? ((await response.json()) as { import: ImportSummaryData }) : null;
    if (payload && !stopped) onProgress(payload.import);
  }, POLL_INTERVAL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
