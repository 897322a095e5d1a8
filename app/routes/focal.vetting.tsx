import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { rowError } from "~/components/forms";
import { formatDate } from "~/i18n/format.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agencyName } from "~/models/agencies.server";
import { focalScopeOf } from "~/models/focal-scope.server";
import { decideVetting, listWaitingForVetting } from "~/models/vetting.server";
import { requireRole } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { VettingDecisionSchema } from "~/validation/agencies";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "focal.vetting.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const focal = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, focal);
  const scope = await focalScopeOf(focal.id);
  const page = Math.max(1, Math.min(100_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const result = await listWaitingForVetting({ scope, page });
  return {
    ...result,
    people: result.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      agency: p.agencyRecord ? agencyName(p.agencyRecord, locale) : "",
      since: formatDate(p.createdAt, locale),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const focal = await requireRole(request, "FOCAL_POINT");
  const submission = await parseForm(request, VettingDecisionSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const { userId, decision, reason } = submission.value;
  const scope = await focalScopeOf(focal.id);
  const result = await decideVetting({ actorId: focal.id, userId, decision, reason, scope, ip: context.clientIp });
  if (result.status === "not-found")
    return replyWithErrors(submission, { formErrors: ["focal.vetting.notFound"] }, 404);
  if (result.status === "unverified-email")
    return replyWithErrors(submission, { formErrors: ["vetting.unverifiedEmail"] }, 409);
  return redirectWithFlash("/focal/vetting", {
    type: "success",
    key: result.status === "verified" ? "vetting.done.verified" : "vetting.done.declined",
  });
}

export default function FocalVetting() {
  const t = useT();
  const { people, total, page, pages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="vetting-title">
      <h1 id="vetting-title">{t("focal.vetting.title")}</h1>
      <p>{t("focal.vetting.intro")}</p>
      <p aria-live="polite">{t("focal.vetting.count", { count: total })}</p>
      {people.length === 0 ? <p>{t("focal.vetting.none")}</p> : null}
      {people.map((p) => {
        const error = rowError(actionData?.result, "userId", p.id);
        return (
          <section key={p.id} aria-labelledby={`person-${p.id}`} className="card">
            <h2 id={`person-${p.id}`} dir="auto">
              <Link to={`/focal/officers/${p.id}`}>{p.name}</Link>
            </h2>
            <p>
              <span dir="ltr">{p.email}</span> · <span dir="auto">{p.agency}</span> ·{" "}
              {t("focal.vetting.since", { date: p.since })}
            </p>
            {error ? (
              <p className="form-errors" role="alert">
                {t.key(error)}
              </p>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="userId" value={p.id} />
              <input type="hidden" name="decision" value="verify" />
              <button
                type="submit"
                className="button small"
                aria-label={t("focal.vetting.verifyFor", { name: p.name })}
              >
                {t("focal.vetting.verify")}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="userId" value={p.id} />
              <input type="hidden" name="decision" value="decline" />
              <div className="field">
                <label htmlFor={`reason-${p.id}`}>{t("focal.vetting.reason", { name: p.name })}</label>
                <textarea
                  id={`reason-${p.id}`}
                  name="reason"
                  required
                  minLength={3}
                  maxLength={500}
                  rows={2}
                  dir="auto"
                />
              </div>
              <button
                type="submit"
                className="button small danger"
                aria-label={t("focal.vetting.declineFor", { name: p.name })}
              >
                {t("focal.vetting.decline")}
              </button>
            </Form>
          </section>
        );
      })}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("admin.users.page", { page, pages })}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("admin.users.previous")}</Link> : null}
          <span>{t("admin.users.page", { page, pages })}</span>
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("admin.users.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
