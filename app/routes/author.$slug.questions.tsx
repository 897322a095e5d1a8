import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import type { SourceError } from "~/content/questions";
import { archiveQuestion, listBank, uploadQuestions } from "~/models/question-bank.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { EDITABLE_QUESTION_TYPES } from "~/validation/question-forms";
import { ArchiveQuestionSchema, QuestionUploadFormSchema, QuestionUploadSchema } from "~/validation/questions";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TableScroll } from "~/components/table-scroll";

const noProblems: SourceError[] = [];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "author.tab.questions");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const bank = await listBank({ courseId: course.id });
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    total: bank.total,
    categories: bank.categories.map((c) => ({
      name: c.name,
      questions: c.questions.map((q) => ({
        id: q.id,
        type: q.type,
        title: q.question.title,
        // A short plain excerpt of the stem: the bank list is for finding, not reading.
        excerpt: q.question.stem.text
          .replace(/<[^>]*>/g, " ")
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 140),
        origin: q.origin,
        uses: q.uses,
      })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const form = await readFormData(request);
  const here = `/author/${course.slug}/questions`;
  if (form.get("intent") === "archive") {
    const archive = parseWithZod(form, { schema: ArchiveQuestionSchema });
    if (archive.status !== "success")
      return data({ result: archive.reply(), problems: noProblems, text: "" }, { status: 400 });
    const result = await archiveQuestion({ courseId: course.id, questionId: archive.value.questionId });
    if (result.status === "archived") return redirectWithFlash(here, { type: "success", key: "bank.archived" });
    return redirectWithFlash(here, {
      type: "error",
      key: result.status === "from-files" ? "bank.error.fromFiles" : "bank.error.notFound",
    });
  }
  const submission = parseWithZod(form, { schema: QuestionUploadFormSchema });
  const pasted = typeof submission.payload.text === "string" ? submission.payload.text : "";
  const refuse = (
    key: "bank.error.tooLarge" | "bank.error.nothing" | "bank.error.invalid" | "inputSafety.fileNotText",
    problems = noProblems,
  ) =>
    // The pasted text comes back once, as `text` (it may be large).
    data(
      { result: submission.reply({ formErrors: [key], hideFields: ["text"] }), problems, text: pasted },
      { status: 400 },
    );
  if (submission.status !== "success")
    return refuse(
      submission.error?.file?.includes("bank.error.tooLarge") ? "bank.error.tooLarge" : "bank.error.nothing",
    );
  const { file, format, category } = submission.value;
  const parsed = QuestionUploadSchema.safeParse({ format, category, text: file ? await file.text() : pasted });
  if (!parsed.success) {
    const notText = parsed.error.issues.some((issue) => issue.message === "inputSafety.fileNotText");
    return refuse(notText ? "inputSafety.fileNotText" : "bank.error.nothing");
  }
  const result = await uploadQuestions({
    courseId: course.id,
    source: parsed.data.text,
    format: parsed.data.format,
    category: parsed.data.category,
  });
  if (result.status === "invalid") return refuse("bank.error.invalid", result.errors.slice(0, 100));
  return redirectWithFlash(here, { type: "success", key: "bank.imported", params: { count: result.count } });
}

export default function QuestionBank() {
  const t = useT();
  const { slug, title, published, total, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = formErrors(actionData?.result)[0];
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="bank-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: title, to: `/author/${slug}` },
          { label: t("author.tab.questions") },
        ]}
      />
      <h1 id="bank-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <h2>{t("bank.title", { count: total })}</h2>
      <section aria-labelledby="new-question-title">
        <h3 id="new-question-title">{t("qedit.newQuestion")}</h3>
        <ul className="inline-list new-question-types">
          {EDITABLE_QUESTION_TYPES.map((type) => (
            <li key={type}>
              <Link to={`/author/${slug}/questions/new?type=${type}`} className="button small secondary">
                {t.key(`questionType.${type}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href={`/author/${slug}/questions.gift`} download>
          {t("bank.export")}
        </a>
      </p>
      {categories.length === 0 ? <p>{t("bank.empty")}</p> : null}
      {categories.map((c) => (
        <details key={c.name} open={categories.length <= 3}>
          <summary>
            {c.name || t("bank.topCategory")} <span className="muted">({c.questions.length})</span>
          </summary>
          <TableScroll label={c.name || t("bank.topCategory")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("bank.question")}</th>
                  <th scope="col">{t("bank.type")}</th>
                  <th scope="col">{t("bank.uses")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("bank.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.questions.map((q) => (
                  <tr key={q.id}>
                    <td dir="auto">
                      {q.title ? <strong>{q.title}</strong> : null} {q.excerpt}
                    </td>
                    <td>{t.key(`questionType.${q.type}`)}</td>
                    <td>{q.uses}</td>
                    <td>
                      <Link
                        to={`/author/${slug}/questions/${q.id}`}
                        className="button small secondary"
                        aria-label={t(q.origin === "file" ? "qedit.viewFor" : "qedit.editFor", {
                          title: q.title ?? q.excerpt,
                        })}
                      >
                        {q.origin === "file" ? t("qedit.view") : t("qedit.edit")}
                      </Link>{" "}
                      {q.origin !== "file" ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="questionId" value={q.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="archive"
                            className="button small secondary"
                            aria-label={t("bank.archiveFor", { title: q.title ?? q.excerpt })}
                          >
                            {t("bank.archive")}
                          </button>
                        </Form>
                      ) : (
                        <span className="muted">{t("bank.fromFiles")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ))}

      <h2 id="upload-title">{t("bank.uploadTitle")}</h2>
      <p className="muted">{t("bank.uploadHelp")}</p>
      <Form method="post" encType="multipart/form-data" className="editor-form" aria-labelledby="upload-title">
        {error ? (
          <div className="form-errors" role="alert" id="upload-errors">
            <p>{t.key(error)}</p>
            {actionData?.problems.length ? (
              <ul>
                {actionData.problems.map((p, i) => (
                  <li key={i}>{t("bank.problem", { line: p.line, message: p.message })}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <fieldset>
          <legend>{t("bank.format")}</legend>
          <label>
            <input type="radio" name="format" value="gift" defaultChecked /> GIFT
          </label>{" "}
          <label>
            <input type="radio" name="format" value="aiken" /> Aiken
          </label>
        </fieldset>
        <p>
          <label htmlFor="bank-file">{t("bank.file")}</label>
          <input id="bank-file" name="file" type="file" accept=".gift,.txt,text/plain" />
        </p>
        <p>
          <label htmlFor="bank-text">{t("bank.paste")}</label>
          <textarea
            id="bank-text"
            name="text"
            rows={10}
            dir="auto"
            defaultValue={actionData?.text ?? ""}
            aria-describedby={error ? "upload-errors" : undefined}
          />
        </p>
        <p>
          <label htmlFor="bank-category">{t("bank.category")}</label>
          <input id="bank-category" name="category" type="text" maxLength={255} />
          <span className="muted"> {t("bank.categoryHelp")}</span>
        </p>
        <button type="submit" className="button" disabled={busy}>
          {t("bank.upload")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
