/**
 * Course Markdown → HTML. The only module that imports markdown-it (see courses/README.md
 * for the format). Output is safe to insert as HTML: raw HTML is escaped, links are limited
 * to http(s), mailto, relative URLs and #fragments, and images only come from the course's
 * own media/ folder.
 */
import MarkdownIt from "markdown-it";
import type { Env, StateCore, Token } from "markdown-it";
import anchor from "markdown-it-anchor";
import container from "markdown-it-container";
import footnote from "markdown-it-footnote";

/** kind: "image" (the default) or "pdf" (linked to, never shown as an image); PDFs have no pixel size. */
export type MediaInfo = { width: number | null; height: number | null; kind?: string };
export type RenderOptions = {
  /** Media files of this course by file name (e.g. "chain.png"), with pixel sizes. */
  media: Record<string, MediaInfo>;
  /** Public URL of a media file, e.g. (name) => `/courses/electronic-evidence/media/${encodeURIComponent(name)}` */
  mediaUrl: (name: string) => string;
  /** Accessible labels of the callouts in the content's language; English defaults. */
  labels?: { note: string; warning: string; legal: string };
};
export type Heading = { level: number; id: string; text: string };
/** line: 1-based, within `source`; `media`: the media file name the problem is about (missing or misused). */
export type RenderProblem = { line: number; message: string; media?: string };
export const MAX_MARKDOWN_CHARS = 200_000;

const DEFAULT_LABELS = { note: "Note", warning: "Warning", legal: "Legal text" } as const;
const CALLOUTS = ["note", "warning", "legal"] as const;
type CalloutName = (typeof CALLOUTS)[number];

/** Per-call state, carried through markdown-it's `env` (the instance itself is shared). */
type RenderContext = {
  options: RenderOptions;
  labels: Record<CalloutName, string>;
  problems: RenderProblem[];
  headingCount: number;
  slugsUsed: Set<string>;
  slugNext: Map<string, number>;
};
const CONTEXT = "haidang";
type HaidangEnv = Env & { [CONTEXT]?: RenderContext };

function contextOf(env: Env | undefined): RenderContext | undefined {
  return (env as HaidangEnv | undefined)?.[CONTEXT];
}

/** Stored on image tokens by the `haidang_media` core rule, read by the image renderer. */
type ImageMeta = { haidangImage: { src: string; width: number | null; height: number | null } | null };

// ---------------------------------------------------------------------------------------
// URLs

const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);
/** What the image rule needs to get through validateLink so that it can be reported. */
const DATA_IMAGE_RE = /^data:image\/(?:gif|png|jpeg|webp);/i;

type UrlKind = "relative" | "external" | "mailto";

function decodePercent(url: string) {
  try {
    return decodeURIComponent(url);
  } catch {
    return md.utils.lib.mdurl.decode(url);
  }
}

/** Classifies one spelling of a URL, or returns null when it must not become a link. */
function classifyOne(raw: string): UrlKind | null {
  // Browsers drop leading/trailing C0 controls and spaces, and tabs/newlines anywhere.
  const url = raw
    .replace(/[\t\n\r]/g, "")
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "")
    .toLowerCase();
  if (/[\u0000-\u001f\u007f]/.test(url)) return null;
  // Protocol-relative ("//host", and "\\host" which browsers read the same way).
  if (/^[/\\]{2}/.test(url)) return "external";
  const colon = url.indexOf(":");
  const delimiter = url.search(/[/?#\\]/);
  if (colon === -1 || (delimiter !== -1 && delimiter < colon)) return "relative";
  // A colon before any path delimiter: a scheme (or something a browser might read as one).
  const scheme = url.slice(0, colon);
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme) || !ALLOWED_SCHEMES.has(scheme)) return null;
  return scheme === "mailto" ? "mailto" : "external";
}

/** Classifies a (normalised) URL; it must be acceptable both as written and percent-decoded. */
function classifyUrl(url: string): UrlKind | null {
  const kind = classifyOne(url);
  if (kind === null) return null;
  const decoded = decodePercent(url);
  if (decoded !== url && classifyOne(decoded) === null) return null;
  return kind;
}

// ---------------------------------------------------------------------------------------
// Headings

/** Unicode-aware: keeps letters, marks and digits of any script, collapses the rest to "-". */
function slugify(text: string) {
  const slug = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  // Keep ids reasonably short without cutting a character in half.
  return Array.from(slug).slice(0, 80).join("").replace(/-+$/, "");
}

function headingText(tokens: Token[] | null) {
  return (tokens ?? [])
    .filter((t) => t.type === "text" || t.type === "code_inline")
    .map((t) => t.content)
    .join("")
    .trim();
}

// ---------------------------------------------------------------------------------------
// The shared instance

const md = MarkdownIt({ html: false, linkify: true, typographer: false, highlight: null });

md.validateLink = (url: string) => classifyUrl(url) !== null || DATA_IMAGE_RE.test(url.trim());

md.use(footnote);

for (const name of CALLOUTS) {
  md.use(container, name, {
    validate: (params: string) => params.trim().toLowerCase() === name,
    render: (tokens: Token[], idx: number, _options: unknown, env: Env | undefined) => {
      const token = tokens[idx];
      if (!token || token.nesting !== 1) return "</aside>\n";
      const label = contextOf(env)?.labels[name] ?? DEFAULT_LABELS[name];
      return `<aside class="callout callout-${name}" aria-label="${md.utils.escapeHtml(label)}">\n`;
    },
  });
}

md.use(anchor, {
  level: [1, 2, 3, 4, 5, 6],
  uniqueSlugStartIndex: 2,
  // Made unique here (base, base-2, base-3…) in linear time: the plugin's own loop restarts at
  // 2 for every duplicate, which is quadratic for a document of many equal headings.
  slugifyWithState: (text: string, state: anchor.State) => {
    const context = contextOf(state.env as Env);
    if (!context) return slugify(text) || "section";
    const n = ++context.headingCount;
    const base = slugify(text) || `section-${n}`;
    let slug = base;
    let next = context.slugNext.get(base) ?? 2;
    while (context.slugsUsed.has(slug)) slug = `${base}-${next++}`;
    context.slugNext.set(base, next);
    context.slugsUsed.add(slug);
    return slug;
  },
  permalink: anchor.permalink.headerLink(),
});

/**
 * The heading becomes a link to itself (headerLink): links written inside a heading
 * (including linkified URLs) are unwrapped first, as links cannot nest.
 */
md.core.ruler.before("anchor", "haidang_heading_links", (state: StateCore) => {
  const tokens = state.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const inline = tokens[i + 1];
    if (tokens[i]?.type !== "heading_open" || inline?.type !== "inline" || !inline.children) continue;
    inline.children = inline.children.filter((t) => t.type !== "link_open" && t.type !== "link_close");
  }
});

/** Checks every link again after parsing, and resolves every image against the media list. */
md.core.ruler.push("haidang_links_and_media", (state: StateCore) => {
  const context = contextOf(state.env);
  let lastLine = 1;
  // Inline footnotes (`^[…]`) are moved to the end without a source map: use their reference's line.
  const footnoteLines = new Map<unknown, number>();
  for (const token of state.tokens) {
    if (token.map) lastLine = token.map[0] + 1;
    else if (token.type === "footnote_open") lastLine = footnoteLines.get(token.meta?.id) ?? lastLine;
    if (token.type !== "inline" || !token.children) continue;
    let line = token.map ? token.map[0] + 1 : lastLine;
    const unsafeLinks: boolean[] = [];
    for (const child of token.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      else if (child.type === "link_open") {
        const kind = classifyUrl(String(child.attrGet("href") ?? ""));
        unsafeLinks.push(kind === null);
        if (kind === null) neutralise(child);
        else if (kind === "external") child.attrSet("rel", "noopener noreferrer");
        else if (kind === "relative") resolveMediaLink(child, line, context);
      } else if (child.type === "link_close") {
        if (unsafeLinks.pop() ?? false) neutralise(child);
      } else if (child.type === "footnote_ref") {
        if (!footnoteLines.has(child.meta?.id)) footnoteLines.set(child.meta?.id, line);
      } else if (child.type === "image") {
        resolveImage(child, line, context);
      }
    }
  }
});

/** Turns a link token into nothing: its text stays, as plain text. */
function neutralise(token: Token) {
  token.type = "text";
  token.tag = "";
  token.attrs = null;
  token.content = "";
  token.nesting = 0;
}

function resolveImage(token: Token, line: number, context: RenderContext | undefined) {
  const meta: ImageMeta = { haidangImage: null };
  token.meta = meta;
  if (!context) return;
  const src = String(token.attrGet("src") ?? "");
  const decoded = decodePercent(src);
  if (classifyUrl(src) !== "relative") {
    context.problems.push({ line, message: "images must come from the course's media/ folder" });
    return;
  }
  const name = /^media\/([^/\\]+)$/.exec(decoded)?.[1];
  const found = name && name !== "." && name !== ".." ? findMedia(context.options.media, name) : undefined;
  if (!found) {
    context.problems.push({
      line,
      message: `image ${decoded} is not in the course's media/ folder`,
      ...(name && name !== "." && name !== ".." ? { media: name } : {}),
    });
    return;
  }
  if (found.info.kind === "pdf") {
    context.problems.push({
      line,
      message: `${decoded} is a PDF, not an image: link to it with [Title](${src})`,
      media: found.name,
    });
    return;
  }
  meta.haidangImage = { src: context.options.mediaUrl(found.name), width: found.info.width, height: found.info.height };
}

/** A relative link to media/<name> goes to the file's URL (PDF handouts download); a missing file is a problem. */
function resolveMediaLink(token: Token, line: number, context: RenderContext | undefined) {
  if (!context) return;
  const href = String(token.attrGet("href") ?? "");
  const name = /^media\/([^/\\?#]+)$/.exec(decodePercent(href))?.[1];
  if (!name || name === "." || name === "..") return;
  const found = findMedia(context.options.media, name);
  if (!found) {
    context.problems.push({
      line,
      message: `link ${href} goes to a file that is not in the course's media/ folder`,
      media: name,
    });
    return;
  }
  token.attrSet("href", context.options.mediaUrl(found.name));
  if (found.info.kind === "pdf") token.attrSet("download", found.name);
}

function findMedia(media: Record<string, MediaInfo>, name: string) {
  for (const candidate of new Set([name, name.normalize("NFC"), name.normalize("NFD")])) {
    if (Object.prototype.hasOwnProperty.call(media, candidate)) {
      const info = media[candidate];
      if (info) return { name: candidate, info };
    }
  }
  return undefined;
}

function dimension(value: number | null) {
  return value !== null && Number.isFinite(value) && value > 0 ? String(Math.round(value)) : null;
}

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return "";
  const escape = md.utils.escapeHtml;
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const image = (token.meta as ImageMeta | null)?.haidangImage;
  if (!image) return `<span class="missing-image">${escape(alt)}</span>`;
  const width = dimension(image.width);
  const height = dimension(image.height);
  const title = String(token.attrGet("title") ?? "");
  return (
    `<img src="${escape(image.src)}" alt="${escape(alt)}"` +
    (width ? ` width="${width}"` : "") +
    (height ? ` height="${height}"` : "") +
    (title ? ` title="${escape(title)}"` : "") +
    ` loading="lazy" decoding="async">`
  );
};

md.renderer.rules.table_open = (tokens, idx, options, _env, self) =>
  `<div class="table-scroll">\n${self.renderToken(tokens, idx, options)}`;
md.renderer.rules.table_close = (tokens, idx, options, _env, self) =>
  `${self.renderToken(tokens, idx, options)}</div>\n`;

// ---------------------------------------------------------------------------------------

export function renderMarkdown(
  source: string,
  options: RenderOptions,
): { html: string; headings: Heading[]; problems: RenderProblem[] } {
  if (source.length > MAX_MARKDOWN_CHARS) {
    return {
      html: "",
      headings: [],
      problems: [{ line: 1, message: `the text is longer than ${MAX_MARKDOWN_CHARS} characters` }],
    };
  }
  const context: RenderContext = {
    options,
    labels: { ...DEFAULT_LABELS, ...options.labels },
    problems: [],
    headingCount: 0,
    slugsUsed: new Set(),
    slugNext: new Map(),
  };
  const env: HaidangEnv = { [CONTEXT]: context };
  const tokens = md.parse(source, env);
  const html = md.renderer.render(tokens, md.options, env);

  const headings: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.type !== "heading_open") continue;
    const level = Number(token.tag.slice(1));
    const id = String(token.attrGet("id") ?? "");
    if ((level === 2 || level === 3) && id)
      headings.push({ level, id, text: headingText(tokens[i + 1]?.children ?? null) });
  }
  const problems = context.problems.sort((a, b) => a.line - b.line);
  return { html, headings, problems };
}

/**
 * Short Markdown outside course pages (question text, answers, feedback), with the same
 * safety rules. There are no course media here, so an image becomes its alt text. A text
 * that is a single paragraph comes back without its <p>, so that it can sit inside a
 * <label> or a <legend>; anything longer comes back as blocks.
 */
export function renderMarkdownFragment(source: string): string {
  if (source.length > MAX_MARKDOWN_CHARS) return md.utils.escapeHtml(source);
  const env: Env = {};
  const tokens = md.parse(source, env);
  const [open, inline, close] = tokens;
  if (
    tokens.length === 3 &&
    open?.type === "paragraph_open" &&
    inline?.type === "inline" &&
    close?.type === "paragraph_close"
  ) {
    return md.renderer.renderInline(inline.children ?? [], md.options, env);
  }
  return md.renderer.render(tokens, md.options, env);
}
