/** The "check a credential" form and its result, shared by /verify and /verify/<serial>. Plain form: works without JavaScript. */
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export type CheckResult = {
  ok: boolean;
  signature: "valid" | "invalid" | "malformed";
  altered: boolean;
  status: string;
  errors: string[];
  summary: { serial?: string; learnerName?: string; achievementName?: string; validFrom?: string; validUntil?: string };
};

export function CredentialCheck({ result, text }: { result: CheckResult | null; text: string }) {
  const t = useT();
  return (
    <section aria-labelledby="check-title" className="enrol-box">
      <h2 id="check-title">{t("verify.checkTitle")}</h2>
      <p className="hint">{t("verify.checkHelp")}</p>
      {result ? (
        <div className={result.ok ? "flash flash-success" : "flash flash-error"} role="status">
          <p>
            <strong>{result.ok ? t("verify.result.ok") : t("verify.result.notOk")}</strong>
          </p>
          <ul>
            <li>
              {t("verify.result.signature")} {t.key(`verify.signature.${result.signature}`)}
            </li>
            {result.signature !== "malformed" ? (
              <li>{result.altered ? t("verify.result.altered") : t("verify.result.unaltered")}</li>
            ) : null}
            <li>
              {t("verify.result.status")} {t.key(`verify.credentialStatus.${result.status}`)}
            </li>
            {result.summary.learnerName ? (
              <li>
                {t("verify.result.holder")} <span dir="auto">{result.summary.learnerName}</span>
                {result.summary.achievementName ? (
                  <>
                    {" · "}
                    <span dir="auto">{result.summary.achievementName}</span>
                  </>
                ) : null}
                {result.summary.serial ? ` · ${result.summary.serial}` : ""}
              </li>
            ) : null}
          </ul>
          {result.errors.length ? (
            <details>
              <summary>{t("verify.result.details")}</summary>
              <ul>
                {result.errors.map((e, i) => (
                  <li key={i} dir="ltr">
                    {e}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="editor-form">
        <p className="field">
          <label htmlFor="credential-text">{t("verify.paste")}</label>
          <textarea
            id="credential-text"
            name="credential"
            rows={6}
            dir="ltr"
            defaultValue={text}
            className="markdown-input"
          />
        </p>
        <p className="field">
          <label htmlFor="credential-file">{t("verify.upload")}</label>
          <input id="credential-file" name="file" type="file" accept=".json,application/json,application/ld+json" />
        </p>
        <button type="submit" className="button">
          {t("verify.check")}
        </button>
      </Form>
    </section>
  );
}
