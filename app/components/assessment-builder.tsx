/**
 * The assessment builder's form: settings, the questions asked every time (checked), and how
 * many to draw at random from each category. Plain controls, so it works without JavaScript.
 */
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export type BuilderValues = {
  title: string;
  slug: string;
  attach: string;
  passMark: number;
  attempts: number | null;
  timeLimit: number | null;
  feedback: "immediately" | "after-last" | "never";
  shuffle: boolean;
  perPage: number;
  fixed: string[];
  draws: Record<string, number>;
};

export type BuilderBank = {
  name: string;
  questions: { key: string; title: string | null; excerpt: string; type: string }[];
}[];

export function AssessmentBuilder({
  values,
  isNew,
  modules,
  bank,
  errors,
  readOnly,
}: {
  values: BuilderValues;
  isNew: boolean;
  modules: { slug: string; title: string }[];
  bank: BuilderBank;
  errors: string[];
  readOnly: boolean;
}) {
  const t = useT();
  const fixed = new Set(values.fixed);
  return (
    <Form method="post" className="editor-form" aria-describedby={errors.length ? "builder-errors" : undefined}>
      {errors.length ? (
        <div className="form-errors" role="alert" id="builder-errors">
          {errors.map((e, i) => (
            <p key={i}>{e}</p>
          ))}
        </div>
      ) : null}
      <fieldset disabled={readOnly}>
        <legend>{t("assessments.form.settings")}</legend>
        <div className="grid-fields">
          <p className="field">
            <label htmlFor="a-title">{t("assessments.form.title")}</label>
            <input id="a-title" name="title" required maxLength={200} defaultValue={values.title} dir="auto" />
          </p>
          <p className="field">
            <label htmlFor="a-slug">{t("author.field.slug")}</label>
            <input
              id="a-slug"
              name="slug"
              required
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              minLength={2}
              maxLength={80}
              defaultValue={values.slug}
              readOnly={!isNew}
              dir="ltr"
            />
          </p>
          <p className="field">
            <label htmlFor="a-attach">{t("assessments.form.attach")}</label>
            <select id="a-attach" name="attach" defaultValue={values.attach}>
              <option value="practice">{t("assessments.form.practice")}</option>
              <option value="final">{t("assessments.final")}</option>
              {modules.map((m) => (
                <option key={m.slug} value={`module:${m.slug}`}>
                  {t("assessments.form.forModule", { title: m.title })}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor="a-pass">{t("assessment.passMark")} (%)</label>
            <input
              id="a-pass"
              name="passMark"
              type="number"
              min={0}
              max={100}
              required
              defaultValue={values.passMark}
            />
          </p>
          <p className="field">
            <label htmlFor="a-attempts">{t("assessment.attemptsAllowed")}</label>
            <input
              id="a-attempts"
              name="attempts"
              type="number"
              min={1}
              max={100}
              defaultValue={values.attempts ?? ""}
              aria-describedby="a-attempts-hint"
            />
            <span className="hint" id="a-attempts-hint">
              {t("assessments.form.emptyUnlimited")}
            </span>
          </p>
          <p className="field">
            <label htmlFor="a-time">{t("assessments.form.timeLimit")}</label>
            <input
              id="a-time"
              name="timeLimit"
              type="number"
              min={1}
              max={600}
              defaultValue={values.timeLimit ?? ""}
              aria-describedby="a-time-hint"
            />
            <span className="hint" id="a-time-hint">
              {t("assessments.form.emptyNone")}
            </span>
          </p>
          <p className="field">
            <label htmlFor="a-feedback">{t("assessment.feedbackLabel")}</label>
            <select id="a-feedback" name="feedback" defaultValue={values.feedback}>
              <option value="immediately">{t("assessment.feedback.IMMEDIATELY")}</option>
              <option value="after-last">{t("assessment.feedback.AFTER_LAST")}</option>
              <option value="never">{t("assessment.feedback.NEVER")}</option>
            </select>
          </p>
          <p className="field">
            <label htmlFor="a-per-page">{t("assessments.form.perPage")}</label>
            <input
              id="a-per-page"
              name="perPage"
              type="number"
              min={1}
              max={50}
              required
              defaultValue={values.perPage}
            />
          </p>
        </div>
        <p className="field checkbox">
          <input id="a-shuffle" name="shuffle" type="checkbox" defaultChecked={values.shuffle} />
          <label htmlFor="a-shuffle">{t("assessments.form.shuffle")}</label>
        </p>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t("assessments.form.questions")}</legend>
        <p className="hint">{t("assessments.form.questionsHelp")}</p>
        {bank.map((category) => (
          <details key={category.name} open>
            <summary>
              {category.name || t("bank.topCategory")} <span className="muted">({category.questions.length})</span>
            </summary>
            <p className="inline-form wrap">
              <label htmlFor={`draw-${category.name}`}>
                {t("assessments.form.drawFrom", { category: category.name || t("bank.topCategory") })}
              </label>
              <input
                id={`draw-${category.name}`}
                name={`draw:${category.name}`}
                type="number"
                min={0}
                max={category.questions.length}
                defaultValue={values.draws[category.name] ?? ""}
                className="narrow-number"
              />
            </p>
            <ul className="choices" role="list">
              {category.questions.map((q) => (
                <li key={q.key}>
                  <input
                    type="checkbox"
                    id={`fixed-${q.key}`}
                    name="fixed"
                    value={q.key}
                    defaultChecked={fixed.has(q.key)}
                  />{" "}
                  <label htmlFor={`fixed-${q.key}`} dir="auto">
                    {q.title ? <strong>{q.title}</strong> : null} {q.excerpt}{" "}
                    <span className="muted">({t.key(`questionType.${q.type}`)})</span>
                  </label>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="button">
          {isNew ? t("assessments.form.create") : t("assessments.form.save")}
        </button>
      )}
    </Form>
  );
}
