import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, formErrors } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { agenciesOfScope, nominate, nominationCourses, officersInScope } from "~/models/nominations.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { NominateSchema } from "~/validation/nominations";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nomination.new");
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const locale = await resolveLocale(request, user);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const [courses, officers, agencies] = await Promise.all([
    nominationCourses(),
    officersInScope({ actor: user, q }),
    agenciesOfScope({ actor: user }),
  ]);
  const targets = courses.flatMap((c) =>
    c.cohorts.length
      ? c.cohorts.map((k) => ({ value: `${c.id}/${k.id}`, label: `${c.title} · ${k.name}` }))
      : [{ value: `${c.id}/`, label: c.title }],
  );
  return {
    q,
    targets,
    target: url.searchParams.get("target") ?? "",
    officers,
    agencies: agencies.map((a) => ({ id: a.id, label: `${a.name} (${countryName(a.country, locale)})` })),
  };
}

const ERRORS = {
  already: "nomination.error.already",
  "out-of-scope": "nomination.error.outOfScope",
  "unknown-course": "nomination.error.cohort",
  "unknown-cohort": "nomination.error.cohort",
  "cohort-required": "nomination.error.cohort",
  "window-closed": "nomination.error.cohort",
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FOCAL_POINT");
  const submission = await parseForm(request, NominateSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const value = submission.value;
  const result = await nominate({
    actor: user,
    courseId: value.target.courseId,
    cohortId: value.target.cohortId,
    justification: value.justification,
    nominee:
      value.intent === "nominate"
        ? { userId: value.userId }
        : { email: value.email, name: value.name, agencyId: value.agencyId },
  });
  if (result.status === "nominated" || result.status === "invited")
    return redirectWithFlash("/focal/nominations", {
      type: "success",
      key: result.status === "invited" ? "nomination.done.invited" : "nomination.done.nominated",
    });
  return replyWithErrors(
    submission,
    { formErrors: [ERRORS[result.status]] },
    result.status === "out-of-scope" ? 403 : result.status === "already" ? 409 : 400,
  );
}

function TargetSelect({
  id,
  targets,
  value,
}: {
  id: string;
  targets: { value: string; label: string }[];
  value: string;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t("nomination.target")}</label>
      <select id={id} name="target" required defaultValue={value}>
        {targets.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function NewNomination() {
  const t = useT();
  const { q, targets, target, officers, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = formErrors(actionData?.result);
  const intent = actionData?.result?.initialValue?.intent;
  return (
    <section aria-labelledby="new-nomination-title">
      <p className="breadcrumb">
        <Link to="/focal/nominations">{t("nomination.title")}</Link>
      </p>
      <h1 id="new-nomination-title">{t("nomination.new")}</h1>
      <p>{t("nomination.new.intro")}</p>
      {targets.length === 0 ? (
        <p>{t("nomination.noCourses")}</p>
      ) : (
        <>
          <Form method="get" className="inline-form wrap" role="search">
            <input type="hidden" name="target" value={target} />
            <div className="field">
              <label htmlFor="officer-search">{t("nomination.search")}</label>
              <input id="officer-search" name="q" type="search" defaultValue={q} maxLength={100} dir="auto" />
            </div>
            <button type="submit" className="button secondary">
              {t("nomination.searchButton")}
            </button>
          </Form>
          {intent !== "invite" ? <FormErrors id="nominate-errors" errors={errors} /> : null}
          <Form method="post">
            <input type="hidden" name="intent" value="nominate" />
            <TargetSelect id="nominate-target" targets={targets} value={target} />
            <fieldset>
              <legend>{t("nomination.officers", { count: officers.count })}</legend>
              {officers.officers.length === 0 ? <p>{t("nomination.officersNone")}</p> : null}
              <ul className="choices">
                {officers.officers.map((o) => (
                  <li key={o.id}>
                    <input type="radio" id={`officer-${o.id}`} name="userId" value={o.id} required />
                    <label htmlFor={`officer-${o.id}`}>
                      <span dir="auto">{o.name}</span> · <span dir="ltr">{o.email}</span>
                      {o.agency ? <span dir="auto"> · {o.agency}</span> : null}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <div className="field">
              <label htmlFor="nominate-justification">{t("nomination.justification")}</label>
              <textarea id="nominate-justification" name="justification" rows={3} maxLength={2000} dir="auto" />
            </div>
            <button type="submit" className="button" disabled={officers.officers.length === 0}>
              {t("nomination.submit")}
            </button>
          </Form>
          <h2>{t("nomination.invite.title")}</h2>
          <p className="hint">{t("nomination.invite.hint")}</p>
          {intent === "invite" ? <FormErrors id="invite-errors" errors={errors} /> : null}
          <Form method="post">
            <input type="hidden" name="intent" value="invite" />
            <TargetSelect id="invite-target" targets={targets} value={target} />
            <div className="field">
              <label htmlFor="invite-email">{t("nomination.invite.email")}</label>
              <input
                id="invite-email"
                name="email"
                type="email"
                required
                maxLength={254}
                dir="ltr"
                autoComplete="off"
              />
            </div>
            <div className="field">
              <label htmlFor="invite-name">{t("nomination.invite.name")}</label>
              <input id="invite-name" name="name" required maxLength={120} dir="auto" autoComplete="off" />
            </div>
            <div className="field">
              <label htmlFor="invite-agency">{t("nomination.invite.agency")}</label>
              <select id="invite-agency" name="agencyId" required>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="invite-justification">{t("nomination.justification")}</label>
              <textarea id="invite-justification" name="justification" rows={3} maxLength={2000} dir="auto" />
            </div>
            <button type="submit" className="button">
              {t("nomination.invite.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
