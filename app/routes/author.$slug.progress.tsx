import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useStateText } from "~/components/next-step";
import { ProgressBar } from "~/components/progress-bar";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { listCohorts } from "~/models/enrolments.server";
import { progressGrid } from "~/models/progress.server";
import { requireRole } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.progress");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const locale = await resolveLocale(request, user);
  const cohorts = await listCohorts({ courseId: course.id });
  const requested = new URL(request.url).searchParams.get("cohort");
  const cohortId = cohorts.some((c) => c.id === requested) ? requested : null;
  const grid = await progressGrid({ courseId: course.id, cohortId, locale });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
    cohortId,
    modules: grid.modules,
    final: grid.final,
    rows: grid.rows.map((r) => ({ ...r, cells: undefined, completedAt: undefined })),
  };
}

export default function ProgressGrid() {
  const t = useT();
  const { slug, title, published, cohorts, cohortId, modules, final, rows } = useLoaderData<typeof loader>();
  const stateText = useStateText();
  // The same states the learner sees (app/models/next-step.server.ts), in words.
  const cellText = (state: string) =>
    state === "done"
      ? t("grid.done")
      : state === "todo"
        ? t("grid.notDone")
        : state === "locked"
          ? t("outline.state.locked")
          : stateText(state as "passed");
  return (
    <section aria-labelledby="progress-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.progress") },
        ]}
      />
      <h1 id="progress-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("author.tab.progress")}</h2>
      <Form method="get" className="inline-form wrap">
        <label htmlFor="grid-cohort">{t("enrolment.cohort")}</label>
        <select id="grid-cohort" name="cohort" defaultValue={cohortId ?? ""}>
          <option value="">{t("grid.allCohorts")}</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button small">
          {t("grid.show")}
        </button>
        <a href={`/author/${slug}/progress.csv${cohortId ? `?cohort=${cohortId}` : ""}`} download>
          {t("grid.csv")}
        </a>
      </Form>
      <p>{t("grid.summary", { count: rows.length, done: rows.filter((r) => r.status === "COMPLETED").length })}</p>
      {rows.length === 0 ? (
        <p>{t("grid.none")}</p>
      ) : (
        <TableScroll label={t("author.tab.progress")}>
          <table className="grid-table">
            <caption className="visually-hidden">{t("grid.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grid.learner")}</th>
                <th scope="col">{t("grid.progress")}</th>
                {modules.map((m) => (
                  <th key={m.slug} scope="col" className="module-head" title={m.title}>
                    {m.number}. {m.title}
                    {m.required ? "" : ` (${t("module.optional")})`}
                  </th>
                ))}
                {final ? (
                  <th scope="col" className="module-head" title={final.title}>
                    {t("outline.finalPlain", { title: final.title })}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.enrolmentId}>
                  <th scope="row">
                    <Link to={`/author/${slug}/enrolments/${r.enrolmentId}`} dir="auto">
                      {r.name}
                    </Link>
                    <br />
                    <span className="muted">{r.cohort ?? ""}</span>
                  </th>
                  <td>
                    <ProgressBar
                      value={r.requiredDone}
                      max={r.requiredTotal}
                      label={t("standing.bar", { done: r.requiredDone, total: r.requiredTotal })}
                    />
                    <span className="muted">{r.percent}%</span>
                    {r.waiting ? (
                      <>
                        <br />
                        <span className="muted">{stateText("waiting")}</span>
                      </>
                    ) : null}
                  </td>
                  {r.states.map((state, i) => (
                    <td key={modules[i]!.slug} className={state === "done" ? "done" : `todo state-${state}`}>
                      <span aria-hidden="true">{state === "done" ? "✓" : "·"}</span>{" "}
                      <span className={state === "done" || state === "todo" ? "visually-hidden" : "grid-state"}>
                        {cellText(state)}
                      </span>
                    </td>
                  ))}
                  {final ? (
                    <td className={r.final === "passed" ? "done" : `todo state-${r.final}`}>
                      {r.final === "passed" ? "✓" : "·"} <span>{stateText(r.final ?? "to-take")}</span>
                    </td>
                  ) : null}
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
