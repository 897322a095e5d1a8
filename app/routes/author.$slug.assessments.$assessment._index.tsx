import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MIN_ATTEMPTS_TO_JUDGE } from "~/assessments/item-stats";
import type { Question } from "~/content/questions";
import { AuthorNav } from "~/components/author-nav";
import { AttemptScore } from "~/components/attempt-score";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { attemptsReport, getAssessment, itemAnalysis } from "~/models/assessments.server";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.assessment.title} · Haidang` : "Haidang" },
];

const plain = (text: string, max = 160) =>
  text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);

/** Option labels of a choice question, by stored index, for the distribution chart. */
function optionLabels(q: Question) {
  if (q.type === "single" || q.type === "multiple")
    return q.choices.map((c) => ({ label: plain(c.text.text, 60), right: c.weight > 0 }));
  if (q.type === "truefalse")
    return [
      { label: "true", right: q.answer },
      { label: "false", right: !q.answer },
    ];
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const assessment = await getAssessment({ courseSlug: course.slug, slug: params.assessment!, locale });
  const [attempts, analysis] = await Promise.all([
    attemptsReport({ assessmentId: assessment.id }),
    itemAnalysis({ assessmentId: assessment.id }),
  ]);
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    assessment: { slug: assessment.slug, title: assessment.title, passMark: assessment.passMark },
    attempts: attempts.map((a) => ({
      id: a.id,
      name: a.user.name,
      email: a.user.email,
      number: a.number,
      status: a.status,
      percent: a.percent,
      passed: a.passed,
      submittedOn: formatDate(a.submittedAt, locale, true),
    })),
    analysedAttempts: analysis.attemptCount,
    minToJudge: MIN_ATTEMPTS_TO_JUDGE,
    items: analysis.stats.map((s) => ({
      questionId: s.questionId,
      title: s.question.title,
      excerpt: plain(s.question.stem.text),
      type: s.question.type,
      n: s.n,
      facility: s.facility,
      discrimination: s.discrimination,
      judged: s.judged,
      flags: s.flags,
      options: optionLabels(s.question)?.map((o, i) => ({ ...o, count: s.optionCounts[i] ?? 0 })) ?? null,
    })),
  };
}

/** A bar on a 0..1 scale (or -1..1 when `signed`), with its number beside it. */
function Bar({
  value,
  signed = false,
  label,
  judged = true,
}: {
  value: number | null;
  signed?: boolean;
  label: string;
  /** Too few attempts: a negative value is drawn like any other, not as an alarm. */
  judged?: boolean;
}) {
  if (value === null) return <span className="muted">—</span>;
  const width = 120;
  const zero = signed ? width / 2 : 0;
  const scaled = signed ? (value * width) / 2 : value * width;
  const x = scaled < 0 ? zero + scaled : zero;
  return (
    <span className="stat-bar">
      <svg width={width} height={14} role="img" aria-label={label}>
        <rect x={0} y={3} width={width} height={8} className="stat-track" />
        <rect
          x={x}
          y={3}
          width={Math.abs(scaled)}
          height={8}
          className={value < 0 && judged ? "stat-negative" : "stat-fill"}
        />
        {signed ? <line x1={zero} x2={zero} y1={0} y2={14} className="stat-axis" /> : null}
      </svg>{" "}
      {value.toFixed(2)}
    </span>
  );
}

export default function AssessmentReport() {
  const t = useT();
  const { slug, title, published, assessment, attempts, analysedAttempts, minToJudge, items } =
    useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="report-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.assessments"), to: `/author/${slug}/assessments` },
          { label: assessment.title },
        ]}
      />
      <h1 id="report-title" dir="auto">
        {assessment.title} <span className="muted">· {title}</span>
      </h1>
      <AuthorNav slug={slug} published={published} />
      <p>
        <Link to={`/author/${slug}/assessments/${assessment.slug}/settings`}>{t("assessments.settingsLink")}</Link>
      </p>

      <h2 id="items-title">{t("report.itemsTitle")}</h2>
      <p className="muted">{t("report.itemsHelp", { count: analysedAttempts })}</p>
      {items.some((item) => !item.judged) ? (
        <p className="muted">{t("report.tooFewHelp", { min: minToJudge })}</p>
      ) : null}
      {items.length === 0 ? (
        <p>{t("report.noGradedAttempts")}</p>
      ) : (
        <TableScroll label={t("report.itemsTitle")}>
          <table className="data-table item-stats" aria-labelledby="items-title">
            <thead>
              <tr>
                <th scope="col">{t("bank.question")}</th>
                <th scope="col">{t("report.n")}</th>
                <th scope="col">{t("report.facility")}</th>
                <th scope="col">{t("report.discrimination")}</th>
                <th scope="col">{t("report.options")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.questionId} className={item.flags.length ? "flagged" : undefined}>
                  <td dir="auto">
                    {item.title ? <strong>{item.title}</strong> : null} {item.excerpt}
                    <br />
                    <span className="muted">{t.key(`questionType.${item.type}`)}</span>
                    {item.judged ? (
                      item.flags.map((f) => (
                        <span key={f} className="flag">
                          ⚠ {t.key(`report.flag.${f}`)}
                        </span>
                      ))
                    ) : (
                      <>
                        {" "}
                        <span className="too-few muted">{t("report.tooFew", { n: item.n, min: minToJudge })}</span>
                      </>
                    )}
                  </td>
                  <td>{item.n}</td>
                  <td>
                    <Bar value={item.facility} label={t("report.facilityValue", { value: item.facility.toFixed(2) })} />
                  </td>
                  <td>
                    <Bar
                      value={item.discrimination}
                      signed
                      judged={item.judged}
                      label={t("report.discriminationValue", { value: item.discrimination?.toFixed(2) ?? "—" })}
                    />
                  </td>
                  <td>
                    {item.options ? (
                      <ul className="option-counts" role="list">
                        {item.options.map((o, i) => (
                          <li key={i}>
                            <span
                              className="option-bar"
                              style={{ inlineSize: `${item.n ? Math.round((60 * o.count) / item.n) : 0}px` }}
                              aria-hidden="true"
                            />{" "}
                            <span dir="auto">
                              {o.label === "true"
                                ? t("attempt.true")
                                : o.label === "false"
                                  ? t("attempt.false")
                                  : o.label}
                            </span>
                            {o.right ? ` ✓` : ""} <span className="muted">({o.count})</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2 id="attempts-title">{t("report.attemptsTitle")}</h2>
      <p>
        <a href={`/author/${slug}/assessments/${assessment.slug}.csv`} download>
          {t("report.csv")}
        </a>
      </p>
      {attempts.length === 0 ? (
        <p>{t("report.noAttempts")}</p>
      ) : (
        <TableScroll label={t("report.attemptsTitle")}>
          <table className="data-table" aria-labelledby="attempts-title">
            <thead>
              <tr>
                <th scope="col">{t("report.learner")}</th>
                <th scope="col">{t("assessment.attempt")}</th>
                <th scope="col">{t("assessment.statusLabel")}</th>
                <th scope="col">{t("assessment.score")}</th>
                <th scope="col">{t("report.submitted")}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id}>
                  <td dir="auto">
                    {a.name} <span className="muted">{a.email}</span>
                  </td>
                  <td>
                    <Link to={`/courses/${slug}/assessments/${assessment.slug}/attempts/${a.id}`}>{a.number}</Link>
                  </td>
                  <td>{t(`attemptStatus.${a.status}`)}</td>
                  <td>
                    <AttemptScore percent={a.percent} passed={a.passed} />
                  </td>
                  <td className="nowrap">{a.submittedOn}</td>
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
