import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AgencyNav } from "~/components/agency-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formErrors } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { findDuplicateAgencies, mergeAgencies } from "~/models/agencies.server";
import { requireRole } from "~/utils/auth.server";
import { countryName } from "~/utils/countries";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { MergePairSchema } from "~/validation/agencies";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agencies.duplicates.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const locale = await resolveLocale(request, admin);
  const groups = await findDuplicateAgencies();
  return { groups: groups.map((g) => ({ ...g, countryName: countryName(g.country, locale) })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = await parseForm(request, MergePairSchema);
  if (submission.status !== "success") return replyWithErrors(submission);
  const { keepId, otherId } = submission.value;
  const result = await mergeAgencies({ actorId: admin.id, keepId, otherId, ip: context.clientIp });
  if (result.status === "not-found")
    return replyWithErrors(submission, { formErrors: ["agencies.merge.notFound"] }, 404);
  if (result.status === "same") return replyWithErrors(submission, { formErrors: ["agencies.validation.merge"] });
  return redirectWithFlash("/admin/agencies/duplicates", {
    type: "success",
    key: "agencies.merged",
    params: { name: result.kept.name, members: result.moved.members },
  });
}

export default function AgencyDuplicates() {
  const t = useT();
  const { groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = formErrors(actionData?.result);
  return (
    <section aria-labelledby="duplicates-title">
      <h1 id="duplicates-title">{t("agencies.duplicates.title")}</h1>
      <AgencyNav />
      <p>{t("agencies.duplicates.intro")}</p>
      {errors.length ? (
        <p className="form-errors" role="alert">
          {t.key(errors[0]!)}
        </p>
      ) : null}
      {groups.length === 0 ? <p>{t("agencies.duplicates.none")}</p> : null}
      {groups.map((group) => {
        const [kept, ...rest] = group.agencies;
        return (
          <section key={`${group.country}:${group.key}`} aria-labelledby={`dup-${kept!.id}`} className="card">
            <h2 id={`dup-${kept!.id}`} dir="auto">
              {kept!.name} ({group.countryName})
            </h2>
            <p>{t("agencies.duplicates.keep", { name: kept!.name, members: kept!.members })}</p>
            <ul>
              {rest.map((other) => (
                <li key={other.id}>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="keepId" value={kept!.id} />
                    <input type="hidden" name="otherId" value={other.id} />
                    <span dir="auto">
                      {t("agencies.merge.option", { name: other.name, members: other.members })}
                    </span>{" "}
                    <button type="submit" className="button small">
                      {t("agencies.duplicates.merge", { other: other.name, kept: kept!.name })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
