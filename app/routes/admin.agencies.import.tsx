import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { AgencyNav } from "~/components/agency-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, formErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { importAgencies } from "~/models/agencies.server";
import { requireRole } from "~/utils/auth.server";
import { parseForm, replyWithErrors } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { AgencyImportSchema } from "~/validation/agencies";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "agencies.import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = await parseForm(request, AgencyImportSchema);
  if (submission.status !== "success") return replyWithErrors(submission, { hideFields: ["file"] });
  const csv = new TextDecoder("utf-8").decode(await submission.value.file.arrayBuffer());
  const result = await importAgencies({ actorId: admin.id, csv, ip: context.clientIp });
  if (result.status === "bad-file")
    return data(
      {
        result: submission.reply({ formErrors: [result.reason], hideFields: ["file"] }),
        line: result.line ?? 1,
        report: null,
      },
      { status: 400 },
    );
  return { result: null, line: null, report: result };
}

export default function ImportAgencies() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const report = actionData && "report" in actionData ? actionData.report : null;
  const line = actionData && "line" in actionData ? (actionData.line ?? 1) : 1;
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t("agencies.import.title")}</h1>
      <AgencyNav />
      <p>{t("agencies.import.intro")}</p>
      <pre dir="ltr" className="example">
        {
          "name,country,type,parent,domains\nMinistry of Public Security,VN,MINISTRY,,\nCybercrime Department,VN,POLICE,Ministry of Public Security,a05.example.vn"
        }
      </pre>
      <Form method="post" encType="multipart/form-data">
        <FormErrors id="import-errors" errors={formErrors(actionData?.result)} params={{ line }} />
        <div className="field">
          <label htmlFor="import-file">{t("agencies.import.file")}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" className="button">
          {t("agencies.import.submit")}
        </button>
      </Form>
      {report ? (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t("agencies.import.report")}</h2>
          <p role="status">
            {t("agencies.import.summary", {
              created: report.created,
              updated: report.updated,
              refused: report.refused,
            })}
          </p>
          <TableScroll label={t("agencies.import.report")}>
            <table aria-labelledby="report-title">
              <thead>
                <tr>
                  <th scope="col">{t("agencies.import.line")}</th>
                  <th scope="col">{t("agencies.field.name")}</th>
                  <th scope="col">{t("signup.country")}</th>
                  <th scope="col">{t("agencies.import.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    <td dir="auto">{row.name}</td>
                    <td>{row.country}</td>
                    <td>
                      {t(`agencies.import.outcome.${row.outcome}`)}
                      {row.reason ? `: ${t.key(row.reason)}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
