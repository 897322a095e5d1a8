import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/utils/auth.server";

/** The officer's own account: every page under /account needs a signed-in person. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const SECTIONS: Array<{ to: string; key: MessageKey; end?: boolean }> = [
  { to: "/account", key: "account.nav.profile", end: true },
  { to: "/account/password", key: "account.nav.password" },
  { to: "/account/email", key: "account.nav.email" },
  { to: "/account/security", key: "account.nav.security" },
  { to: "/account/sessions", key: "account.nav.sessions" },
  { to: "/account/data", key: "account.nav.data" },
];

export default function AccountLayout() {
  const t = useT();
  return (
    <div className="account-pages">
      <nav aria-label={t("account.nav.label")} className="tabs account-nav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end}>
                {t(section.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
