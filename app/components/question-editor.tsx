/**
 * The question editor's form: the fields every question has, then those of its type. Lists
 * (choices, answers, pairs, items) grow and shrink with conform's intent buttons, which are
 * plain submit buttons: without JavaScript the server adds or removes the row and sends the
 * form back; with it, conform does so in place. Errors show all at once, with a summary at the
 * top linking to each field.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FieldErrors, withoutKey } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import {
  QUESTION_FORM_SCHEMAS,
  QUESTION_TEXT_FORMATS,
  type EditableQuestionType,
  type QuestionFormFields,
} from "~/validation/question-forms";

const FORM_ID = "question-form";

type Field = FieldMetadata<string | number | boolean | undefined>;

function TextArea({ field, label, hint, rows = 3 }: { field: Field; label: string; hint?: string; rows?: number }) {
  const props = getTextareaProps(field as FieldMetadata<string>, {
    ariaDescribedBy: hint ? field.descriptionId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea {...withoutKey(props)} rows={rows} dir="auto" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Input({ field, label, hint, numeric }: { field: Field; label: string; hint?: string; numeric?: boolean }) {
  const props = getInputProps(field as FieldMetadata<string>, {
    type: "text",
    ariaDescribedBy: hint ? field.descriptionId : undefined,
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={field.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...withoutKey(props)} dir="auto" inputMode={numeric ? "decimal" : undefined} autoComplete="off" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Checkbox({ field, label }: { field: Field; label: string }) {
  return (
    <div className="field checkbox">
      <input {...withoutKey(getInputProps(field as FieldMetadata<boolean>, { type: "checkbox" }))} />
      <label htmlFor={field.id}>{label}</label>
    </div>
  );
}

/** A list's fieldset: its rows, its own errors (too few, no right answer) and the "add another" button. */
function ListBox({
  field,
  legend,
  hint,
  children,
  addButton,
}: {
  field: { id: string; errorId: string; errors?: string[] };
  legend: string;
  hint?: string;
  children: ReactNode;
  addButton: ReactNode;
}) {
  return (
    <fieldset
      id={field.id}
      className="question-list"
      aria-describedby={field.errors?.length ? field.errorId : undefined}
    >
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
      {children}
      <p>{addButton}</p>
    </fieldset>
  );
}

export function QuestionEditor({
  type,
  defaultValue,
  lastResult,
  problems,
  formKey,
}: {
  type: EditableQuestionType;
  defaultValue: QuestionFormFields;
  lastResult: SubmissionResult<string[]> | null | undefined;
  /** The importer's own words when it refused the question (English, as in the GIFT upload). */
  problems: string[];
  formKey: string;
}) {
  const t = useT();
  const schema = QUESTION_FORM_SCHEMAS[type];
  const [form, fields] = useForm<QuestionFormFields>({
    id: FORM_ID,
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const errors = Object.entries(form.allErrors).filter(([, list]) => list.length);
  const removeButton = (name: string, index: number, what: string) => (
    <button
      {...form.remove.getButtonProps({ name, index })}
      className="button small secondary"
      aria-label={t("qedit.removeRow", { what, number: index + 1 })}
    >
      {t("qedit.remove")}
    </button>
  );
  const label = (name: string) => {
    const row = /^(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(name);
    if (!row) return t.key(`qedit.field.${name}`);
    const [, list, index, sub] = row;
    const rowLabel = t.key(`qedit.row.${list}`, { number: Number(index) + 1 });
    return sub ? t("qedit.rowField", { row: rowLabel, field: t.key(`qedit.field.${sub}`) }) : rowLabel;
  };

  return (
    <Form method="post" {...getFormProps(form)} key={formKey} className="editor-form question-editor">
      {/* Enter in a text field submits the first button: make that "Save", not "Remove". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {t("qedit.save")}
      </button>
      <input type="hidden" name="type" value={type} />
      {errors.length ? (
        <div className="form-errors error-summary" role="alert" id={form.errorId} tabIndex={-1}>
          <h2>{t("qedit.errorSummary")}</h2>
          <ul>
            {errors.flatMap(([name, list]) =>
              list.map((message) =>
                name === "" ? (
                  <li key={`form-${message}`}>
                    {message === "qedit.error.gift" ? t("qedit.error.gift") : t.key(message)}
                    {message === "qedit.error.gift" && problems.length ? (
                      <ul>
                        {problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ) : (
                  <li key={`${name}-${message}`}>
                    <a
                      href={`#${FORM_ID}-${name}`}
                      onClick={(event) => {
                        // Like GOV.UK's error summary: the link puts the cursor in the field.
                        const field = document.getElementById(`${FORM_ID}-${name}`);
                        if (field) {
                          event.preventDefault();
                          field.focus();
                          field.scrollIntoView({ block: "center" });
                        }
                      }}
                    >
                      {label(name)}: {t.key(message)}
                    </a>
                  </li>
                ),
              ),
            )}
          </ul>
        </div>
      ) : null}

      <Input field={fields.title} label={t("qedit.field.title")} hint={t("qedit.field.title.hint")} />
      <Input field={fields.category} label={t("qedit.field.category")} hint={t("qedit.field.category.hint")} />
      <div className="field">
        <label htmlFor={fields.format.id}>{t("qedit.field.format")}</label>
        <select {...withoutKey(getSelectProps(fields.format))}>
          {QUESTION_TEXT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t.key(`qedit.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <TextArea field={fields.stem} label={t("qedit.field.stem")} rows={5} />

      {type === "single" || type === "multiple" ? (
        <>
          <ListBox
            field={fields.choices}
            legend={t("qedit.choices")}
            hint={type === "single" ? t("qedit.choices.hintSingle") : t("qedit.choices.hintMultiple")}
            addButton={
              <button
                {...form.insert.getButtonProps({ name: fields.choices.name, defaultValue: { weight: 0 } })}
                className="button small secondary"
              >
                {t("qedit.addChoice")}
              </button>
            }
          >
            {fields.choices.getFieldList().map((choice, i) => {
              const row = choice.getFieldset();
              return (
                <fieldset key={choice.key} className="question-row">
                  <legend>{t("qedit.row.choices", { number: i + 1 })}</legend>
                  <TextArea field={row.text} label={t("qedit.field.text")} rows={2} />
                  <Input field={row.weight} label={t("qedit.field.weight")} numeric />
                  <TextArea field={row.feedback} label={t("qedit.field.feedback")} rows={2} />
                  {removeButton(fields.choices.name, i, t("qedit.row.choices", { number: i + 1 }))}
                </fieldset>
              );
            })}
          </ListBox>
          <Checkbox field={fields.shuffle} label={t("qedit.field.shuffle")} />
        </>
      ) : null}

      {type === "truefalse" ? (
        <>
          <fieldset
            id={fields.answer.id}
            aria-describedby={fields.answer.errors?.length ? fields.answer.errorId : undefined}
          >
            <legend>{t("qedit.field.answer")}</legend>
            {(["true", "false"] as const).map((v) => (
              <div className="field checkbox" key={v}>
                <input
                  type="radio"
                  id={`${fields.answer.id}-${v}`}
                  name={fields.answer.name}
                  value={v}
                  defaultChecked={fields.answer.initialValue === v}
                />
                <label htmlFor={`${fields.answer.id}-${v}`}>
                  {v === "true" ? t("attempt.true") : t("attempt.false")}
                </label>
              </div>
            ))}
            <FieldErrors id={fields.answer.errorId} errors={fields.answer.errors} />
          </fieldset>
          <TextArea field={fields.feedbackRight} label={t("qedit.field.feedbackRight")} rows={2} />
          <TextArea field={fields.feedbackWrong} label={t("qedit.field.feedbackWrong")} rows={2} />
        </>
      ) : null}

      {type === "short" ? (
        <>
          <ListBox
            field={fields.answers}
            legend={t("qedit.answers")}
            hint={t("qedit.answers.hintShort")}
            addButton={
              <button
                {...form.insert.getButtonProps({ name: fields.answers.name, defaultValue: { credit: 100 } })}
                className="button small secondary"
              >
                {t("qedit.addAnswer")}
              </button>
            }
          >
            {fields.answers.getFieldList().map((answer, i) => {
              const row = answer.getFieldset();
              return (
                <fieldset key={answer.key} className="question-row">
                  <legend>{t("qedit.row.answers", { number: i + 1 })}</legend>
                  <Input field={row.text} label={t("qedit.field.text")} />
                  <Input field={row.credit} label={t("qedit.field.credit")} numeric />
                  <TextArea field={row.feedback} label={t("qedit.field.feedback")} rows={2} />
                  {removeButton(fields.answers.name, i, t("qedit.row.answers", { number: i + 1 }))}
                </fieldset>
              );
            })}
          </ListBox>
          <Checkbox field={fields.caseSensitive} label={t("qedit.field.caseSensitive")} />
        </>
      ) : null}

      {type === "numerical" ? (
        <>
          <ListBox
            field={fields.answers}
            legend={t("qedit.answers")}
            hint={t("qedit.answers.hintNumerical")}
            addButton={
              <button
                {...form.insert.getButtonProps({
                  name: fields.answers.name,
                  defaultValue: { kind: "exact", credit: 100, tolerance: 0 },
                })}
                className="button small secondary"
              >
                {t("qedit.addAnswer")}
              </button>
            }
          >
            {fields.answers.getFieldList().map((answer, i) => {
              const row = answer.getFieldset();
              return (
                <fieldset key={answer.key} className="question-row">
                  <legend>{t("qedit.row.answers", { number: i + 1 })}</legend>
                  <div className="field">
                    <label htmlFor={row.kind.id}>{t("qedit.field.kind")}</label>
                    <select {...withoutKey(getSelectProps(row.kind))}>
                      <option value="exact">{t("qedit.kind.exact")}</option>
                      <option value="range">{t("qedit.kind.range")}</option>
                    </select>
                  </div>
                  <div className="grid-fields">
                    <Input field={row.value} label={t("qedit.field.value")} numeric />
                    <Input field={row.tolerance} label={t("qedit.field.tolerance")} numeric />
                    <Input field={row.min} label={t("qedit.field.min")} numeric />
                    <Input field={row.max} label={t("qedit.field.max")} numeric />
                  </div>
                  <Input field={row.credit} label={t("qedit.field.credit")} numeric />
                  <TextArea field={row.feedback} label={t("qedit.field.feedback")} rows={2} />
                  {removeButton(fields.answers.name, i, t("qedit.row.answers", { number: i + 1 }))}
                </fieldset>
              );
            })}
          </ListBox>
          <TextArea field={fields.otherFeedback} label={t("qedit.field.otherFeedback")} rows={2} />
        </>
      ) : null}

      {type === "matching" ? (
        <>
          <ListBox
            field={fields.pairs}
            legend={t("qedit.pairs")}
            hint={t("qedit.pairs.hint")}
            addButton={
              <button {...form.insert.getButtonProps({ name: fields.pairs.name })} className="button small secondary">
                {t("qedit.addPair")}
              </button>
            }
          >
            {fields.pairs.getFieldList().map((pair, i) => {
              const row = pair.getFieldset();
              return (
                <fieldset key={pair.key} className="question-row">
                  <legend>{t("qedit.row.pairs", { number: i + 1 })}</legend>
                  <TextArea field={row.left} label={t("qedit.field.left")} rows={2} />
                  <Input field={row.right} label={t("qedit.field.right")} />
                  {removeButton(fields.pairs.name, i, t("qedit.row.pairs", { number: i + 1 }))}
                </fieldset>
              );
            })}
          </ListBox>
          <ListBox
            field={fields.distractors}
            legend={t("qedit.distractors")}
            hint={t("qedit.distractors.hint")}
            addButton={
              <button
                {...form.insert.getButtonProps({ name: fields.distractors.name })}
                className="button small secondary"
              >
                {t("qedit.addDistractor")}
              </button>
            }
          >
            {fields.distractors.getFieldList().map((d, i) => (
              <div key={d.key} className="question-row">
                <Input field={d} label={t("qedit.row.distractors", { number: i + 1 })} />
                {removeButton(fields.distractors.name, i, t("qedit.row.distractors", { number: i + 1 }))}
              </div>
            ))}
          </ListBox>
        </>
      ) : null}

      {type === "ordering" ? (
        <ListBox
          field={fields.items}
          legend={t("qedit.items")}
          hint={t("qedit.items.hint")}
          addButton={
            <button {...form.insert.getButtonProps({ name: fields.items.name })} className="button small secondary">
              {t("qedit.addItem")}
            </button>
          }
        >
          <ol className="question-rows">
            {fields.items.getFieldList().map((item, i) => (
              <li key={item.key} className="question-row">
                <TextArea field={item} label={t("qedit.row.items", { number: i + 1 })} rows={2} />
                {removeButton(fields.items.name, i, t("qedit.row.items", { number: i + 1 }))}
              </li>
            ))}
          </ol>
        </ListBox>
      ) : null}

      {type === "essay" ? (
        <TextArea field={fields.rubric} label={t("qedit.field.rubric")} hint={t("qedit.field.rubric.hint")} rows={4} />
      ) : null}

      <details className="question-more" open={Boolean(defaultValue.tail || defaultValue.generalFeedback)}>
        <summary>{t("qedit.more")}</summary>
        <TextArea field={fields.tail} label={t("qedit.field.tail")} hint={t("qedit.field.tail.hint")} rows={2} />
        <TextArea field={fields.generalFeedback} label={t("qedit.field.generalFeedback")} rows={3} />
      </details>

      <div className="actions">
        <button type="submit" name="intent" value="save" className="button">
          {t("qedit.save")}
        </button>
        <button type="submit" name="intent" value="preview" className="button secondary">
          {t("qedit.preview")}
        </button>
      </div>
    </Form>
  );
}
