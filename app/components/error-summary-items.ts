/** One line of an error summary: the message key and the field it links to. */
export type ErrorSummaryItem = { href: string; message: string };

/**
 * The links of a form's error summary, from conform's errors (`form.allErrors`: field name →
 * messages, "" for the form's own). A field's input has the id `<formId>-<name>` (conform's
 * `field.id`, used by TextField and friends), so each link moves focus to its field. The
 * form's own messages are left to FormErrors; repeated messages are listed once per field.
 */
export function errorSummaryItems(
  formId: string,
  errors: Record<string, readonly string[] | null | undefined> | null | undefined,
): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = [];
  for (const [name, messages] of Object.entries(errors ?? {})) {
    if (name === "" || !messages?.length) continue;
    for (const message of new Set(messages)) items.push({ href: `#${formId}-${name}`, message });
  }
  return items;
}
