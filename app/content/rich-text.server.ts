/**
 * A question's texts (RichText: question text, answers, feedback, rubric) → HTML that is safe
 * to insert into a page, whatever an imported GIFT file put in them.
 *
 * - "plain" and "moodle": escaped text, line breaks kept. Moodle's own format lets HTML
 *   through; here it never does: imported files are not trusted.
 * - "markdown": the course Markdown renderer (raw HTML stays escaped, links limited).
 * - "html": sanitize-html with a strict allow-list: basic inline and block formatting, lists,
 *   tables, code, and links to http, https and mailto only. No images, styles, classes,
 *   event handlers, frames or forms.
 */
import sanitizeHtml from "sanitize-html";
import { renderMarkdownFragment } from "./markdown.server";
import type { RichText } from "./questions";

const ALLOWED_TAGS = [
  "p",
  "br",
  "strong",
  "em",
  "b",
  "i",
  "u",
  "sub",
  "sup",
  "ul",
  "ol",
  "li",
  "code",
  "pre",
  "blockquote",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
  "a",
];
const SAFE_HREF = /^(?:https?:|mailto:)/i;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  disallowedTagsMode: "discard",
  transformTags: {
    // Only absolute http(s)/mailto links stay links (relative ones would resolve against the
    // quiz page); the rest keep their text as a plain span.
    a: (_tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? "").trim();
      if (SAFE_HREF.test(href)) return { tagName: "a", attribs: { href, rel: "noopener noreferrer" } };
      return { tagName: "span", attribs: {} };
    },
  },
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Escaped text with its line breaks as <br>. */
function renderPlain(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, "<br>\n");
}

export function renderRichText(rt: RichText): string {
  switch (rt.format) {
    case "markdown":
      return renderMarkdownFragment(rt.text);
    case "html":
      return sanitizeHtml(rt.text, SANITIZE);
    case "plain":
    case "moodle":
      return renderPlain(rt.text);
  }
}
