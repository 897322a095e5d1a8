import { useT } from "~/i18n/use-t";
import { BULK_OUTCOMES, type BulkOutcome, type CsvProblem } from "~/validation/enrolment-csv";
import { TableScroll } from "./table-scroll";

type ReportRow = {
  line: number;
  email: string;
  name: string;
  cohort: string | null;
  outcome: BulkOutcome | null;
  problems: CsvProblem[];
};

/**
 * The row-by-row report of a CSV batch: how many rows ended each way, then the rows (only those
 * with problems when the file was long). One for the administrators' bulk enrolment and the focal
 * points' nomination file; the nomination file has no cohort column (one cohort per file).
 */
export function BatchRowsReport({
  batch,
  showCohort,
}: {
  batch: {
    fileName: string;
    total: number;
    counts: Record<BulkOutcome, number>;
    rows: ReportRow[];
    rowsTruncated: boolean;
  };
  showCohort: boolean;
}) {
  const t = useT();
  return (
    <>
      <ul className="bulk-counts">
        {BULK_OUTCOMES.map((k) =>
          batch.counts[k] ? (
            <li key={k}>
              {t(`bulk.outcome.${k}`)}: <strong>{batch.counts[k]}</strong>
            </li>
          ) : null,
        )}
      </ul>
      {batch.rowsTruncated ? <p className="muted">{t("batch.rowsTruncated", { total: batch.total })}</p> : null}
      <TableScroll label={t("batch.title", { file: batch.fileName })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("bulk.col.line")}</th>
              <th scope="col">{t("admin.users.email")}</th>
              <th scope="col">{t("admin.users.name")}</th>
              {showCohort ? <th scope="col">{t("enrolment.cohort")}</th> : null}
              <th scope="col">{t("bulk.col.result")}</th>
            </tr>
          </thead>
          <tbody>
            {batch.rows.map((r) => (
              <tr key={r.line} className={r.problems.length ? "row-bad" : undefined}>
                <th scope="row">{r.line}</th>
                <td dir="ltr">{r.email}</td>
                <td dir="auto">{r.name}</td>
                {showCohort ? <td dir="auto">{r.cohort}</td> : null}
                <td>
                  {t(`bulk.outcome.${r.outcome ?? "pending"}`)}
                  {r.problems.length ? `: ${r.problems.map((p) => t.key(`csv.${p.code}`)).join(" ")}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
