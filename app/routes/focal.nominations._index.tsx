import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { rowError } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { endorseApplication, focalNominations } from "~/models/nominations.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { EndorseSchema } from "~/validation/nominations";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nomination.title");
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, user);
  const { awaiting, nominations } = await focalNominations({ actor: user });
  const shape = (n: (typeof awaiting)[number]) => ({ ...n, createdAt: formatDate(n.createdAt, locale) });
  return { awaiting: awaiting.map(shape), nominations: nominations.map(shape) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const submission = await parseForm(request, EndorseSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await endorseApplication({ actor: user, ...submission.value });
  if (result.status === "reason-required")
    return replyWithErrors(submission, { formErrors: ["nomination.reasonRequired"] });
  return redirectWithFlash("/focal/nominations", {
    type: result.status === "not-awaiting" ? "info" : "success",
    key:
      result.status === "endorsed"
        ? "nomination.done.endorsed"
        : result.status === "declined"
          ? "nomination.done.declined"
          : "nomination.done.notAwaiting",
  });
}

export default function FocalNominations() {
  const t = useT();
  const { awaiting, nominations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="nominations-title">
      <h1 id="nominations-title">{t("nomination.title")}</h1>
      <p>{t("nomination.intro")}</p>
      <p>
        <Link to="/focal/nominations/new" className="button">
          {t("nomination.new")}
        </Link>{" "}
        <Link to="/focal/nominations/csv">{t("nomination.csv.link")}</Link>
      </p>
      <h2>{t("nomination.awaiting.title")}</h2>
      {awaiting.length === 0 ? <p>{t("nomination.awaiting.none")}</p> : null}
      <ul className="application-list">
        {awaiting.map((a) => (
          <li key={a.id} className="course-card">
            <h3 dir="auto">{a.name}</h3>
            <p className="muted">
              <span dir="ltr">{a.email}</span>
              {a.agency ? <span dir="auto"> · {a.agency}</span> : null} · <span dir="auto">{a.course}</span>
              {a.cohort ? <span dir="auto"> · {a.cohort}</span> : null} ·{" "}
              {t("application.received", { date: a.createdAt })}
            </p>
            {a.justification ? <blockquote dir="auto">{a.justification}</blockquote> : null}
            {rowError(actionData?.result, "enrolmentId", a.id) ? (
              <p className="form-errors" role="alert">
                {t.key(rowError(actionData?.result, "enrolmentId", a.id)!)}
              </p>
            ) : null}
            <Form method="post" className="inline-form wrap">
              <input type="hidden" name="enrolmentId" value={a.id} />
              <div className="field">
                <label htmlFor={`reason-${a.id}`}>{t("nomination.reason")}</label>
                <input id={`reason-${a.id}`} name="reason" maxLength={1000} dir="auto" />
              </div>
              <button type="submit" name="decision" value="endorse" className="button">
                {t("nomination.endorse")}
              </button>
              <button type="submit" name="decision" value="decline" className="button danger">
                {t("nomination.decline")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>{t("nomination.list.title")}</h2>
      {nominations.length === 0 ? (
        <p>{t("nomination.list.none")}</p>
      ) : (
        <TableScroll label={t("nomination.list.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("nomination.col.officer")}</th>
                <th scope="col">{t("nomination.col.course")}</th>
                <th scope="col">{t("nomination.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {nominations.map((n) => (
                <tr key={n.id}>
                  <th scope="row" dir="auto">
                    {n.name}
                    {n.agency ? <span className="muted"> · {n.agency}</span> : null}
                  </th>
                  <td dir="auto">
                    {n.course}
                    {n.cohort ? ` · ${n.cohort}` : ""}
                  </td>
                  <td>
                    {t(`enrolmentStatus.${n.status}`)}
                    {n.nominatedByMe ? <span className="muted"> · {t("nomination.byYou")}</span> : null}
                    {n.reason ? <span className="muted"> · {t("enrolment.reason", { reason: n.reason })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
