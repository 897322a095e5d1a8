import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors, SelectField, TextField, withoutKey } from "~/components/forms";
import { useLanguageName, useT } from "~/i18n/use-t";
import {
  addModule,
  assignTrainer,
  discardDraft,
  listMaintainers,
  moveModule,
  publishDraft,
  removeModule,
  requireEditableCourse,
  unassignTrainer,
  updateCourseDetails,
  updateCourseTranslation,
  workingCopy,
} from "~/models/course-authoring.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/request.server";
import {
  AddModuleSchema,
  AssignTrainerSchema,
  CourseDetailsSchema,
  CourseTranslationSchema,
  ModuleOrderSchema,
  PublishSchema,
  UnassignTrainerSchema,
} from "~/validation/courses";
import { Breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Haidang` : "Haidang" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const doc = await workingCopy(course);
  const lang = new URL(request.url).searchParams.get("lang") || doc.sourceLocale;
  const text = doc.texts[lang];
  return {
    slug: course.slug,
    title: doc.texts[doc.sourceLocale]?.title ?? course.slug,
    sourceLocale: doc.sourceLocale,
    lang,
    isSource: lang === doc.sourceLocale,
    text: text ?? null,
    sourceText: doc.texts[doc.sourceLocale]!,
    meta: doc.meta,
    modules: doc.modules.map((m) => ({
      slug: m.slug,
      title: m.texts[doc.sourceLocale]?.title ?? m.slug,
      minutes: m.minutes,
      required: m.required,
      preview: m.preview,
    })),
    hasDraft: Boolean(course.draft),
    isAdmin: user.role === "ADMIN",
    trainers: (await listMaintainers({ course })).map((m) => m.user),
    published: Boolean(course.currentRevisionId),
    draftUpdatedAt: course.draftUpdatedAt,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const here = `/author/${course.slug}`;

  if (intent === "details") {
    const doc = await workingCopy(course);
    if (formData.get("locale") === doc.sourceLocale) {
      const submission = parseWithZod(formData, { schema: CourseDetailsSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
      await updateCourseDetails({ course, input: submission.value });
      return redirectWithFlash(here, { type: "success", key: "author.saved" });
    }
    const submission = parseWithZod(formData, { schema: CourseTranslationSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await updateCourseTranslation({ course, input: submission.value });
    return redirectWithFlash(`${here}?lang=${submission.value.locale}`, { type: "success", key: "author.saved" });
  }
  if (intent === "add-module") {
    const submission = parseWithZod(formData, { schema: AddModuleSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await addModule({ course, ...submission.value });
    if (result.status === "slug-taken") {
      return data(
        { intent, result: submission.reply({ fieldErrors: { slug: ["validation.moduleSlug.taken"] } }) },
        { status: 400 },
      );
    }
    return redirectWithFlash(`${here}/modules/${submission.value.slug}`, {
      type: "success",
      key: "author.moduleAdded",
    });
  }
  if (intent === "up" || intent === "down" || intent === "remove") {
    const submission = parseWithZod(formData, { schema: ModuleOrderSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { module: moduleSlug } = submission.value;
    if (submission.value.intent === "remove") {
      await removeModule({ course, moduleSlug });
      return redirectWithFlash(here, { type: "success", key: "author.moduleRemoved" });
    }
    await moveModule({ course, moduleSlug, direction: submission.value.intent });
    return redirectWithFlash(here, { type: "success", key: "author.moduleMoved" });
  }
  if (intent === "assign-trainer") {
    const submission = parseWithZod(formData, { schema: AssignTrainerSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await assignTrainer({ course, actor: user, email: submission.value.email });
    if (result.status !== "assigned") {
      const reply = submission.reply({ formErrors: [`trainers.error.${result.status}`] });
      return data({ intent, result: reply }, { status: 400 });
    }
    return redirectWithFlash(here, { type: "success", key: "trainers.assigned" });
  }
  if (intent === "unassign-trainer") {
    const submission = parseWithZod(formData, { schema: UnassignTrainerSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await unassignTrainer({ course, actor: user, userId: submission.value.userId });
    return redirectWithFlash(here, { type: "success", key: "trainers.unassigned" });
  }
  if (intent === "discard") {
    await discardDraft({ course });
    return redirectWithFlash(here, { type: "success", key: "author.discarded" });
  }
  if (intent === "publish") {
    const submission = parseWithZod(formData, { schema: PublishSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await publishDraft({ course, user, note: submission.value.note });
    if (result.status === "invalid")
      return data(
        { intent, result: submission.reply({ formErrors: result.errors }), missingMedia: result.missingMedia ?? [] },
        { status: 400 },
      );
    if (result.status === "nothing-to-publish" || result.status === "unchanged") {
      return redirectWithFlash(here, { type: "info", key: "author.nothingToPublish" });
    }
    return redirectWithFlash(here, {
      type: "success",
      key: "author.publishedRevision",
      params: { revision: result.revision },
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

function DetailsForm() {
  const t = useT();
  const languageName = useLanguageName();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { isSource, lang, text, sourceText, meta } = loaderData;
  // Typed as the fuller schema; a translation simply has no settings fields.
  const schema = (isSource ? CourseDetailsSchema : CourseTranslationSchema) as typeof CourseDetailsSchema;
  const [form, fields] = useForm({
    id: `details-${lang}`,
    lastResult: actionData?.intent === "details" ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    defaultValue: {
      locale: lang,
      title: text?.title ?? "",
      summary: text?.summary ?? "",
      body: text?.body ?? "",
      level: meta.level,
      topics: meta.topics.join(", "),
      hours: String(meta.hours),
      passMark: String(meta.passMark),
      enrolment: meta.enrolment,
      certificate: meta.certificate,
      prerequisites: meta.prerequisites.join(", "),
      sequential: meta.sequential ? "on" : "",
      audience: meta.audience ?? "all",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="editor-form">
      <input type="hidden" name="intent" value="details" />
      <input type="hidden" name="locale" value={lang} />
      {!isSource ? (
        <div className="source-box" lang={loaderData.sourceLocale}>
          <h3>{t("author.sourceText", { language: languageName(loaderData.sourceLocale) })}</h3>
          <p dir="auto">
            <strong>{sourceText.title}</strong>
          </p>
          <p dir="auto">{sourceText.summary}</p>
        </div>
      ) : null}
      <TextField field={fields.title} label={t("author.field.title")} />
      <TextField field={fields.summary} label={t("author.field.summary")} />
      <div className="field">
        <label htmlFor={fields.body.id}>{t("author.field.description")}</label>
        <textarea {...withoutKey(getTextareaProps(fields.body))} rows={6} dir="auto" />
      </div>
      {isSource ? (
        <div className="grid-fields">
          <SelectField field={fields.level} label={t("course.level")}>
            {(["introductory", "intermediate", "advanced"] as const).map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </SelectField>
          <TextField field={fields.hours} label={t("course.hours")} />
          <TextField field={fields.passMark} label={t("course.passMark")} />
          <SelectField field={fields.enrolment} label={t("course.enrolment")}>
            {(["open", "key", "approval", "nomination"] as const).map((p) => (
              <option key={p} value={p}>
                {t(`enrolment.${p}`)}
              </option>
            ))}
          </SelectField>
          <SelectField field={fields.audience} label={t("restricted.field")}>
            {(["all", "vetted"] as const).map((a) => (
              <option key={a} value={a}>
                {t(`restricted.audience.${a}`)}
              </option>
            ))}
          </SelectField>
          <SelectField field={fields.certificate} label={t("course.certificate")}>
            {(["automatic", "approval"] as const).map((p) => (
              <option key={p} value={p}>
                {t(`certificate.${p}`)}
              </option>
            ))}
          </SelectField>
          <TextField field={fields.topics} label={t("author.field.topics")} hint={t("author.field.slugList.hint")} />
          <TextField
            field={fields.prerequisites}
            label={t("course.prerequisites")}
            hint={t("author.field.slugList.hint")}
          />
          <div className="field checkbox">
            <input {...withoutKey(getInputProps(fields.sequential, { type: "checkbox" }))} />
            <label htmlFor={fields.sequential.id}>{t("author.field.sequential")}</label>
          </div>
        </div>
      ) : null}
      <button type="submit" className="button">
        {t("author.saveDraft")}
      </button>
    </Form>
  );
}

export default function AuthorCourse() {
  const t = useT();
  const languageName = useLanguageName();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { slug, title, modules, hasDraft, published, isSource, lang, trainers, isAdmin } = loaderData;
  const [addForm, addFields] = useForm({
    id: "add-module",
    lastResult: actionData?.intent === "add-module" ? actionData.result : undefined,
    constraint: getZodConstraint(AddModuleSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddModuleSchema }),
  });
  return (
    <section aria-labelledby="author-course-title">
      <Breadcrumbs items={[{ label: t("author.title"), to: "/author" }, { label: title }]} />
      <h1 id="author-course-title" dir="auto">
        {title}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <p className="status-line">
        {hasDraft ? t("author.status.draft") : t("author.status.upToDate")}
        {published ? "" : ` ${t("author.neverPublished")}`}
      </p>
      <p>
        <Link to={`/author/${slug}/as-officer`} className="button secondary">
          {hasDraft ? t("asOfficer.openDraft") : t("asOfficer.open")}
        </Link>
      </p>

      <section aria-labelledby="publish-title" className="publish-box">
        <h2 id="publish-title">{t("author.publish")}</h2>
        {actionData?.intent === "publish" && formErrors(actionData.result).length ? (
          <div className="form-errors" role="alert">
            <p>{t("author.publishRefused")}</p>
            <ul>
              {formErrors(actionData.result).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            {"missingMedia" in actionData &&
            Array.isArray(actionData.missingMedia) &&
            actionData.missingMedia.length ? (
              <>
                <p>{t("media.publish.missing")}</p>
                <ul>
                  {(actionData.missingMedia as string[]).map((name) => (
                    <li key={name}>
                      <Link to={`/author/${slug}/media`}>{t("media.problem.upload", { name })}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
        <Form method="post" className="inline-form wrap">
          <input type="hidden" name="intent" value="publish" />
          <label htmlFor="publish-note">{t("author.publishNote")}</label>
          <input id="publish-note" name="note" maxLength={500} dir="auto" />
          <button type="submit" className="button" disabled={!hasDraft}>
            {t("author.publishButton")}
          </button>
        </Form>
        {hasDraft && published ? (
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <button type="submit" className="button-link">
              {t("author.discard")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">
          {isSource ? t("author.details") : t("author.detailsIn", { language: languageName(lang) })}
        </h2>
        <DetailsForm key={lang} />
      </section>

      <section aria-labelledby="modules-title">
        <h2 id="modules-title">{t("author.modules")}</h2>
        {modules.length === 0 ? <p>{t("author.noModules")}</p> : null}
        <ol className="module-admin-list">
          {modules.map((m, index) => (
            <li key={m.slug}>
              <Link to={`/author/${slug}/modules/${m.slug}`} dir="auto">
                {m.title}
              </Link>{" "}
              <span className="muted">
                {t("module.minutes", { minutes: m.minutes })}
                {m.required ? "" : ` · ${t("module.optional")}`}
                {m.preview ? ` · ${t("module.preview")}` : ""}
              </span>
              <Form method="post" className="inline-form">
                <input type="hidden" name="module" value={m.slug} />
                <button
                  type="submit"
                  name="intent"
                  value="up"
                  className="button small"
                  disabled={index === 0}
                  aria-label={t("author.moveUp", { title: m.title })}
                >
                  ↑
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="down"
                  className="button small"
                  disabled={index === modules.length - 1}
                  aria-label={t("author.moveDown", { title: m.title })}
                >
                  ↓
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="button small danger"
                  aria-label={t("author.remove", { title: m.title })}
                >
                  {t("author.removeShort")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
        <h3>{t("author.addModule")}</h3>
        <Form method="post" {...getFormProps(addForm)} className="inline-form wrap">
          <input type="hidden" name="intent" value="add-module" />
          <TextField field={addFields.title} label={t("author.field.moduleTitle")} />
          <TextField field={addFields.slug} label={t("author.field.slug")} hint={t("author.field.slug.hint")} />
          <button type="submit" className="button">
            {t("author.addModuleButton")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="trainers-title">
        <h2 id="trainers-title">{t("trainers.title")}</h2>
        <ul>
          {trainers.map((tr) => (
            <li key={tr.id}>
              <span dir="auto">{tr.name}</span>{" "}
              <span className="muted" dir="ltr">
                {tr.email}
              </span>
              {isAdmin ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="unassign-trainer" />
                  <input type="hidden" name="userId" value={tr.id} />
                  <button
                    type="submit"
                    className="button-link"
                    aria-label={t("trainers.unassignFor", { name: tr.name })}
                  >
                    {t("trainers.unassign")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {isAdmin ? (
          <Form method="post" className="inline-form wrap">
            <input type="hidden" name="intent" value="assign-trainer" />
            {actionData?.intent === "assign-trainer" && formErrors(actionData.result).length ? (
              <p className="form-errors" role="alert">
                {t.key(formErrors(actionData.result)[0]!)}
              </p>
            ) : null}
            <label htmlFor="assign-email">{t("trainers.email")}</label>
            <input id="assign-email" name="email" type="email" required dir="ltr" />
            <button type="submit" className="button small">
              {t("trainers.assign")}
            </button>
          </Form>
        ) : null}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
