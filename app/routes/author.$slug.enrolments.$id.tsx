import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { enrolmentDetail, listCohorts, moveEnrolment, removeEnrolment } from "~/models/enrolments.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { EnrolmentChangeSchema } from "~/validation/enrolment";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "history.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const enrolment = await enrolmentDetail({ courseId: course.id, enrolmentId: params.id!, user });
  const cohorts = await listCohorts({ courseId: course.id });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    isAdmin: user.role === "ADMIN",
    cohorts: cohorts.filter((c) => c.id !== enrolment.cohortId).map((c) => ({ id: c.id, name: c.name })),
    enrolment: {
      ...enrolment,
      country: countryName(enrolment.user.country, locale),
      events: enrolment.events.map((e) => ({
        ...e,
        when: formatDate(e.createdAt, locale, true),
        reason: (e.detail as { reason?: string } | null)?.reason ?? null,
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  await enrolmentDetail({ courseId: course.id, enrolmentId: params.id!, user });
  const submission = await parseForm(request, EnrolmentChangeSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const here = `/author/${course.slug}/enrolments/${params.id}`;
  if (submission.value.intent === "remove") {
    await removeEnrolment({ actor: user, enrolmentId: params.id!, reason: submission.value.reason });
    return redirectWithFlash(here, { type: "success", key: "history.removed" });
  }
  const result = await moveEnrolment({ actor: user, enrolmentId: params.id!, cohortId: submission.value.cohortId });
  if (result.status === "full") return replyWithErrors(submission, { formErrors: ["history.full"] }, 409);
  if (result.status === "unknown-cohort")
    return replyWithErrors(submission, { formErrors: ["enrolment.error.cohortRequired"] });
  return redirectWithFlash(here, { type: "success", key: "history.moved" });
}

export default function EnrolmentHistory() {
  const t = useT();
  const { slug, title, published, enrolment, cohorts, isAdmin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = formErrors(actionData?.result)[0];
  const live = ["PENDING", "WAITLISTED", "ACTIVE", "COMPLETED"].includes(enrolment.status);
  return (
    <section aria-labelledby="history-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.progress"), to: `/author/${slug}/progress` },
          { label: enrolment.user.name },
        ]}
      />
      <h1 id="history-title" dir="auto">
        {enrolment.user.name}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <p>
        <span dir="ltr">{enrolment.user.email}</span>
        {enrolment.user.agency ? ` · ${enrolment.user.agency}` : ""}
        {enrolment.country ? ` · ${enrolment.country}` : ""}
      </p>
      <p className="enrolment-status">
        {t(`enrolmentStatus.${enrolment.status}`)}
        {enrolment.cohort ? ` · ${enrolment.cohort.name}` : ""}
      </p>
      {error ? (
        <p className="form-errors" role="alert">
          {t.key(error)}
        </p>
      ) : null}
      <h2>{t("history.title")}</h2>
      <ol className="history">
        {enrolment.events.map((e) => (
          <li key={e.id}>
            <strong>{e.when}</strong> · {t(`history.action.${e.action as "enrolled"}`)}
            {e.toStatus ? ` → ${t(`enrolmentStatus.${e.toStatus}`)}` : ""}
            {e.actor ? ` · ${e.actor.name}` : ""}
            {e.reason ? ` · ${t("enrolment.reason", { reason: e.reason })}` : ""}
          </li>
        ))}
      </ol>
      {isAdmin && live ? (
        <>
          {cohorts.length ? (
            <Form method="post" className="inline-form wrap">
              <input type="hidden" name="intent" value="move" />
              <label htmlFor="move-cohort">{t("history.moveTo")}</label>
              <select id="move-cohort" name="cohortId">
                {cohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="button small">
                {t("history.move")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="inline-form wrap">
            <input type="hidden" name="intent" value="remove" />
            <label htmlFor="remove-reason">{t("application.reason")}</label>
            <input id="remove-reason" name="reason" required minLength={3} maxLength={500} dir="auto" />
            <button type="submit" className="button small danger">
              {t("history.remove")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
