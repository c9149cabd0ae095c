import { useState } from "react";

/**
 * Downloads a CSV through fetch (App Bridge adds the session token to the app's own requests),
 * then hands the file to the browser under the name the server gave it. A refusal's plain-text
 * reason becomes the error shown next to the button.
 */
export function useCsvDownload(href: string, fallbackName: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(href);
      if (!response.ok) {
        const reason = response.headers.get("Content-Type")?.startsWith("text/plain") ? await response.text() : "";
        throw new Error(reason || `The export failed (${response.status}).`);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { download, busy, error };
}
