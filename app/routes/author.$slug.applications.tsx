import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { rowError } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { decideApplication, listApplications } from "~/models/enrolments.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { DecisionSchema } from "~/validation/enrolment";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.applications");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const applications = await listApplications({ courseId: course.id });
  return {
    courseId: course.id,
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    applications: applications.map((a) => ({
      ...a,
      country: countryName(a.user.country, locale),
      received: formatDate(a.createdAt, locale),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const submission = await parseForm(request, DecisionSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const result = await decideApplication({ actor: user, courseId: course.id, ...submission.value });
  if (result.status === "reason-required")
    return replyWithErrors(submission, { formErrors: ["application.reasonRequired"] });
  if (result.status === "not-pending")
    return redirectWithFlash(`/author/${course.slug}/applications`, {
      type: "info",
      key: "application.alreadyDecided",
    });
  return redirectWithFlash(`/author/${course.slug}/applications`, {
    type: "success",
    key: `application.done.${result.status}`,
  });
}

export default function Applications() {
  const t = useT();
  const { courseId, slug, title, published, applications } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="applications-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.applications") },
        ]}
      />
      <h1 id="applications-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("author.tab.applications")}</h2>
      <p>
        <Link to={`/admin/applications?${new URLSearchParams({ courseId: courseId })}`}>{t("applications.title")}</Link>
      </p>
      {applications.length === 0 ? <p>{t("application.none")}</p> : null}
      <ul className="application-list">
        {applications.map((a) => (
          <li key={a.id} className="course-card">
            <h3 dir="auto">{a.user.name}</h3>
            <p className="muted">
              <span dir="ltr">{a.user.email}</span>
              {a.user.agency ? ` · ${a.user.agency}` : ""}
              {a.country ? ` · ${a.country}` : ""}
              {a.cohort ? ` · ${a.cohort.name}` : ""} · {t("application.received", { date: a.received })}
            </p>
            <blockquote dir="auto">{a.justification}</blockquote>
            {rowError(actionData?.result, "enrolmentId", a.id) ? (
              <p className="form-errors" role="alert">
                {t.key(rowError(actionData?.result, "enrolmentId", a.id)!)}
              </p>
            ) : null}
            <Form method="post" className="inline-form wrap">
              <input type="hidden" name="enrolmentId" value={a.id} />
              <div className="field">
                <label htmlFor={`reason-${a.id}`}>{t("application.reason")}</label>
                <input id={`reason-${a.id}`} name="reason" maxLength={1000} dir="auto" />
              </div>
              <button type="submit" name="decision" value="approve" className="button">
                {t("application.approve")}
              </button>
              <button type="submit" name="decision" value="reject" className="button danger">
                {t("application.reject")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
