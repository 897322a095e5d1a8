/**
 * One question of an attempt: plain form controls named by attempt-form.ts, so the page works
 * without JavaScript; in review mode the same controls, disabled, with grade and feedback.
 */
import type { FormEvent } from "react";
import { fieldName, flagFieldName, subFieldName } from "~/assessments/attempt-form";
import type { ItemView } from "~/assessments/view.server";
import { useT } from "~/i18n/use-t";

/** Browsers without CSS `field-sizing: content` grow the essay box to its text here. */
function growWithText(event: FormEvent<HTMLTextAreaElement>) {
  if (typeof CSS !== "undefined" && CSS.supports("field-sizing", "content")) return;
  const box = event.currentTarget;
  box.style.blockSize = "auto";
  box.style.blockSize = `${box.scrollHeight + 2}px`;
}

export function QuestionView({
  item,
  number,
  readOnly,
  flagged,
  anchorId,
}: {
  item: ItemView;
  number: number;
  readOnly: boolean;
  /** With a value (and not read-only): a "flag for review" box, ticked when true. */
  flagged?: boolean;
  /** The fieldset's id, for links that jump to the question. */
  anchorId?: string;
}) {
  const t = useT();
  const name = fieldName(item.position);
  const r = item.response;
  const legendId = `${name}-legend`;
  const review = item.review;
  const correctChoices = review?.correct?.kind === "choices" ? new Set(review.correct.indices) : null;

  return (
    <fieldset
      className={`question question-${item.type}${review?.state ? ` state-${review.state}` : ""}`}
      aria-labelledby={legendId}
      id={anchorId}
    >
      <legend id={legendId} className="question-legend">
        <span className="question-number">{t("attempt.questionNumber", { number })}</span>{" "}
        <span className="muted">{t("attempt.marks", { marks: item.mark })}</span>
      </legend>
      <div className="question-stem" dir="auto">
        <span dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
        {item.tailHtml !== null ? (
          <>
            {" "}
            <span className="blank" aria-hidden="true">
              ______
            </span>{" "}
            <span dangerouslySetInnerHTML={{ __html: item.tailHtml }} />
          </>
        ) : null}
      </div>

      {item.choices ? (
        <ul className="choices" role="list">
          {item.choices.map((c) => {
            const id = `${name}-${c.index}`;
            const checked =
              r?.type === "single"
                ? r.choice === c.index
                : r?.type === "multiple"
                  ? r.choices.includes(c.index)
                  : false;
            return (
              <li key={c.index} className={correctChoices?.has(c.index) ? "correct-choice" : undefined}>
                <input
                  type={item.type === "single" ? "radio" : "checkbox"}
                  id={id}
                  name={name}
                  value={c.index}
                  defaultChecked={checked}
                  disabled={readOnly}
                />{" "}
                <label htmlFor={id} dir="auto" dangerouslySetInnerHTML={{ __html: c.html }} />
                {correctChoices?.has(c.index) ? (
                  <span className="answer-mark"> ✓ {t("attempt.rightAnswer")}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {item.type === "truefalse" ? (
        <ul className="choices" role="list">
          {(["true", "false"] as const).map((v) => {
            const id = `${name}-${v}`;
            const right = review?.correct?.kind === "truefalse" && String(review.correct.answer) === v;
            return (
              <li key={v} className={right ? "correct-choice" : undefined}>
                <input
                  type="radio"
                  id={id}
                  name={name}
                  value={v}
                  defaultChecked={r?.type === "truefalse" && String(r.answer) === v}
                  disabled={readOnly}
                />{" "}
                <label htmlFor={id}>{v === "true" ? t("attempt.true") : t("attempt.false")}</label>
                {right ? <span className="answer-mark"> ✓ {t("attempt.rightAnswer")}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {item.type === "short" || item.type === "numerical" ? (
        <p>
          <label htmlFor={name}>{t("attempt.yourAnswer")}</label>{" "}
          <input
            id={name}
            name={name}
            type="text"
            inputMode={item.type === "numerical" ? "decimal" : undefined}
            autoComplete="off"
            dir="auto"
            maxLength={item.type === "numerical" ? 100 : 1000}
            defaultValue={r?.type === item.type ? r.text : ""}
            readOnly={readOnly}
          />
        </p>
      ) : null}

      {item.type === "essay" ? (
        <p className="essay">
          <label htmlFor={name}>{t("attempt.yourAnswer")}</label>
          <textarea
            id={name}
            name={name}
            rows={8}
            dir="auto"
            maxLength={20000}
            defaultValue={r?.type === "essay" ? r.text : ""}
            readOnly={readOnly}
            onInput={growWithText}
          />
        </p>
      ) : null}

      {item.lefts && item.rights ? (
        <table className="matching">
          <tbody>
            {item.lefts.map((left) => {
              const id = subFieldName(item.position, left.index);
              const chosen = r?.type === "matching" ? (r.matches[left.index] ?? null) : null;
              return (
                <tr key={left.index}>
                  <th scope="row">
                    <label htmlFor={id} dir="auto" dangerouslySetInnerHTML={{ __html: left.html }} />
                  </th>
                  <td>
                    <select id={id} name={id} defaultValue={chosen === null ? "" : String(chosen)} disabled={readOnly}>
                      <option value="">{t("attempt.choose")}</option>
                      {item.rights!.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.text}
                        </option>
                      ))}
                    </select>
                    {review?.correct?.kind === "matching" ? (
                      <span className="answer-mark"> ✓ {review.correct.rights[left.index]}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}

      {item.items ? (
        <>
          <p className="muted">{t("attempt.orderingHelp")}</p>
          <ol className="ordering">
            {item.items.map((it, shown) => {
              const id = subFieldName(item.position, it.index);
              return (
                <li key={it.index}>
                  <label htmlFor={id} dir="auto" dangerouslySetInnerHTML={{ __html: it.html }} />
                  <select id={id} name={id} defaultValue={String(shown + 1)} disabled={readOnly}>
                    {item.items!.map((_, place) => (
                      <option key={place} value={place + 1}>
                        {place + 1}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
          </ol>
          {review?.correct?.kind === "ordering" ? (
            <p className="answer-mark">
              ✓ {t("attempt.rightOrder")}{" "}
              {review.correct.order
                .map((i) => item.items!.find((it) => it.index === i))
                .map((it, n) => (
                  <span key={n} dangerouslySetInnerHTML={{ __html: `${n + 1}. ${it?.html ?? ""} ` }} />
                ))}
            </p>
          ) : null}
        </>
      ) : null}

      {flagged !== undefined && !readOnly ? (
        <p className="question-flag">
          <input
            type="checkbox"
            id={flagFieldName(item.position)}
            name={flagFieldName(item.position)}
            defaultChecked={flagged}
          />{" "}
          <label htmlFor={flagFieldName(item.position)}>{t("attempt.flagForReview")}</label>
        </p>
      ) : null}

      {review ? (
        <div className="question-review">
          <p className={`grade grade-${review.state ?? "none"}`}>
            {review.points === null
              ? t("attempt.waitingForGrade")
              : t("attempt.points", { points: review.points, marks: item.mark })}
            {review.state && review.state !== "needs-grading" ? ` · ${t.key(`gradeState.${review.state}`)}` : ""}
          </p>
          {review.correct?.kind === "texts" ? (
            <p className="answer-mark">
              ✓ {t("attempt.acceptedAnswers")} <span dir="auto">{review.correct.texts.join(" · ")}</span>
            </p>
          ) : null}
          {review.feedbackHtml.map((f, i) => (
            <div key={i} className="feedback" dir="auto" dangerouslySetInnerHTML={{ __html: f }} />
          ))}
          {review.generalFeedbackHtml ? (
            <div
              className="feedback general"
              dir="auto"
              dangerouslySetInnerHTML={{ __html: review.generalFeedbackHtml }}
            />
          ) : null}
          {review.graderComment ? (
            <p className="feedback">
              {t("attempt.graderComment")} <span dir="auto">{review.graderComment}</span>
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
