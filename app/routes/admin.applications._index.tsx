import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { centreQueue, createDecisionBatch } from "~/models/nominations.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { BulkDecisionSchema, QueueFilterSchema } from "~/validation/nominations";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "applications.title");
export const handle = { hydrate: false };

const AGES = [7, 14, 30] as const;
const SHOWN = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const locale = await resolveLocale(request, user);
  const filters = QueueFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue = await centreQueue({ actor: user, filters, take: SHOWN });
  return {
    filters: {
      country: filters.country ?? "",
      agencyId: filters.agencyId ?? "",
      courseId: filters.courseId ?? "",
      cohortId: filters.cohortId ?? "",
      olderThanDays: filters.olderThanDays ? String(filters.olderThanDays) : "",
    },
    count: queue.count,
    rows: queue.rows.map((r) => ({
      ...r,
      country: countryName(r.country, locale),
      createdAt: formatDate(r.createdAt, locale),
    })),
    countries: queue.countries.map((c) => ({ code: c, name: countryName(c, locale) })),
    agencies: queue.agencies,
    courses: queue.courses,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const submission = await parseForm(request, BulkDecisionSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await createDecisionBatch({
    actor: user,
    enrolmentIds: submission.value.enrolmentId,
    decision: submission.value.decision,
    reason: submission.value.reason,
  });
  if (result.status === "created") return redirect(`/admin/applications/batches/${result.batchId}`);
  const key =
    result.status === "reason-required"
      ? "applications.error.reason"
      : result.status === "too-many"
        ? "applications.error.tooMany"
        : "applications.error.none";
  return replyWithErrors(submission, { formErrors: [key] });
}

export default function Applications() {
  const t = useT();
  const { filters, count, rows, countries, agencies, courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="applications-title">
      <h1 id="applications-title">{t("applications.title")}</h1>
      <p>{t("applications.intro")}</p>
      <Form method="get" className="inline-form wrap" aria-label={t("applications.filters")}>
        <div className="field">
          <label htmlFor="f-country">{t("nomination.col.country")}</label>
          <select id="f-country" name="country" defaultValue={filters.country}>
            <option value="">{t("applications.filter.any")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-agency">{t("nomination.col.agency")}</label>
          <select id="f-agency" name="agencyId" defaultValue={filters.agencyId}>
            <option value="">{t("applications.filter.any")}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.country})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-course">{t("nomination.col.course")}</label>
          <select id="f-course" name="courseId" defaultValue={filters.courseId}>
            <option value="">{t("applications.filter.any")}</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-cohort">{t("nomination.col.cohort")}</label>
          <select id="f-cohort" name="cohortId" defaultValue={filters.cohortId}>
            <option value="">{t("applications.filter.any")}</option>
            {courses.flatMap((c) =>
              c.cohorts.map((k) => (
                <option key={k.id} value={k.id}>
                  {c.title} · {k.name}
                </option>
              )),
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-age">{t("applications.filter.age")}</label>
          <select id="f-age" name="olderThanDays" defaultValue={filters.olderThanDays}>
            <option value="">{t("applications.filter.any")}</option>
            {AGES.map((d) => (
              <option key={d} value={String(d)}>
                {t("applications.filter.days", { count: d })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary">
          {t("applications.filter.apply")}
        </button>
      </Form>
      <p role="status">{t("applications.count", { count })}</p>
      {count > rows.length ? <p className="muted">{t("applications.shown", { shown: rows.length })}</p> : null}
      {rows.length === 0 ? (
        <p>{t("applications.none")}</p>
      ) : (
        <Form method="post">
          <FormErrors id="decision-errors" errors={formErrors(actionData?.result)} />
          <TableScroll label={t("applications.title")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("nomination.col.choose")}</span>
                  </th>
                  <th scope="col">{t("nomination.col.officer")}</th>
                  <th scope="col">{t("nomination.col.course")}</th>
                  <th scope="col">{t("nomination.col.waiting")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="enrolmentId"
                        value={r.id}
                        id={`a-${r.id}`}
                        aria-label={t("applications.select", { name: r.name })}
                      />
                    </td>
                    <th scope="row">
                      <label htmlFor={`a-${r.id}`} dir="auto">
                        {r.name}
                      </label>{" "}
                      <span className="muted">
                        {[r.agency, r.country].filter(Boolean).join(" · ")}
                        {r.nominatedBy
                          ? ` · ${t("applications.nominatedBy", { name: r.nominatedBy })}`
                          : r.endorsedBy
                            ? ` · ${t("nomination.col.endorsedBy")} ${r.endorsedBy}`
                            : ""}
                      </span>
                    </th>
                    <td dir="auto">
                      {r.course.title}
                      {r.cohort ? ` · ${r.cohort.name}` : ""}
                    </td>
                    <td>{r.createdAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="field">
            <label htmlFor="decision-reason">{t("applications.reason")}</label>
            <input id="decision-reason" name="reason" maxLength={1000} dir="auto" />
          </div>
          <p className="inline-form wrap">
            <button type="submit" name="decision" value="accept" className="button">
              {t("applications.accept")}
            </button>
            <button type="submit" name="decision" value="decline" className="button danger">
              {t("applications.decline")}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
