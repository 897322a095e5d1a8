import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { renderRichText } from "~/content/rich-text.server";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { rowError } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { gradeItem, gradingQueue } from "~/models/assessments.server";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { GradeEssaySchema } from "~/validation/questions";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.grading");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const queue = await gradingQueue({ courseId: course.id, locale });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    items: queue.map((i) => {
      return {
        id: i.id,
        mark: i.mark,
        learner: i.attempt.user.name,
        email: i.attempt.user.email,
        attempt: i.attempt.number,
        attemptId: i.attempt.id,
        assessmentSlug: i.attempt.assessment.slug,
        assessment: i.assessmentTitle,
        submittedOn: formatDate(i.attempt.submittedAt, locale, true),
        stemHtml: renderRichText(i.question.stem),
        rubricHtml: i.question.type === "essay" && i.question.rubric ? renderRichText(i.question.rubric) : null,
        answer: i.response?.type === "essay" ? i.response.text : "",
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const submission = await parseForm(request, GradeEssaySchema);
  if (submission.status !== "success") return replyWithErrors(submission, { formErrors: ["grading.error.points"] });
  const result = await gradeItem({
    courseId: course.id,
    itemId: submission.value.itemId,
    graderId: user.id,
    points: submission.value.points,
    comment: submission.value.comment,
  });
  if (result.status === "out-of-range") return replyWithErrors(submission, { formErrors: ["grading.error.points"] });
  if (result.status === "not-found")
    return replyWithErrors(submission, { formErrors: ["grading.error.notFound"] }, 404);
  return redirectWithFlash(`/author/${course.slug}/grading`, {
    type: "success",
    key: result.attemptStatus === "GRADED" ? "grading.attemptGraded" : "grading.saved",
  });
}

export default function GradingQueue() {
  const t = useT();
  const { slug, title, published, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="grading-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.grading") },
        ]}
      />
      <h1 id="grading-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("grading.title", { count: items.length })}</h2>
      {items.length === 0 ? <p>{t("grading.none")}</p> : null}
      {items.map((item) => {
        const error = rowError(actionData?.result, "itemId", item.id);
        return (
          <article key={item.id} className="grading-item" aria-labelledby={`g-${item.id}`}>
            <h3 id={`g-${item.id}`} dir="auto">
              {item.learner} · {item.assessment} · {t("assessment.review", { number: item.attempt })}
            </h3>
            <p className="muted">
              {item.email} · {t("attempt.submittedOn", { date: item.submittedOn })} ·{" "}
              <Link to={`/courses/${slug}/assessments/${item.assessmentSlug}/attempts/${item.attemptId}`}>
                {t("grading.openAttempt")}
              </Link>
            </p>
            <div className="question-stem" dir="auto" dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
            {item.rubricHtml ? (
              <div className="feedback">
                <strong>{t("grading.rubric")}</strong>{" "}
                <div dir="auto" dangerouslySetInnerHTML={{ __html: item.rubricHtml }} />
              </div>
            ) : null}
            <blockquote className="essay-answer" dir="auto">
              {item.answer || <span className="muted">{t("grading.noAnswer")}</span>}
            </blockquote>
            <Form method="post" className="inline-form wrap">
              <input type="hidden" name="itemId" value={item.id} />
              <label htmlFor={`points-${item.id}`}>{t("grading.points", { mark: item.mark })}</label>
              <input
                id={`points-${item.id}`}
                name="points"
                type="number"
                min={0}
                max={item.mark}
                step="any"
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `err-${item.id}` : undefined}
              />
              <label htmlFor={`comment-${item.id}`}>{t("grading.comment")}</label>
              <textarea id={`comment-${item.id}`} name="comment" rows={2} maxLength={5000} dir="auto" />
              <button type="submit" className="button small">
                {t("grading.save")}
              </button>
              {error ? (
                <p id={`err-${item.id}`} className="field-error" role="alert">
                  {t.key(error)}
                </p>
              ) : null}
            </Form>
          </article>
        );
      })}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
