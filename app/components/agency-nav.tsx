import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The administrators' agency pages: the list, a new one, duplicates, import and requests. */
export function AgencyNav() {
  const t = useT();
  return (
    <nav aria-label={t("agencies.nav")} className="tabs">
      <NavLink to="/admin/agencies" end>
        {t("agencies.title")}
      </NavLink>
      <NavLink to="/admin/agencies/new">{t("agencies.new")}</NavLink>
      <NavLink to="/admin/agencies/duplicates">{t("agencies.duplicates.title")}</NavLink>
      <NavLink to="/admin/agencies/import">{t("agencies.import.title")}</NavLink>
      <NavLink to="/admin/agencies/requests">{t("agencies.requests.title")}</NavLink>
    </nav>
  );
}
