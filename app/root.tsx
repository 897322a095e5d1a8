import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { FlashMessage } from "~/components/flash-message";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitcher } from "~/components/language-switcher";
import { localeBundle, resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import styles from "~/styles/app.css";
import { getAuth } from "~/utils/auth.server";
import { readFlash } from "~/utils/flash.server";
import { CONTENT_LANGUAGES, languageName } from "~/utils/languages";
import { pageTitle } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";

/** Fallback title, including for errors that reach the root. */

/**
 * The live Markdown preview posts to /author/<slug>/preview as the trainer types. It changes
 * nothing on the server, so it must not revalidate the page: a revalidation landing just after
 * "Save draft" would read the flash cookie again and wipe the "Draft saved." message.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, formData, defaultShouldRevalidate }) => {
  if (formAction && /^\/author\/[^/]+\/preview$/.test(formAction)) return false;
  // The same for an attempt's autosave: the page's own loader still refreshes its answered marks.
  if (formData?.get("intent") === "autosave") return false;
  return defaultShouldRevalidate;
};

export const meta: MetaFunction = ({ matches, error }) =>
  pageTitle(
    matches,
    !error
      ? "home.title"
      : isRouteErrorResponse(error) && error.status === 404
        ? "error.notFound.title"
        : "error.title",
  );

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getAuth(request);
  const locale = await resolveLocale(request, user);
  const { flash, clear } = await readFlash(request);
  if (clear) headers.append("Set-Cookie", clear);
  return data(
    {
      ...localeBundle(locale),
      user: user ? { id: user.id, name: user.name, role: user.role } : null,
      // Names from the server's ICU only: the browser's may differ and break hydration.
      languageNames: Object.fromEntries(CONTENT_LANGUAGES.map((tag) => [tag, languageName(tag, locale)])),
      flash,
    },
    { headers },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { locale, dir } = useLocale();
  const nonce = useNonce();
  // Pages whose route says `handle = { hydrate: false }` (module reading) ship no JavaScript at all.
  const hydrate = !useMatches().some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <div className="header-inner">
        <Link to="/" className="brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32" className="brand-mark">
            <path d="M13 6h6l2 20H11z" fill="currentColor" />
            <path d="M12 3h8v3h-8z" fill="currentColor" />
            <path d="M4 9l7 2M28 9l-7 2" stroke="currentColor" strokeWidth="2" />
          </svg>
          <span>
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </span>
        </Link>
        <nav aria-label={t("nav.main")} className="site-nav">
          <ul>
            <li>
              <Link to="/">{t("nav.home")}</Link>
            </li>
            <li>
              <Link to="/courses">{t("nav.courses")}</Link>
            </li>
            <li>
              <Link to="/verify">{t("nav.verify")}</Link>
            </li>
            {user ? (
              <li>
                <Link to="/dashboard">{t("nav.dashboard")}</Link>
              </li>
            ) : null}
            {user?.role === "ADMIN" || user?.role === "TRAINER" ? (
              <li>
                <Link to="/author">{t("nav.author")}</Link>
              </li>
            ) : null}
            {user?.role === "ADMIN" ? (
              <>
                <li>
                  <Link to="/admin/users">{t("nav.users")}</Link>
                </li>
                <li>
                  <Link to="/admin/enrolments">{t("nav.bulk")}</Link>
                </li>
                <li>
                  <Link to="/admin/certificates">{t("nav.certificates")}</Link>
                </li>
                <li>
                  <Link to="/admin/agencies">{t("nav.agencies")}</Link>
                </li>
              </>
            ) : null}
            {user?.role === "FOCAL_POINT" ? (
              <li>
                <Link to="/focal">{t("nav.focal")}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="account">
          {user ? (
            <>
              <span className="signed-in">{t("nav.signedInAs", { name: user.name })}</span>
              <Link to="/account">{t("account.navLink")}</Link>
              <Form method="post" action="/logout">
                <button type="submit" className="button-link">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">{t("nav.login")}</Link>
              <Link to="/signup" className="button small">
                {t("nav.signup")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function Footer() {
  const t = useT();
  const location = useLocation();
  return (
    <footer className="site-footer">
      <LanguageSwitcher redirectTo={`${location.pathname}${location.search}`} />
      <p>{t("app.footer")}</p>
    </footer>
  );
}

function Hydrated() {
  // Marks the document once React has hydrated; the no-JavaScript tests check it never appears.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}

function Shell({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        {data?.flash ? <FlashMessage flash={data.flash} /> : null}
        {children}
      </main>
      <Footer />
      <Hydrated />
    </>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}
