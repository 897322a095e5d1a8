/**
 * /author/<slug>/as-officer/assessments/<assessment>: the questions an officer could be asked,
 * drawn and ordered as an attempt would, rendered by the attempt page's QuestionView with no
 * answer in them. No attempt is recorded; "Draw again" shows another draw.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OfficerPreviewBanner } from "~/components/officer-preview-banner";
import { QuestionView } from "~/components/question-view";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { previewAssessmentAsOfficer } from "~/models/officer-preview.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { PreviewDrawQuerySchema } from "~/validation/question-forms";

export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "asOfficer.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const { draw } = PreviewDrawQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const preview = await previewAssessmentAsOfficer({
    course,
    slug: params.assessment!,
    locale,
    seed: `preview:${user.id}:${draw}`,
  });
  return { slug: course.slug, isDraft: Boolean(course.draft), draw, preview };
}

export default function AssessmentAsOfficer() {
  const t = useT();
  const { slug, isDraft, draw, preview } = useLoaderData<typeof loader>();
  const base = `/author/${slug}/as-officer`;
  return (
    <section aria-labelledby="assessment-title">
      <OfficerPreviewBanner slug={slug} isDraft={isDraft} />
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{t("asOfficer.outline")}</Link>
      </nav>
      <h1 id="assessment-title" dir="auto">
        {preview.title}
      </h1>
      {preview.status === "bank-too-small" ? (
        <p className="note-banner">{t("asOfficer.bankTooSmall", { category: preview.category || "—" })}</p>
      ) : (
        <>
          <ul className="facts">
            <li>{t("asOfficer.passMark", { percent: preview.passMark })}</li>
            {preview.timeLimitMinutes ? (
              <li>{t("asOfficer.timeLimit", { minutes: preview.timeLimitMinutes })}</li>
            ) : null}
            {preview.attemptsAllowed ? <li>{t("asOfficer.attempts", { count: preview.attemptsAllowed })}</li> : null}
          </ul>
          <p className="muted">{t("asOfficer.noAttempt")}</p>
          {preview.pages.map((p) => (
            <section key={p.number} aria-label={t("asOfficer.page", { number: p.number, total: preview.pages.length })}>
              {preview.pages.length > 1 ? (
                <h2>{t("asOfficer.page", { number: p.number, total: preview.pages.length })}</h2>
              ) : null}
              {p.items.map((item) => (
                <QuestionView key={item.position} item={item} number={item.number} readOnly={false} />
              ))}
            </section>
          ))}
          <p>
            <Link to={`?draw=${draw + 1}`} className="button secondary">
              {t("asOfficer.drawAgain")}
            </Link>
          </p>
        </>
      )}
      <p>
        {preview.moduleSlug ? (
          <Link to={`${base}/${preview.moduleSlug}`}>{t("asOfficer.backToModule")}</Link>
        ) : (
          <Link to={base}>{t("module.backToCourse")}</Link>
        )}
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
