import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EnrolPanel } from "~/components/enrol-panel";
import { NextStepBox, StandingSummary } from "~/components/next-step";
import { enrolmentStanding } from "~/models/next-step.server";
import { formatDate } from "~/i18n/format.server";
import { ENROL_ERRORS, enrol, enrolmentPanel, withdraw } from "~/models/enrolments.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { CourseEnrolmentActionSchema } from "~/validation/enrolment";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import { getCourseOverview } from "~/models/courses.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { VerifyEmailBanner } from "~/components/verify-email-banner";
import { isEmailVerified } from "~/models/account-tokens.server";
import { languageName } from "~/utils/languages";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { restrictionFor } from "~/models/vetting.server";

/** Reading pages need no JavaScript: the root leaves the scripts out to keep them light. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.course.title} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const course = await getCourseOverview({ slug: params.slug!, locale, viewer: user });
  const panel = await enrolmentPanel({ courseId: course.courseId, user, formatDate: (d) => formatDate(d, locale) });
  // The one next step replaces the panel's own "resume" button (app/models/next-step.server.ts).
  const standing = user ? await enrolmentStanding({ userId: user.id, courseId: course.courseId, locale }) : null;
  const unverified = user ? (await isEmailVerified({ userId: user.id })) === false : false;
  const restriction = course.meta.audience === "vetted" ? await restrictionFor(user) : null;
  const restricted = restriction?.kind === "vetted" ? null : restriction;
  return {
    course,
    publishedOn: formatDate(course.publishedAt, locale),
    standing,
    unverified,
    restricted,
    canEdit: panel.canManage,
    panel: {
      ...panel,
      slug: course.slug,
      policy: course.meta.enrolment,
      signedIn: Boolean(user),
      resume: null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, CourseEnrolmentActionSchema);
  if (submission.status !== "success")
    return data({ result: submission.reply({ formErrors: ["form.submitError"] }), params: {} }, { status: 400 });
  const here = `/courses/${params.slug}`;
  if (submission.value.intent === "withdraw") {
    await withdraw({ user, courseSlug: params.slug! });
    return redirectWithFlash(here, { type: "success", key: "enrolment.done.withdrawn" });
  }
  const result = await enrol({ user, courseSlug: params.slug!, ...submission.value });
  if (result.status === "enrolled" || result.status === "applied" || result.status === "waitlisted") {
    return redirectWithFlash(here, { type: "success", key: `enrolment.done.${result.status}` });
  }
  const params_ = result.status === "key-rate-limited" ? { minutes: Math.ceil(result.retryAfterSeconds / 60) } : {};
  return data(
    { result: submission.reply({ formErrors: [ENROL_ERRORS[result.status]] }), params: params_ },
    {
      status:
        result.status === "key-rate-limited"
          ? 429
          : result.status === "unverified" || result.status === "restricted"
            ? 403
            : 400,
    },
  );
}

export default function CoursePage() {
  const t = useT();
  const { locale } = useLocale();
  const { course, publishedOn, canEdit, panel, unverified, standing, restricted } = useLoaderData<typeof loader>();
  const reading = course.enrolment && ["ACTIVE", "COMPLETED"].includes(course.enrolment.status);
  const resultsHref = `/dashboard/results/${course.slug}`;
  const actionData = useActionData<typeof action>();
  const totalMinutes = course.modules.reduce((sum, m) => sum + m.minutes, 0);
  return (
    <article className="course-page" aria-labelledby="course-title">
      <Breadcrumbs
        items={[
          { label: t("catalogue.title"), to: "/courses" },
          { label: course.title, to: `/courses/${course.slug}` },
        ]}
      />
      <h1 id="course-title" lang={course.fallback ? course.sourceLocale : locale} dir="auto">
        {course.title}
      </h1>
      <p className="lead" dir="auto">
        {course.summary}
      </p>
      {course.fallback ? (
        <p className="note-banner">
          {t("course.notTranslated", { language: languageName(course.sourceLocale, locale) })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("course.level")}</dt>
          <dd>{t(`level.${course.meta.level}`)}</dd>
        </div>
        <div>
          <dt>{t("course.hours")}</dt>
          <dd>{t("course.hoursValue", { hours: course.meta.hours })}</dd>
        </div>
        <div>
          <dt>{t("course.languages")}</dt>
          <dd>{course.languages.map((l) => languageName(l, locale)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("course.passMark")}</dt>
          <dd>{course.meta.passMark}%</dd>
        </div>
        <div>
          <dt>{t("course.certificate")}</dt>
          <dd>{t(`certificate.${course.meta.certificate}`)}</dd>
        </div>
      </dl>
      {course.prerequisites.length ? (
        <section aria-labelledby="prereq-title">
          <h2 id="prereq-title">{t("course.prerequisites")}</h2>
          <ul>
            {course.prerequisites.map((p) => (
              <li key={p.slug}>{p.exists ? <Link to={`/courses/${p.slug}`}>{p.title}</Link> : p.title}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {unverified ? <VerifyEmailBanner redirectTo={`/courses/${course.slug}`} /> : null}
      {standing && standing.next.kind !== "enrol" ? (
        <NextStepBox step={standing.next} resultsHref={resultsHref} id="course-next-step" />
      ) : null}
      {standing && reading ? (
        <section aria-labelledby="course-progress-title" className="standing-box">
          <h2 id="course-progress-title">{t("standing.title")}</h2>
          <StandingSummary standing={standing} resultsHref={resultsHref} />
        </section>
      ) : null}
      {restricted ? (
        <section className="flash flash-info" aria-labelledby="restricted-title" data-testid="restricted">
          <h2 id="restricted-title">{t("restricted.title")}</h2>
          <p>{t("restricted.explain")}</p>
          <p>
            {restricted.kind === "anonymous"
              ? t("restricted.anonymous")
              : restricted.focalPoints.length
                ? t("restricted.askFocal", { names: restricted.focalPoints.join(", ") })
                : restricted.kind === "no-agency"
                  ? t("restricted.noAgency")
                  : t("restricted.noFocal")}
          </p>
          {restricted.kind === "declined" ? <p>{t("restricted.declined")}</p> : null}
          {restricted.kind !== "anonymous" ? (
            <p>
              <Link to="/account">{t("restricted.seeAccount")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
      {restricted && !course.enrolment ? null : (
        <EnrolPanel
          data={{ ...panel, error: formErrors(actionData?.result)[0] ?? null, errorParams: actionData?.params }}
        />
      )}
      {course.descriptionHtml ? (
        <div
          className="prose"
          lang={course.fallback ? course.sourceLocale : locale}
          dangerouslySetInnerHTML={{ __html: course.descriptionHtml }}
        />
      ) : null}
      <section aria-labelledby="syllabus-title">
        <h2 id="syllabus-title">{t("course.syllabus")}</h2>
        <p>{t("course.syllabusSummary", { count: course.modules.length, minutes: totalMinutes })}</p>
        <ol className="syllabus">
          {course.modules.map((m) => (
            <li key={m.slug}>
              {m.access === "allowed" ? (
                <Link to={`/courses/${course.slug}/${m.slug}`} dir="auto">
                  {m.title}
                </Link>
              ) : (
                <span dir="auto">{m.title}</span>
              )}{" "}
              <span className="muted">
                · {t("module.minutes", { minutes: m.minutes })}
                {m.required ? "" : ` · ${t("module.optional")}`}
                {m.preview ? ` · ${t("module.preview")}` : ""}
                {m.completed ? ` · ${t("module.completed")}` : ""}
                {m.access === "allowed" || m.access === "locked" ? "" : ` · ${t("module.enrolToReadShort")}`}
                {m.access === "locked" ? ` · ${t("module.lockedSequential")}` : ""}
              </span>
              {m.assessment ? (
                <>
                  {" "}
                  <span className="muted">· {t("assessment.moduleHasAssessment")}</span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
        {course.finalAssessment ? (
          <p>
            {t("assessment.finalLabel")}{" "}
            {course.enrolment && ["ACTIVE", "COMPLETED"].includes(course.enrolment.status) ? (
              <Link to={`/courses/${course.slug}/assessments/${course.finalAssessment.slug}`} dir="auto">
                {course.finalAssessment.title}
              </Link>
            ) : (
              <span dir="auto">{course.finalAssessment.title}</span>
            )}
          </p>
        ) : null}
      </section>
      <p className="muted">{t("course.revision", { revision: course.revision, date: publishedOn })}</p>
      {canEdit ? (
        <p>
          <Link to={`/author/${course.slug}`}>{t("course.edit")}</Link>
        </p>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
