import { useEffect, useRef } from "react";
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { Failure } from "~/features/intents.server";

/** What the agency pages' actions answer (agency-actions.server.ts): what was done, or the one
 * refusal shape. */
export type AgencyActionResult = { ok: true; done: string | null; errors: Record<string, string> } | Failure;

/**
 * A fetcher for one card of the agency pages: a toast for what was done (once per answer), the
 * answer's field errors, and `posted(intent, values)` to submit to the page's action.
 */
export function useAgencyFetcher<T extends AgencyActionResult = AgencyActionResult>(action: string, onDone?: (data: T) => void) {
  const fetcher = useFetcher<T>();
  const shopify = useAppBridge();
  const handled = useRef<T | undefined>(undefined);
  const data = fetcher.data as T | undefined;
  useEffect(() => {
    if (!data || data === handled.current) return;
    handled.current = data;
    if (data.ok && data.done) shopify.toast.show(data.done);
    if (data.ok) onDone?.(data);
  }, [data, onDone, shopify]);
  const separator = action.includes("?") ? "&" : "?";
  return {
    fetcher,
    data,
    errors: data?.errors ?? {},
    busy: fetcher.state !== "idle",
    post: (intent: string, values: Record<string, string | string[]>, extra = "") => {
      const form = new FormData();
      for (const [name, value] of Object.entries(values)) for (const entry of Array.isArray(value) ? value : [value]) form.append(name, entry);
      fetcher.submit(form, { method: "post", action: `${action}${separator}intent=${intent}${extra}` });
    },
  };
}
