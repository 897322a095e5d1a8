import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The label every "preview as officer" page carries, with the way back to authoring. */
export function OfficerPreviewBanner({ slug, isDraft }: { slug: string; isDraft: boolean }) {
  const t = useT();
  return (
    <div className="officer-preview-banner" role="note" aria-label={t("asOfficer.label")}>
      <p>
        <strong>{t("asOfficer.banner")}</strong> {isDraft ? t("asOfficer.draftNote") : t("asOfficer.publishedNote")}
      </p>
      <p>
        <Link to={`/author/${slug}`}>{t("asOfficer.exit")}</Link>
      </p>
    </div>
  );
}
