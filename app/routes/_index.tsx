import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/use-t";
import { getUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

/** Signed-in people land on their dashboard, where the next step of each course is. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

export default function Index() {
  const t = useT();
  return (
    <div className="home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <p className="actions">
          <Link to="/signup" className="button">
            {t("home.getStarted")}
          </Link>
          <Link to="/login">{t("home.haveAccount")}</Link>
        </p>
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
