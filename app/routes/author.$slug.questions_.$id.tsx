/**
 * /author/<slug>/questions/new?type=<type>[&from=<id>] and /author/<slug>/questions/<id>: a
 * question written or edited in the browser, with a preview rendered exactly as officers see
 * it in an attempt (the same QuestionView, no answers in it). Questions from the course's
 * files are shown, not edited: they change in the files (decision 025); they can be copied.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuestionEditor } from "~/components/question-editor";
import { QuestionView } from "~/components/question-view";
import { blankForm, formFromQuestion } from "~/content/question-form";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import { buildQuestion, previewItem, questionForEditing, saveBrowserQuestion } from "~/models/question-editor.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import {
  EDITABLE_QUESTION_TYPES,
  NewQuestionQuerySchema,
  QUESTION_FORM_SCHEMAS,
  type EditableQuestionType,
} from "~/validation/question-forms";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.id ? "qedit.pageTitleEdit" : "qedit.pageTitleNew");

const isEditable = (type: string): type is EditableQuestionType =>
  (EDITABLE_QUESTION_TYPES as readonly string[]).includes(type);

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  if (params.id === "new") {
    const query = NewQuestionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new Response("Choose a question type", { status: 400 });
    const from = query.data.from
      ? await questionForEditing({ courseId: course.id, questionId: query.data.from })
      : null;
    if (from && from.type !== query.data.type) throw new Response("The copy is of another type", { status: 400 });
    return { user, course, type: query.data.type, existing: null, from };
  }
  const existing = await questionForEditing({ courseId: course.id, questionId: params.id! });
  return { user, course, type: existing.type, existing, from: null };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, type, existing, from } = await load(request, params);
  const locale = await resolveLocale(request, user);
  const copy = from ? formFromQuestion(from.question) : null;
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    type,
    id: existing?.id ?? null,
    origin: existing?.origin ?? null,
    uses: existing?.uses ?? 0,
    updatedOn: existing ? formatDate(existing.updatedAt, locale, true) : null,
    lastEditedBy: existing?.lastEditedBy ?? null,
    // File questions and descriptions are shown, not edited here.
    editable: isEditable(type) && existing?.origin !== "file",
    defaultValue: existing
      ? formFromQuestion(existing.question)
      : copy
        ? { ...copy, title: "" }
        : isEditable(type)
          ? blankForm(type)
          : null,
    preview: existing ? previewItem(existing.question) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, type, existing } = await load(request, params);
  if (!isEditable(type) || existing?.origin === "file")
    throw new Response("Edit this question in its file", { status: 400 });
  const form = await readFormData(request);
  const intent = form.get("intent") === "preview" ? "preview" : "save";
  let submission;
  try {
    submission = parseWithZod(form, { schema: QUESTION_FORM_SCHEMAS[type] });
  } catch {
    // A hand-made "add another" / "remove" intent that conform cannot apply.
    throw new Response("Bad form", { status: 400 });
  }
  // "Add another" and "Remove" (without JavaScript): the form comes back with the row added or removed.
  if (submission.status === undefined) return data({ result: submission.reply(), problems: [], preview: null });
  if (submission.status !== "success")
    return data({ result: submission.reply(), problems: [], preview: null }, { status: 400 });
  const refused = (problems: string[]) =>
    data(
      {
        result: submission.reply({ formErrors: ["qedit.error.gift"] }),
        problems: problems.slice(0, 20),
        preview: null,
      },
      { status: 400 },
    );
  if (intent === "preview") {
    const built = buildQuestion(submission.value, existing?.question ?? null);
    if (!built.ok) return refused(built.problems);
    return data({ result: submission.reply(), problems: [], preview: previewItem(built.question) });
  }
  const saved = await saveBrowserQuestion({
    courseId: course.id,
    questionId: existing?.id ?? null,
    input: submission.value,
    actorId: user.id,
  });
  if (saved.status === "invalid") return refused(saved.problems);
  if (saved.status !== "saved")
    return data(
      { result: submission.reply({ formErrors: [`qedit.error.${saved.status}`] }), problems: [], preview: null },
      { status: 400 },
    );
  return redirectWithFlash(`/author/${course.slug}/questions/${saved.id}`, {
    type: "success",
    key: saved.created ? "qedit.created" : "qedit.saved",
  });
}

export default function QuestionEditorPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const preview = actionData?.preview ?? (actionData ? null : page.preview);
  const typeName = t.key(`questionType.${page.type}`);
  return (
    <section aria-labelledby="qedit-title">
      <p className="breadcrumb">
        <Link to="/author">{t("author.title")}</Link> ›{" "}
        <Link to={`/author/${page.slug}/questions`}>{t("author.tab.questions")}</Link>
      </p>
      <h1 id="qedit-title" dir="auto">
        {page.id ? t("qedit.editTitle", { type: typeName }) : t("qedit.newTitle", { type: typeName })}
      </h1>
      <AuthorNav slug={page.slug} published={page.published} />
      {page.id ? (
        <p className="muted">
          {page.lastEditedBy
            ? t("qedit.lastEdited", { date: page.updatedOn ?? "", name: page.lastEditedBy })
            : t("qedit.lastChanged", { date: page.updatedOn ?? "" })}
        </p>
      ) : null}
      {page.uses > 0 && page.editable ? (
        <p className="note-banner">{t("qedit.usedByAttempts", { count: page.uses })}</p>
      ) : null}
      {page.origin === "file" ? (
        <div className="note-banner">
          <p>{t("qedit.fromFiles")}</p>
          {page.defaultValue && page.id ? (
            <p>
              <Link
                to={`/author/${page.slug}/questions/new?${new URLSearchParams({ type: page.type, from: page.id })}`}
              >
                {t("qedit.copy")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : !page.editable ? (
        <p className="note-banner">{t("qedit.notEditable")}</p>
      ) : null}
      <div className="editor-layout">
        {page.editable && page.defaultValue ? (
          <QuestionEditor
            type={page.type as EditableQuestionType}
            defaultValue={page.defaultValue}
            lastResult={actionData?.result}
            problems={actionData?.problems ?? []}
            formKey={`${page.id ?? "new"}-${page.type}`}
          />
        ) : null}
        <section aria-labelledby="qedit-preview-title" className="preview-pane">
          <h2 id="qedit-preview-title">{t("qedit.previewTitle")}</h2>
          <p className="muted">{t("qedit.previewHelp")}</p>
          {preview ? (
            <div className="question-preview" aria-live="polite">
              <QuestionView item={preview} number={1} readOnly={false} />
            </div>
          ) : (
            <p className="muted">{t("qedit.previewEmpty")}</p>
          )}
        </section>
      </div>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
