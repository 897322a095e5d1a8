import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { ModuleStanding, Standing } from "~/models/next-step.server";
import { useStateText } from "./next-step";

/**
 * The list of a course's modules beside a module page: done / to do / locked / has an
 * assessment, in words (not only a colour or a tick). The page draws it twice: a <details> a
 * phone can fold (no JavaScript), and a plain list beside the text on wide screens; CSS shows one.
 */
export function CourseOutline({
  courseSlug,
  standing,
  currentSlug,
  personal,
  variant,
}: {
  courseSlug: string;
  standing: Standing;
  currentSlug: string;
  /** Whether the states are the viewer's own (an enrolled learner), or just the list. */
  personal: boolean;
  variant: "narrow" | "wide";
}) {
  const t = useT();
  const list = (
    <OutlineList
      courseSlug={courseSlug}
      standing={standing}
      currentSlug={currentSlug}
      personal={personal}
      idPrefix={variant}
    />
  );
  const { modulesDone, modulesRequired } = standing.counts;
  const summary = personal ? t("outline.summary", { done: modulesDone, total: modulesRequired }) : t("outline.title");
  return variant === "narrow" ? (
    <nav className="course-outline outline-narrow" aria-label={t("outline.title")}>
      <details>
        <summary>{summary}</summary>
        {list}
      </details>
    </nav>
  ) : (
    <nav className="course-outline outline-wide" aria-labelledby="outline-wide-title">
      <h2 id="outline-wide-title">{t("outline.title")}</h2>
      {personal ? <p className="muted">{summary}</p> : null}
      {list}
    </nav>
  );
}

function OutlineList({
  courseSlug,
  standing,
  currentSlug,
  personal,
  idPrefix,
}: {
  courseSlug: string;
  standing: Standing;
  currentSlug: string;
  personal: boolean;
  idPrefix: string;
}) {
  const t = useT();
  const stateText = useStateText();
  const words = (m: ModuleStanding) =>
    [
      m.slug === currentSlug ? t("outline.current") : null,
      personal ? t(`outline.state.${m.state}`) : null,
      m.required ? null : t("outline.optional"),
      m.assessment
        ? personal
          ? t("outline.assessment", { title: m.assessment.title, state: stateText(m.assessment.state) })
          : t("outline.assessmentPlain", { title: m.assessment.title })
        : null,
    ].filter(Boolean);
  return (
    <ol className="outline-list">
      {standing.modules.map((m) => {
        const current = m.slug === currentSlug;
        const describedBy = `outline-${idPrefix}-${m.slug}`;
        return (
          <li key={m.slug} className={`outline-${m.state}${current ? " outline-current" : ""}`}>
            {personal && m.state === "locked" ? (
              <span dir="auto">{m.title}</span>
            ) : (
              <Link
                to={`/courses/${courseSlug}/${m.slug}`}
                aria-current={current ? "page" : undefined}
                aria-describedby={describedBy}
                dir="auto"
              >
                {m.title}
              </Link>
            )}{" "}
            <span className="outline-state" id={describedBy}>
              {personal && m.state === "done" ? "✓ " : ""}
              {words(m).join(" · ")}
            </span>
          </li>
        );
      })}
      {standing.final ? (
        <li className={`outline-final outline-${standing.final.state}`}>
          <Link to={standing.final.href} dir="auto">
            {personal
              ? t("outline.final", { title: standing.final.title, state: stateText(standing.final.state) })
              : t("outline.finalPlain", { title: standing.final.title })}
          </Link>
        </li>
      ) : null}
    </ol>
  );
}
