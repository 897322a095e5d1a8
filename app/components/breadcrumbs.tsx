import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** One step of a trail: a title from the loader (never a slug) and where it leads (the last: this page). */
export type Crumb = { label: string; to?: string };

/**
 * The trail above a page's heading (WAI-ARIA breadcrumb pattern): a labelled `nav`, an ordered
 * list, the last item the page itself with `aria-current="page"`. Separators are drawn by CSS,
 * so screen readers do not read them and they mirror in right-to-left languages.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const t = useT();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
      <ol>
        {items.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`}>
            <Link to={crumb.to ?? here} dir="auto" aria-current={index === items.length - 1 ? "page" : undefined}>
              {crumb.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
