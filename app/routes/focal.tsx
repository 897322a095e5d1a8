import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/use-t";
import { requireRole } from "~/utils/auth.server";

/**
 * The focal point's pages (docs/decisions/026). Every child loader and action authorises on
 * its own (role FOCAL_POINT, then the scope from focal-scope.server.ts): loaders run in parallel.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "FOCAL_POINT");
  return null;
}

export default function FocalLayout() {
  const t = useT();
  return (
    <>
      <nav aria-label={t("focal.nav")} className="tabs">
        <NavLink to="/focal" end>
          {t("focal.officers.title")}
        </NavLink>
        <NavLink to="/focal/vetting">{t("focal.vetting.title")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
