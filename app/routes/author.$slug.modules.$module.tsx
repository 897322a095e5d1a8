import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField, withoutKey } from "~/components/forms";
import { directionOf } from "~/i18n/i18n";
import { useLanguageName, useT } from "~/i18n/use-t";
import { getModuleDraft, previewMarkdown, requireEditableCourse, saveModule } from "~/models/course-authoring.server";
import { mediaForEditor } from "~/models/course-media.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/request.server";
import { useHydrated } from "~/utils/use-hydrated";
import { ModuleSchema, ModuleTranslationSchema } from "~/validation/courses";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const lang = new URL(request.url).searchParams.get("lang");
  const draft = await getModuleDraft({ course, moduleSlug: params.module!, locale: lang ?? "" });
  const locale = lang || draft.doc.sourceLocale;
  const current = locale === draft.doc.sourceLocale ? draft.source : (draft.module.texts[locale] ?? null);
  const preview = current?.body ? await previewMarkdown({ course, markdown: current.body }) : null;
  return {
    slug: course.slug,
    courseTitle: course.title,
    published: Boolean(course.currentRevisionId),
    moduleSlug: draft.module.slug,
    title: draft.source.title,
    sourceLocale: draft.doc.sourceLocale,
    locale,
    isSource: locale === draft.doc.sourceLocale,
    text: current,
    source: draft.source,
    settings: { minutes: draft.module.minutes, required: draft.module.required, preview: draft.module.preview },
    previewHtml: preview?.html ?? "",
    previewProblems: preview?.problems ?? [],
    media: await mediaForEditor({ course }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const draft = await getModuleDraft({
    course,
    moduleSlug: params.module!,
    locale: String(formData.get("locale") ?? ""),
  });
  const isSource = formData.get("locale") === draft.doc.sourceLocale;
  if (intent === "preview") {
    // Preview renders whatever was typed, valid or not, and saves nothing.
    const preview = await previewMarkdown({ course, markdown: String(formData.get("body") ?? "").slice(0, 200_001) });
    return data({ result: parseWithZod(formData, { schema: ModuleTranslationSchema }).reply(), preview });
  }
  const { minutes, required, preview } = draft.module;
  const submission = isSource
    ? parseWithZod(formData, { schema: ModuleSchema })
    : parseWithZod(formData, {
        schema: ModuleTranslationSchema.transform((v) => ({ ...v, minutes, required, preview })),
      });
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null }, { status: 400 });
  await saveModule({ course, moduleSlug: draft.module.slug, input: submission.value });
  const lang = isSource ? "" : `?lang=${submission.value.locale}`;
  return redirectWithFlash(`/author/${course.slug}/modules/${draft.module.slug}${lang}`, {
    type: "success",
    key: "author.saved",
  });
}

/** With JavaScript the preview follows the typing (debounced); without, the Preview button renders it on the server. */
function useLivePreview(slug: string, initial: string) {
  const fetcher = useFetcher<{ html: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const live = useHydrated();
  const onInput = (markdown: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => fetcher.submit({ markdown }, { method: "post", action: `/author/${slug}/preview` }),
      400,
    );
  };
  return { html: fetcher.data?.html ?? initial, onInput, live };
}

export default function ModuleEditor() {
  const t = useT();
  const languageName = useLanguageName();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { slug, moduleSlug, isSource, locale, text, source, settings, sourceLocale } = loaderData;
  const schema = (isSource ? ModuleSchema : ModuleTranslationSchema) as typeof ModuleSchema;
  const [form, fields] = useForm({
    id: `module-${moduleSlug}-${locale}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    defaultValue: {
      locale,
      title: text?.title ?? "",
      body: text?.body ?? "",
      minutes: String(settings.minutes),
      required: settings.required ? "on" : "",
      preview: settings.preview ? "on" : "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const preview = useLivePreview(slug, actionData?.preview?.html ?? loaderData.previewHtml);
  const problems = actionData?.preview?.problems ?? loaderData.previewProblems;
  return (
    <section aria-labelledby="module-editor-title">
      <Breadcrumbs
        items={[
          { label: t("author.title"), to: "/author" },
          { label: loaderData.courseTitle, to: `/author/${slug}` },
          { label: loaderData.title },
        ]}
      />
      <h1 id="module-editor-title" dir="auto">
        {isSource
          ? loaderData.title
          : t("author.translating", { title: loaderData.title, language: languageName(locale) })}
      </h1>
      <AuthorNav slug={slug} published={loaderData.published} />
      <div className="editor-layout">
        <Form method="post" {...getFormProps(form)} key={form.id} className="editor-form">
          <input type="hidden" name="locale" value={locale} />
          <TextField field={fields.title} label={t("author.field.moduleTitle")} />
          {isSource ? (
            <div className="grid-fields">
              <TextField field={fields.minutes} label={t("author.field.minutes")} />
              <div className="field checkbox">
                <input {...withoutKey(getInputProps(fields.required, { type: "checkbox" }))} />
                <label htmlFor={fields.required.id}>{t("author.field.required")}</label>
              </div>
              <div className="field checkbox">
                <input {...withoutKey(getInputProps(fields.preview, { type: "checkbox" }))} />
                <label htmlFor={fields.preview.id}>{t("author.field.preview")}</label>
              </div>
            </div>
          ) : (
            <details className="source-box" open>
              <summary>{t("author.sourceText", { language: languageName(sourceLocale) })}</summary>
              <pre lang={sourceLocale} dir={directionOf(sourceLocale)} className="source-markdown" tabIndex={0}>
                {source.body}
              </pre>
            </details>
          )}
          <div className="field">
            <label htmlFor={fields.body.id}>{t("author.field.body")}</label>
            <p className="hint" id={`${fields.body.id}-hint`}>
              {t("author.field.body.hint")}
            </p>
            <textarea
              {...withoutKey(getTextareaProps(fields.body))}
              rows={22}
              dir={directionOf(locale)}
              lang={locale}
              className="markdown-input"
              aria-describedby={`${fields.body.id}-hint`}
              onInput={(event) => preview.onInput(event.currentTarget.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" name="intent" value="save" className="button">
              {t("author.saveDraft")}
            </button>
            <button type="submit" name="intent" value="preview" className="button secondary" formNoValidate>
              {t("author.preview")}
            </button>
          </div>
        </Form>
        <MediaPanel slug={slug} media={loaderData.media} textareaId={fields.body.id} live={preview.live} />
        <section aria-labelledby="preview-title" className="preview-pane">
          <h2 id="preview-title">
            {t("author.previewTitle")}{" "}
            {preview.live ? <span className="muted">({t("author.previewLive")})</span> : null}
          </h2>
          {problems.length ? (
            <ul className="form-errors">
              {problems.map((p) =>
                p.media && !loaderData.media.some((m) => m.name === p.media) ? (
                  <li key={`${p.line}-${p.message}`}>
                    {t("media.problem.missing", { line: p.line, name: p.media })}{" "}
                    <Link to={`/author/${slug}/media`}>{t("media.problem.upload", { name: p.media })}</Link>
                  </li>
                ) : (
                  <li key={`${p.line}-${p.message}`}>
                    {t("author.problemLine", { line: p.line, message: p.message })}
                  </li>
                ),
              )}
            </ul>
          ) : null}
          <div
            className="prose"
            lang={locale}
            dir={directionOf(locale)}
            aria-live="polite"
            dangerouslySetInnerHTML={{ __html: preview.html }}
          />
        </section>
      </div>
    </section>
  );
}

/**
 * The course's media beside the editor: with JavaScript, Insert puts the Markdown at the
 * cursor; without, the snippet is there to copy.
 */
function MediaPanel({
  slug,
  media,
  textareaId,
  live,
}: {
  slug: string;
  media: { name: string; kind: string; snippet: string }[];
  textareaId: string;
  live: boolean;
}) {
  const t = useT();
  const [status, setStatus] = useState("");
  const insert = (name: string, snippet: string) => {
    const area = document.getElementById(textareaId);
    if (!(area instanceof HTMLTextAreaElement)) return;
    const start = area.selectionStart ?? area.value.length;
    const end = area.selectionEnd ?? start;
    const before = area.value.slice(0, start);
    const text = (before === "" || before.endsWith("\n") ? "" : "\n\n") + snippet + "\n";
    area.focus();
    area.setRangeText(text, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    setStatus(t("media.insert.done", { name }));
  };
  return (
    <section aria-labelledby="media-panel-title" className="media-panel">
      <h2 id="media-panel-title">{t("media.insert.title")}</h2>
      <p className="hint">{t("media.insert.help")}</p>
      {media.length === 0 ? <p>{t("media.insert.empty")}</p> : null}
      <ul>
        {media.map((m) => (
          <li key={m.name}>
            <span dir="auto" className="media-name">
              {m.name}
            </span>{" "}
            <span className="muted">({m.kind === "pdf" ? t("media.kind.pdf") : t("media.kind.image")})</span>
            <span className="visually-hidden">{t("media.insert.copy", { name: m.name })}</span>
            <code dir="ltr" className="media-snippet">
              {m.snippet}
            </code>
            {live ? (
              <button
                type="button"
                className="button small secondary"
                aria-label={t("media.insert.for", { name: m.name })}
                onClick={() => insert(m.name, m.snippet)}
              >
                {t("media.insert.button")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <p aria-live="polite" className="visually-hidden">
        {status}
      </p>
      <p>
        <Link to={`/author/${slug}/media`}>{t("media.insert.manage")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
