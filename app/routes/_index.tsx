import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/use-t";
import type { loader as rootLoader } from "~/root";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export default function Index() {
  const t = useT();
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        {user ? (
          <>
            <h1 id="home-title">{t("home.welcome", { name: user.name })}</h1>
            <p className="lead">{t("home.yourRole", { role: t(`role.${user.role}`) })}</p>
            {user.role === "ADMIN" ? (
              <p>
                <Link to="/admin/users" className="button">
                  {t("home.manageUsers")}
                </Link>
              </p>
            ) : null}
          </>
        ) : (
          <>
            <h1 id="home-title">{t("home.title")}</h1>
            <p className="lead">{t("home.intro")}</p>
            <p className="actions">
              <Link to="/signup" className="button">
                {t("home.getStarted")}
              </Link>
              <Link to="/login">{t("home.haveAccount")}</Link>
            </p>
          </>
        )}
      </section>
      <ul className="audiences">
        <li>
          <h2>{t("home.forOfficers.title")}</h2>
          <p>{t("home.forOfficers.body")}</p>
        </li>
        <li>
          <h2>{t("home.forTrainers.title")}</h2>
          <p>{t("home.forTrainers.body")}</p>
        </li>
        <li>
          <h2>{t("home.forAdmins.title")}</h2>
          <p>{t("home.forAdmins.body")}</p>
        </li>
      </ul>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
