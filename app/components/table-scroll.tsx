import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

/**
 * Every table sits in one of these: on a phone a wide table scrolls inside its own box instead
 * of pushing the page sideways (WCAG 1.4.10), and the box is a labelled, focusable region so a
 * keyboard user can scroll it with the arrow keys (axe: scrollable-region-focusable). Its name
 * says "Table: …" so it never repeats the section it sits in (axe: landmark-unique).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="table-scroll" role="region" aria-label={t("table.region", { label })} tabIndex={0}>
      {children}
    </div>
  );
}
