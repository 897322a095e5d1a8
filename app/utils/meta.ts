import type { MetaDescriptor } from "@remix-run/node";
import en from "~/i18n/locales/en";
import { format, type MessageKey, type Messages } from "~/i18n/i18n";

type Match = { id: string; data?: unknown };

/** `<title>` in the page's language: "<page> · Haidang". */
export function pageTitle(
  matches: Match[],
  key: MessageKey,
  params?: Record<string, string | number>,
): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: Messages } | undefined;
  const messages = root?.messages ?? en;
  return [{ title: `${format(messages[key], params)} · ${messages["app.name"]}` }];
}
