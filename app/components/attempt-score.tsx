import { useT } from "~/i18n/use-t";

/** An attempt's score as a table cell's text: "80% · Passed", "—" while nothing is graded. */
export function AttemptScore({ percent, passed }: { percent: number | null; passed: boolean | null }) {
  const t = useT();
  const verdict = passed === true ? t("assessment.passed") : passed === false ? t("assessment.notPassed") : null;
  return (
    <>
      {percent !== null ? `${percent}%` : "—"}
      {verdict ? ` · ${verdict}` : ""}
    </>
  );
}
