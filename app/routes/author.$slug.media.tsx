import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthorNav } from "~/components/author-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldErrors, FormErrors, withoutKey } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requireEditableCourse } from "~/models/course-authoring.server";
import {
  deleteCourseMedia,
  listCourseMedia,
  saveCourseMedia,
  updateMediaAlt,
  type MediaResult,
  type MediaUse,
} from "~/models/course-media.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { readFormData } from "~/utils/request.server";
import { MEDIA_ACCEPT, MediaFormSchema } from "~/validation/media";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "media.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const library = await listCourseMedia({ course });
  // ?delete=<name>: the confirmation step, a page of its own so it works without JavaScript.
  const confirm = new URL(request.url).searchParams.get("delete");
  const confirming = confirm ? (library.items.find((m) => m.name === confirm) ?? null) : null;
  return {
    slug: course.slug,
    title: course.title,
    published: Boolean(course.currentRevisionId),
    ...library,
    confirming: confirming ? { name: confirming.name, usedIn: confirming.usedIn } : null,
  };
}

const ERROR_KEY: Record<Exclude<MediaResult["status"], "saved">, string> = {
  invalid: "",
  duplicate: "media.error.duplicate",
  "alt-required": "media.error.altRequired",
  "kind-changed": "media.error.kindChanged",
  "not-found": "media.error.notFound",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "TRAINER", "ADMIN");
  const course = await requireEditableCourse({ slug: params.slug!, user });
  const here = `/author/${course.slug}/media`;
  const submission = parseWithZod(await readFormData(request), { schema: MediaFormSchema });
  const form = String(submission.payload.intent ?? "upload") === "upload" ? "upload" : String(submission.payload.name);
  if (submission.status !== "success")
    return data({ form, result: submission.reply({ hideFields: ["file"] }), name: "" }, { status: 400 });
  const input = submission.value;
  const ip = context.clientIp;
  if (input.intent === "delete") {
    const result = await deleteCourseMedia({ course, user, name: input.name, ip });
    return redirectWithFlash(here, {
      type: result.status === "deleted" ? "success" : "error",
      key: result.status === "deleted" ? "media.deleted" : "media.error.notFound",
      params: { name: input.name },
    });
  }
  const result =
    input.file || input.intent === "upload"
      ? await saveCourseMedia({
          course,
          user,
          name: input.intent === "upload" ? input.file.name : input.name,
          bytes: Buffer.from(await input.file!.arrayBuffer()),
          alt: input.alt,
          replace: input.intent === "replace" ? input.name : undefined,
          ip,
        })
      : await updateMediaAlt({ course, name: input.name, alt: input.alt });
  if (result.status === "saved") {
    return redirectWithFlash(here, {
      type: "success",
      key: input.intent === "upload" ? "media.uploaded" : "media.saved",
      params: { name: result.name },
    });
  }
  const key = result.status === "invalid" ? `media.error.${result.code}` : ERROR_KEY[result.status];
  const name = "name" in result ? result.name : input.intent === "upload" ? input.file.name : input.name;
  return data({ form, result: submission.reply({ formErrors: [key], hideFields: ["file"] }), name }, { status: 400 });
}

function sizeText(t: ReturnType<typeof useT>, bytes: number) {
  return bytes >= 1024 * 1024
    ? t("media.sizeMB", { size: (bytes / 1024 / 1024).toFixed(1) })
    : t("media.sizeKB", { size: Math.max(1, Math.round(bytes / 1024)) });
}

function UsedIn({ uses }: { uses: MediaUse[] }) {
  const t = useT();
  return <>{uses.map((u) => (u.module ? u.title : t("media.courseDescription"))).join(", ")}</>;
}

function UploadForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "media-upload",
    lastResult: actionData?.form === "upload" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MediaFormSchema }),
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="editor-form">
      <input type="hidden" name="intent" value="upload" />
      <FormErrors id={form.errorId} errors={form.errors} params={{ name: actionData?.name ?? "" }} />
      <div className="field">
        <label htmlFor={fields.file.id}>{t("media.field.file")}</label>
        <p className="hint" id={fields.file.descriptionId}>
          {t("media.field.file.hint")}
        </p>
        <input
          {...withoutKey(getInputProps(fields.file, { type: "file", ariaDescribedBy: fields.file.descriptionId }))}
          accept={MEDIA_ACCEPT}
        />
        <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.alt.id}>{t("media.field.alt")}</label>
        <p className="hint" id={fields.alt.descriptionId}>
          {t("media.field.alt.hint")}
        </p>
        <input
          {...withoutKey(getInputProps(fields.alt, { type: "text", ariaDescribedBy: fields.alt.descriptionId }))}
          maxLength={500}
          dir="auto"
        />
        <FieldErrors id={fields.alt.errorId} errors={fields.alt.errors} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t("media.upload.submit")}
      </button>
    </Form>
  );
}

function ReplaceForm({ name, alt, kind }: { name: string; alt: string; kind: "image" | "pdf" }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === name;
  const [form, fields] = useForm({
    id: `media-replace-${name}`,
    lastResult: mine ? actionData.result : undefined,
    defaultValue: { alt },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MediaFormSchema }),
  });
  return (
    <details open={mine}>
      <summary>{t("media.replace.summary", { name })}</summary>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="editor-form">
        <input type="hidden" name="intent" value="replace" />
        <input type="hidden" name="name" value={name} />
        <FormErrors id={form.errorId} errors={form.errors} params={{ name }} />
        <div className="field">
          <label htmlFor={fields.file.id}>{t("media.replace.file", { name })}</label>
          <input {...withoutKey(getInputProps(fields.file, { type: "file" }))} accept={MEDIA_ACCEPT} />
          <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        {kind === "image" ? (
          <div className="field">
            <label htmlFor={fields.alt.id}>{t("media.field.alt")}</label>
            <input {...withoutKey(getInputProps(fields.alt, { type: "text" }))} maxLength={500} dir="auto" />
            <FieldErrors id={fields.alt.errorId} errors={fields.alt.errors} />
          </div>
        ) : null}
        <button type="submit" className="button secondary">
          {t("media.replace.submit")}
        </button>
      </Form>
    </details>
  );
}

export default function CourseMedia() {
  const t = useT();
  const { slug, title, published, items, missing, confirming } = useLoaderData<typeof loader>();
  const here = `/author/${slug}/media`;
  return (
    <section aria-labelledby="media-title">
      <p className="breadcrumb">
        <Link to="/author">{t("author.title")}</Link> › <Link to={`/author/${slug}`}>{title}</Link>
      </p>
      <h1 id="media-title" dir="auto">
        {t("media.title")}
      </h1>
      <AuthorNav slug={slug} published={published} />
      <p>{t("media.intro")}</p>

      {confirming ? (
        <section aria-labelledby="confirm-title" className="publish-box" role="alertdialog">
          <h2 id="confirm-title">{t("media.confirm.title", { name: confirming.name })}</h2>
          <p>{t("media.confirm.body")}</p>
          {confirming.usedIn.length ? (
            <p>
              {t("media.confirm.used", {
                list: confirming.usedIn.map((u) => (u.module ? u.title : t("media.courseDescription"))).join(", "),
              })}
            </p>
          ) : null}
          <Form method="post" action={here} className="inline-form wrap">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="name" value={confirming.name} />
            <button type="submit" className="button danger">
              {t("media.confirm.submit", { name: confirming.name })}
            </button>
            <Link to={here}>{t("media.confirm.cancel")}</Link>
          </Form>
        </section>
      ) : null}

      {missing.length ? (
        <section aria-labelledby="missing-title" className="form-errors">
          <h2 id="missing-title">{t("media.missing.title")}</h2>
          <p>{t("media.missing.intro")}</p>
          <ul>
            {missing.map((m) => (
              <li key={m.name}>
                {t("media.missing.item", {
                  name: m.name,
                  list: m.usedIn.map((u) => (u.module ? u.title : t("media.courseDescription"))).join(", "),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2 id="upload-title">{t("media.upload.title")}</h2>
      <UploadForm />

      <h2 id="library-title">{t("media.library.title", { count: items.length })}</h2>
      {items.length === 0 ? <p>{t("media.empty")}</p> : null}
      <ul className="media-list" aria-labelledby="library-title">
        {items.map((m) => (
          <li key={m.name} className="media-item">
            {m.kind === "image" ? (
              <img
                src={m.url}
                alt={m.alt}
                width={m.width ?? undefined}
                height={m.height ?? undefined}
                loading="lazy"
                className="media-thumb"
              />
            ) : null}
            <div>
              <h3 className="media-name" dir="auto">
                {m.name}
              </h3>
              <dl className="media-facts">
                <dt>{t("media.kind")}</dt>
                <dd>{m.kind === "pdf" ? t("media.kind.pdf") : t("media.kind.image")}</dd>
                <dt>{t("media.size")}</dt>
                <dd>{sizeText(t, m.size)}</dd>
                {m.width && m.height ? (
                  <>
                    <dt>{t("media.dimensions")}</dt>
                    <dd>{t("media.pixels", { width: m.width, height: m.height })}</dd>
                  </>
                ) : null}
                {m.kind === "image" ? (
                  <>
                    <dt>{t("media.field.alt")}</dt>
                    <dd dir="auto">{m.alt}</dd>
                  </>
                ) : null}
                <dt>{t("media.usedIn")}</dt>
                <dd>{m.usedIn.length ? <UsedIn uses={m.usedIn} /> : t("media.unused")}</dd>
              </dl>
              <p>
                <code dir="ltr" className="media-snippet">
                  {m.snippet}
                </code>
              </p>
              <ReplaceForm name={m.name} alt={m.alt} kind={m.kind} />
              <p>
                <Link
                  to={`${here}?delete=${encodeURIComponent(m.name)}`}
                  aria-label={t("media.deleteFor", { name: m.name })}
                >
                  {t("media.delete")}
                </Link>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
