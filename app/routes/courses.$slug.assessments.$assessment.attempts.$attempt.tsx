import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { flagsFromForm, isAnswered, ON_PAGE, responsesFromForm } from "~/assessments/attempt-form";
import { gradeResponse } from "~/assessments/grading";
import { questionView, reviewView } from "~/assessments/view.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NextStepBox } from "~/components/next-step";
import { QuestionView } from "~/components/question-view";
import { formatClock, formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/use-t";
import {
  assessmentOverview,
  finishAttempt,
  getAssessment,
  loadAttempt,
  revealPolicy,
  saveResponses,
} from "~/models/assessments.server";
import { enrolmentStanding } from "~/models/next-step.server";
import { requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/request.server";
import { AttemptPageQuerySchema } from "~/validation/questions";
import { useHydrated } from "~/utils/use-hydrated";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Haidang` : "Haidang" },
];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const assessment = await getAssessment({ courseSlug: params.slug!, slug: params.assessment!, locale });
  const attempt = await loadAttempt({ attemptId: params.attempt!, viewer: user });
  if (attempt.assessmentId !== assessment.id) throw new Response("Not found", { status: 404 });
  return { user, locale, assessment, attempt };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale, assessment, attempt } = await load(request, params);
  const base = `/courses/${assessment.courseSlug}/assessments/${assessment.slug}`;
  const own = attempt.userId === user.id;
  const common = { title: assessment.title, base, number: attempt.number, learner: own ? null : attempt.user.name };

  if (attempt.status === "IN_PROGRESS" && own) {
    const pages = Math.max(1, Math.ceil(attempt.items.length / assessment.perPage));
    const asked = new URL(request.url).searchParams.get("page");
    const summary = asked === "summary";
    const page = summary ? pages : Math.min(pages - 1, Math.max(0, Number.parseInt(asked ?? "0", 10) || 0));
    const onPage = summary ? [] : attempt.items.slice(page * assessment.perPage, (page + 1) * assessment.perPage);
    return {
      ...common,
      mode: "attempt" as const,
      page,
      pages,
      summary,
      deadline: attempt.deadline?.toISOString() ?? null,
      deadlineText: formatClock(attempt.deadline, locale),
      secondsLeft: attempt.deadline ? Math.max(0, Math.floor((attempt.deadline.getTime() - Date.now()) / 1000)) : null,
      answered: attempt.items.map((i) => ({
        position: i.position,
        answered: isAnswered(i.response),
        flagged: i.flagged,
        page: Math.floor(i.position / assessment.perPage),
      })),
      items: onPage.map((i) => ({ ...questionView(i), number: i.position + 1, flagged: i.flagged })),
      result: null,
    };
  }

  // Submitted: the review, as much of it as the assessment's setting allows (everything for trainers).
  const count = await assessmentOverview({ assessment, userId: attempt.userId });
  const reveal = own
    ? revealPolicy({
        feedback: assessment.feedback,
        status: attempt.status,
        attemptsLeft: count.left,
        passed: count.passed,
      })
    : { score: true, answers: true };
  // After a result: back to the course at the next thing to do (the officer's own attempt only).
  const standing = own ? await enrolmentStanding({ userId: user.id, courseId: assessment.courseId, locale }) : null;
  return {
    ...common,
    next: standing?.next ?? null,
    course: `/courses/${assessment.courseSlug}`,
    results: `/dashboard/results/${assessment.courseSlug}`,
    mode: "review" as const,
    page: 0,
    pages: 1,
    summary: false,
    deadline: null,
    deadlineText: "",
    secondsLeft: null,
    answered: [],
    items: attempt.items.map((i) => ({
      flagged: false,
      ...reviewView(i, {
        showAnswers: reveal.answers,
        feedback:
          reveal.answers && i.question.type !== "description" ? gradeResponse(i.question, i.response).feedback : [],
      }),
      number: i.position + 1,
    })),
    result: {
      status: attempt.status,
      percent: reveal.score ? attempt.percent : null,
      passed: reveal.score ? attempt.passed : null,
      passMark: assessment.passMark,
      submittedOn: formatDate(attempt.submittedAt, locale, true),
      closedByDeadline: attempt.closedBy === "deadline",
      showAnswers: reveal.answers,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assessment, attempt } = await load(request, params);
  const here = `/courses/${assessment.courseSlug}/assessments/${assessment.slug}/attempts/${attempt.id}`;
  if (attempt.userId !== user.id) throw new Response("Forbidden", { status: 403 });
  // Every input is read and checked before the answers are saved.
  const query = AttemptPageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "save");
  if (attempt.status !== "IN_PROGRESS") {
    if (intent === "autosave") return data({ saved: false, closed: true });
    return redirectWithFlash(here, {
      type: "info",
      key: attempt.closedBy === "deadline" ? "attempt.timeUp" : "attempt.alreadySubmitted",
    });
  }
  const saved = await saveResponses({
    attemptId: attempt.id,
    userId: user.id,
    responses: responsesFromForm(form, attempt.items),
    flags: flagsFromForm(form, attempt.items),
  });
  if (saved.status === "closed") {
    if (intent === "autosave") return data({ saved: false, closed: true });
    return redirectWithFlash(here, {
      type: "info",
      key: saved.reason === "deadline" ? "attempt.timeUp" : "attempt.alreadySubmitted",
    });
  }
  if (intent === "autosave") return data({ saved: true, closed: false });
  if (intent === "submit") {
    const result = await finishAttempt({ attemptId: attempt.id, userId: user.id, closedBy: "learner" });
    if (result.status === "already-submitted")
      return redirectWithFlash(here, { type: "info", key: "attempt.alreadySubmitted" });
    if (result.status === "needs-grading")
      return redirectWithFlash(here, { type: "success", key: "attempt.submittedNeedsGrading" });
    return redirectWithFlash(here, { type: "success", key: "attempt.submitted" });
  }
  const target = /^page:(\d{1,3}|summary)$/.exec(intent)?.[1];
  if (target) return redirect(`${here}?page=${target}`);
  // The navigator: to the page of a question, scrolled to it.
  const jump = /^goto:(\d{1,4})$/.exec(intent)?.[1];
  const position = jump === undefined ? -1 : Number(jump);
  if (position >= 0 && position < attempt.items.length)
    return redirect(`${here}?page=${Math.floor(position / assessment.perPage)}#${questionAnchor(position + 1)}`);
  return redirectWithFlash(`${here}?page=${query.page ?? "0"}`, {
    type: "success",
    key: "attempt.saved",
  });
}

/** With JavaScript: answers are saved as they change, and the remaining time counts down. */
function useAutosave() {
  const fetcher = useFetcher<{ saved: boolean; closed: boolean }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const onChange = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const body = new FormData(form);
      body.set("intent", "autosave");
      fetcher.submit(body, { method: "post" });
    }, 600);
  };
  return { onChange, state: fetcher.state, saved: fetcher.data?.saved ?? null, closed: fetcher.data?.closed ?? false };
}

/** The id of question `number`'s fieldset, which the navigator jumps to. */
const questionAnchor = (number: number) => `question-${number}`;

const SLOT = "\u0000";
/** A translated sentence with an element where its placeholder was. */
const around = (text: string, node: React.ReactNode) => {
  const [before, after] = text.split(SLOT);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
};

/** Moments (seconds left) announced to screen readers; nothing else is. */
const ANNOUNCE_AT = [300, 60] as const;

/**
 * The time limit. Without JavaScript: the clock time the attempt ends (UTC, in the officer's
 * language). With it: the time left, counting down, the end in the browser's own time zone,
 * and a polite announcement at 5 minutes and at 1 minute left, never every second.
 */
function Countdown({ seconds, deadline, deadlineText }: { seconds: number; deadline: string; deadlineText: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [left, setLeft] = useState(seconds);
  const [announcement, setAnnouncement] = useState("");
  const live = useHydrated();
  useEffect(() => {
    const end = Date.now() + seconds * 1000;
    // Moments already past when the page opened are not announced late.
    let next = ANNOUNCE_AT.findIndex((at) => seconds > at);
    if (next === -1) next = ANNOUNCE_AT.length;
    const id = setInterval(() => {
      const now = Math.max(0, Math.round((end - Date.now()) / 1000));
      setLeft(now);
      let crossed: number | null = null;
      while (next < ANNOUNCE_AT.length && now <= ANNOUNCE_AT[next]!) crossed = ANNOUNCE_AT[next++]!;
      if (crossed !== null)
        setAnnouncement(
          crossed === 60 ? t("attempt.oneMinuteLeft") : t("attempt.minutesLeft", { minutes: crossed / 60 }),
        );
    }, 1000);
    return () => clearInterval(id);
  }, [seconds, t]);
  const minutes = Math.floor(left / 60);
  const localEnd = live
    ? new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(deadline))
    : deadlineText;
  return (
    <div className={`timer${live && left < 120 ? " timer-low" : ""}`}>
      {live ? (
        <p>
          <span>{t("attempt.timeLeft", { minutes, seconds: String(left % 60).padStart(2, "0") })}</span>{" "}
          <span className="muted">
            ({around(t("attempt.endsAt", { time: SLOT }), <time dateTime={deadline}>{localEnd}</time>)})
          </span>
        </p>
      ) : (
        <p>{around(t("attempt.endsAtClock", { time: SLOT }), <time dateTime={deadline}>{deadlineText}</time>)}</p>
      )}
      <p className="visually-hidden timer-announcement" aria-live="polite">
        {announcement}
      </p>
      {live && left === 0 ? (
        <p role="alert" className="timer-up">
          {t("attempt.timeUpSubmitting")}
        </p>
      ) : null}
    </div>
  );
}

type NavItem = { position: number; answered: boolean; flagged: boolean; page: number };

/**
 * Numbers that jump to each question. Each is a submit button, so what is on the page is saved
 * on the way (without JavaScript the server redirects to the question's page and anchor); with
 * JavaScript a question on this page is scrolled to at once.
 */
function QuestionNavigator({ items, page, summary }: { items: NavItem[]; page: number; summary: boolean }) {
  const t = useT();
  const jumpHere = (event: React.MouseEvent<HTMLButtonElement>, item: NavItem) => {
    if (summary || item.page !== page) return;
    const target = document.getElementById(questionAnchor(item.position + 1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "start" });
    window.history.replaceState(window.history.state, "", `#${questionAnchor(item.position + 1)}`);
    target.querySelector<HTMLElement>("input, select, textarea")?.focus({ preventScroll: true });
  };
  return (
    <nav aria-label={t("attempt.navigation")} className="question-nav">
      <ol>
        {items.map((a) => (
          <li key={a.position}>
            <button
              type="submit"
              name="intent"
              value={`goto:${a.position}`}
              className={`nav-item ${a.answered ? "answered" : "unanswered"}${a.flagged ? " flagged" : ""}${
                !summary && a.page === page ? " here" : ""
              }`}
              onClick={(e) => jumpHere(e, a)}
            >
              {a.position + 1}
              <span className="visually-hidden">
                {" "}
                {a.answered ? t("attempt.answered") : t("attempt.notAnswered")}
                {a.flagged ? `, ${t("attempt.flagged")}` : ""}
              </span>
              {a.flagged ? (
                <span className="nav-flag" aria-hidden="true">
                  ⚑
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ol>
      <p className="nav-key muted" aria-hidden="true">
        <span className="nav-key-answered" /> {t("attempt.answered")} · <span className="nav-flag">⚑</span>{" "}
        {t("attempt.flagged")}
      </p>
    </nav>
  );
}

export default function AttemptPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const autosave = useAutosave();
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  // When the time is up, send the last answers and submit; the server grades what it has.
  useEffect(() => {
    if (d.mode !== "attempt" || d.secondsLeft === null) return;
    const id = setTimeout(
      () => {
        if (!formRef.current) return;
        const body = new FormData(formRef.current);
        body.set("intent", "submit");
        submit(body, { method: "post" });
      },
      d.secondsLeft * 1000 + 500,
    );
    return () => clearTimeout(id);
  }, [d.mode, d.secondsLeft, submit]);

  if (d.mode === "review") {
    const r = d.result!;
    return (
      <article aria-labelledby="attempt-title">
        <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
          <Link to={d.base}>{d.title}</Link>
        </nav>
        <h1 id="attempt-title">{t("attempt.reviewTitle", { number: d.number })}</h1>
        {d.learner ? <p className="muted">{t("attempt.ofLearner", { name: d.learner })}</p> : null}
        <div className="result-box" role="status">
          {r.status === "NEEDS_GRADING" ? (
            <p>{t("attempt.waitingForTrainer")}</p>
          ) : r.percent !== null ? (
            <p className="result-score">
              {t("attempt.yourScore", { percent: r.percent })} ·{" "}
              <strong>{r.passed ? t("assessment.passed") : t("assessment.notPassed")}</strong>{" "}
              <span className="muted">({t("attempt.passMarkWas", { passMark: r.passMark })})</span>
            </p>
          ) : null}
          <p className="muted">
            {t("attempt.submittedOn", { date: r.submittedOn })}
            {r.closedByDeadline ? ` · ${t("attempt.closedByDeadline")}` : ""}
          </p>
          {!r.showAnswers && r.status === "GRADED" ? <p className="muted">{t("attempt.answersHidden")}</p> : null}
        </div>
        {"next" in d && d.next && "results" in d ? (
          <NextStepBox step={d.next} resultsHref={d.results} id="attempt-next-step" />
        ) : null}
        {d.items.map((item) => (
          <QuestionView key={item.position} item={item} number={item.number} readOnly />
        ))}
        <p>
          <Link to={d.base}>{t("attempt.backToAssessment")}</Link>
          {"course" in d ? (
            <>
              {" · "}
              <Link to={d.course}>{t("next.backToCourse")}</Link>
            </>
          ) : null}
        </p>
      </article>
    );
  }

  const onPage = d.items.map((i) => i.position).join(",");
  const unanswered = d.answered.filter((a) => !a.answered);
  const flagged = d.answered.filter((a) => a.flagged);
  return (
    <article aria-labelledby="attempt-title" className="attempt">
      <h1 id="attempt-title" dir="auto">
        {d.title} <span className="muted">· {t("attempt.attemptNumber", { number: d.number })}</span>
      </h1>
      {d.secondsLeft !== null && d.deadline ? (
        <Countdown seconds={d.secondsLeft} deadline={d.deadline} deadlineText={d.deadlineText} />
      ) : null}
      <Form
        method="post"
        ref={formRef}
        onChange={(e) => autosave.onChange(e.currentTarget)}
        key={`${d.page}-${d.summary}`}
        className="attempt-layout"
      >
        <div className="attempt-main">
          <input type="hidden" name={ON_PAGE} value={onPage} />
          {d.summary ? (
            <section aria-labelledby="summary-title">
              <h2 id="summary-title">{t("attempt.summaryTitle")}</h2>
              <p>
                {unanswered.length === 0
                  ? t("attempt.allAnswered")
                  : t("attempt.someUnanswered", { count: unanswered.length })}
              </p>
              {flagged.length > 0 ? (
                <>
                  <h3 id="flagged-title">{t("attempt.flaggedTitle", { count: flagged.length })}</h3>
                  <ul className="flagged-list" aria-labelledby="flagged-title">
                    {flagged.map((a) => (
                      <li key={a.position}>
                        <button type="submit" name="intent" value={`goto:${a.position}`} className="button-link">
                          {t("attempt.questionNumber", { number: a.position + 1 })}
                        </button>{" "}
                        <span className="muted">{a.answered ? t("attempt.answered") : t("attempt.notAnswered")}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p className="muted">{t("attempt.submitWarning")}</p>
            </section>
          ) : (
            d.items.map((item) => (
              <QuestionView
                key={item.position}
                item={item}
                number={item.number}
                readOnly={false}
                flagged={item.flagged}
                anchorId={questionAnchor(item.number)}
              />
            ))
          )}
          <p className="muted" role="status">
            {autosave.state !== "idle" ? t("attempt.saving") : autosave.saved ? t("attempt.savedAuto") : ""}
          </p>
          <div className="attempt-actions">
            {d.summary ? (
              <button type="submit" name="intent" value={`page:${d.pages - 1}`} className="button secondary">
                {t("attempt.backToQuestions")}
              </button>
            ) : d.page > 0 ? (
              <button type="submit" name="intent" value={`page:${d.page - 1}`} className="button secondary">
                {t("attempt.previousPage")}
              </button>
            ) : null}
            {!d.summary ? (
              <button type="submit" name="intent" value="save" className="button secondary">
                {t("attempt.save")}
              </button>
            ) : null}
            {!d.summary && d.page < d.pages - 1 ? (
              <button type="submit" name="intent" value={`page:${d.page + 1}`} className="button">
                {t("attempt.nextPage")}
              </button>
            ) : null}
            {!d.summary && d.page === d.pages - 1 ? (
              <button type="submit" name="intent" value="page:summary" className="button">
                {t("attempt.finish")}
              </button>
            ) : null}
            {d.summary ? (
              <button type="submit" name="intent" value="submit" className="button">
                {t("attempt.submitAll")}
              </button>
            ) : null}
          </div>
          {d.pages > 1 && !d.summary ? (
            <p className="muted">{t("attempt.pageOf", { page: d.page + 1, pages: d.pages })}</p>
          ) : null}
        </div>
        {/* After the page's own buttons, so that Enter in an answer never presses a question number. */}
        <QuestionNavigator items={d.answered} page={d.page} summary={d.summary} />
      </Form>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
