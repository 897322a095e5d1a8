import { useT } from "~/i18n/use-t";

type Flash = { type: "success" | "error" | "info"; key: string; params?: Record<string, string | number> };

export function FlashMessage({ flash }: { flash: Flash }) {
  const t = useT();
  return (
    <div className={`flash flash-${flash.type}`} role={flash.type === "error" ? "alert" : "status"}>
      {t.key(flash.key, flash.params)}
    </div>
  );
}
