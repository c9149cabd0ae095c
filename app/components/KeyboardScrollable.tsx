// A table wider than the page scrolls sideways inside Polaris' scroll container; with no control
// in it (a read-only table), a keyboard user could not reach or scroll it (WCAG 2.1.1, axe's
// scrollable-region-focusable). This makes each such container focusable and named.
import { useEffect, useRef, type ReactNode } from "react";

const SCROLL_CONTAINERS = ".Polaris-IndexTable-ScrollContainer, .Polaris-DataTable__ScrollContainer";

export function KeyboardScrollable({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const element of ref.current?.querySelectorAll<HTMLElement>(SCROLL_CONTAINERS) ?? []) {
      element.tabIndex = 0;
      element.setAttribute("role", "region");
      element.setAttribute("aria-label", label);
    }
  });
  return <div ref={ref}>{children}</div>;
}
