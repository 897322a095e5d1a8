import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { describeUserAgent, endOtherSessions, endOwnSession, listSessions } from "~/models/sessions.server";
import { currentSessionKey, requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { SessionActionSchema } from "~/validation/admin";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accounts.sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const sessions = await listSessions({ userId: user.id, currentKey: await currentSessionKey(request) });
  return {
    sessions: sessions.map((s) => ({
      key: s.id,
      current: s.current,
      device: describeUserAgent(s.userAgent),
      ip: s.ip,
      lastSeen: formatDate(s.lastSeenAt, locale, true),
      lastSeenIso: s.lastSeenAt.toISOString(),
      since: formatDate(s.createdAt, locale, true),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const currentKey = await currentSessionKey(request);
  const submission = await parseForm(request, SessionActionSchema);
  if (submission.status !== "success" || !currentKey)
    return replyWithErrors(submission, { formErrors: ["accounts.sessions.notFound"] });
  if (submission.value.intent === "end-others") {
    const { count } = await endOtherSessions({ userId: user.id, currentKey, ip: context.clientIp });
    return redirectWithFlash("/account/sessions", {
      type: "success",
      key: "accounts.sessions.othersEnded",
      params: { count: String(count) },
    });
  }
  const result = await endOwnSession({ userId: user.id, sessionKey: submission.value.session, ip: context.clientIp });
  if (result.status === "not-found")
    return replyWithErrors(submission, { formErrors: ["accounts.sessions.notFound"] }, 404);
  // Ending this very device is signing out here: the next request finds no session.
  return redirectWithFlash(submission.value.session === currentKey ? "/login" : "/account/sessions", {
    type: "success",
    key: "accounts.sessions.ended",
  });
}

export default function AccountSessions() {
  const t = useT();
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = formErrors(actionData?.result);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">{t("accounts.sessions.title")}</h1>
      <p>{t("accounts.sessions.intro")}</p>
      {errors.length ? (
        <p className="form-errors" role="alert">
          {t.key(errors[0]!)}
        </p>
      ) : null}
      <ul className="session-list">
        {sessions.map((s) => {
          const device = s.device
            ? [s.device.browser, s.device.os].filter(Boolean).join(t("accounts.sessions.on"))
            : t("accounts.sessions.unknownDevice");
          return (
            <li key={s.key} className="session-item" data-current={s.current ? "true" : undefined}>
              <p>
                <strong dir="ltr">{device}</strong>
                {s.current ? <span className="badge"> {t("accounts.sessions.thisDevice")}</span> : null}
              </p>
              <dl className="facts">
                <div>
                  <dt>{t("accounts.sessions.address")}</dt>
                  <dd dir="ltr">{s.ip ?? t("accounts.sessions.unknownAddress")}</dd>
                </div>
                <div>
                  <dt>{t("accounts.sessions.lastSeen")}</dt>
                  <dd>
                    <time dateTime={s.lastSeenIso}>{s.lastSeen}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t("accounts.sessions.since")}</dt>
                  <dd>{s.since}</dd>
                </div>
              </dl>
              <Form method="post" action="/account/sessions" className="inline-form">
                <input type="hidden" name="intent" value="end" />
                <input type="hidden" name="session" value={s.key} />
                <button type="submit" className="button small secondary">
                  {s.current ? t("accounts.sessions.endThis") : t("accounts.sessions.end", { device })}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <Form method="post" action="/account/sessions">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="button">
            {t("accounts.sessions.endOthers")}
          </button>
        </Form>
      ) : (
        <p>{t("accounts.sessions.noOthers")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
