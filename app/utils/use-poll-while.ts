import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** While `active`, the loader is asked again every `everyMs` (without JavaScript: the page's Refresh link). */
export function usePollWhile(active: boolean, everyMs = 1000) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  useEffect(() => {
    latest.current = revalidator;
  });
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (latest.current.state === "idle" && document.visibilityState === "visible") latest.current.revalidate();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
