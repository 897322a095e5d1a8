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
import { LOCALE_NAMES } from "~/i18n/i18n";
import { localeBundle, resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import styles from "~/styles/app.css";
import { getAuth } from "~/utils/auth.server";
import { readFlash } from "~/utils/flash.server";
import { CONTENT_LANGUAGES, languageName } from "~/utils/languages";
import { pageTitle } from "~/utils/meta";
import { currentFor, menuFor } from "~/utils/site-menu";
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
  // Pages whose route says `handle = { hydrate: false }` (module reading) ship no JavaScript at all;
  // `hydrate: (data) => boolean` decides from the page's data (the dashboard, only while it polls).
  const hydrate = !useMatches().some((m) => {
    const wanted = (m.handle as { hydrate?: boolean | ((data: unknown) => boolean) } | undefined)?.hydrate;
    return typeof wanted === "function" ? !wanted(m.data) : wanted === false;
  });
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
  const { locale } = useLocale();
  const location = useLocation();
  const user = data?.user;
  const here = `${location.pathname}${location.search}`;
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
        {/* Both disclosures work without JavaScript; keyed by the path so a client-side navigation closes them. */}
        <details className="header-disclosure site-menu" key={`menu-${location.pathname}`}>
          <summary>{t("menu.toggle")}</summary>
          <div className="disclosure-panel site-menu-panel">
            <nav aria-label={t("nav.main")} className="site-nav">
              <ul>
                {menuFor(user?.role).map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={currentFor(location.pathname, item.to)}>
                      {t(item.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="account">
              {user ? (
                <>
                  <span className="signed-in">{t("nav.signedInAs", { name: user.name })}</span>
                  <Link to="/account" aria-current={currentFor(location.pathname, "/account")}>
                    {t("account.navLink")}
                  </Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="button-link">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <Link to="/login" aria-current={currentFor(location.pathname, "/login")}>
                    {t("nav.login")}
                  </Link>
                  <Link to="/signup" className="button small" aria-current={currentFor(location.pathname, "/signup")}>
                    {t("nav.signup")}
                  </Link>
                </>
              )}
            </div>
          </div>
        </details>
        <details className="header-disclosure language-menu" key={`lang-${location.pathname}`}>
          <summary>
            <span className="visually-hidden">{t("lang.label")}: </span>
            <span lang={locale}>{LOCALE_NAMES[locale]}</span>
          </summary>
          <div className="disclosure-panel">
            <LanguageSwitcher redirectTo={here} id="language-switcher-top" />
          </div>
        </details>
      </div>
    </header>
  );
}

function Footer() {
  const t = useT();
  const location = useLocation();
  return (
    <footer className="site-footer">
      <LanguageSwitcher redirectTo={`${location.pathname}${location.search}`} id="language-switcher" />
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
