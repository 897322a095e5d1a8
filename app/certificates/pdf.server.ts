/**
 * The certificate of completion as a one-page A4 landscape PDF, drawn with pdfkit.
 *
 * Names and course titles come in any script, so text goes through a small layout step of
 * its own before pdfkit sees it:
 *
 * 1. bidi-js resolves the Unicode bidi levels of the line (UAX #9);
 * 2. each character gets a Noto font by script (Arabic → Noto Naskh Arabic, Thai → Noto Sans
 *    Thai, Han → Noto Sans CJK…); spaces, digits and punctuation stay with their neighbours'
 *    font when it has the glyph, and fall back to Noto Sans (then CJK) when it does not;
 * 3. the line is cut into pieces of one font and one level, ordered visually (rule L2), measured
 *    and placed; each piece is shaped by fontkit (through pdfkit) as a whole.
 *
 * Two pdfkit behaviours are worked around, both checked by the tests through text extraction:
 * - without `features`, pdfkit shapes word by word and concatenates the words left to right,
 *   so an Arabic name comes out with its words in reverse order. Passing `features: []` makes
 *   it shape the whole piece at once; fontkit then returns right-to-left glyphs in visual order.
 * - a ligature glyph (لا, لله) maps to several characters in the ToUnicode table, in logical
 *   order. Extractors (pdf.js, poppler) reverse right-to-left text character by character,
 *   which scrambles those ("الله" came back as "اهلل"), so right-to-left fonts get their
 *   multi-character mappings reversed just before the PDF is written.
 *
 * Scripts that move glyphs before their consonant (Khmer, Devanagari…) also read back in glyph
 * order; their pieces carry the text as ActualText, which Acrobat and poppler use (pdf.js does not).
 *
 * pdfkit embeds a subset of each font that is actually drawn with. Parsed fonts are kept for
 * the life of the process (re-parsing them cost 0.5–1 s a certificate, the CJK collection most),
 * which takes a few of pdfkit's internals (FontBook): its EmbeddedFont class and font table.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import bidiFactory from "bidi-js";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { env } from "~/utils/env.server";

export type CertificateContent = {
  /** Language of the labels (en, fr, ar…); a right-to-left language mirrors the layout. */
  locale: string;
  labels: {
    title: string;
    certifies: string;
    completed: string;
    hours: string;
    completedOn: string;
    score: string | null;
    serial: string;
    issuedBy: string;
    verify: string;
  };
  centreName: string;
  learnerName: string;
  courseTitle: string;
  /** Already formatted, e.g. "12". */
  hours: string;
  /** Already formatted date. */
  completedOn: string;
  /** e.g. "Distinction (90–100%)"; null when the course has no final assessment. */
  scoreBand: string | null;
  serial: string;
  issuerName: string;
  issuerTitle: string;
  /** https://…/verify/<serial>: printed as text and as a QR code. */
  verifyUrl: string;
};

/** Where the Noto fonts live: Debian's fonts-noto-core and fonts-noto-cjk by default. */
export const fontDir = (): string => env().HAIDANG_FONT_DIR;

// ------------------------------------------------------------------------------------------
// Fonts
// ------------------------------------------------------------------------------------------

type Weight = "Regular" | "Bold";
/** Serif for what is read as the certificate's wording, sans for small print. */
type Style = { serif: boolean; weight: Weight };
type Direction = "ltr" | "rtl";
type BaseDirection = Direction | "auto";
/** Which member of Noto Sans CJK draws Han: the same character differs between regions. */
type CjkRegion = "sc" | "tc" | "jp" | "kr";

/** A font file, and for a collection (.ttc) the PostScript name of the member. */
type FontFile = { key: string; file: string; postscript?: string };

/** Script groups with a font of their own; Latin, Greek and Cyrillic share Noto Sans/Serif. */
type ScriptGroup = "latin" | "arabic" | "cjk" | (typeof NOTO_SANS_SCRIPTS)[number];

/**
 * Scripts whose Noto Sans font is named after the Unicode script. Thai, Khmer, Hebrew and
 * Devanagari are tested; the others are here because the region writes them and the fonts
 * ship in fonts-noto-core, but their shaping by fontkit is unverified.
 */
const NOTO_SANS_SCRIPTS = [
  "Hebrew",
  "Thai",
  "Khmer",
  "Devanagari",
  "Lao",
  "Myanmar",
  "Bengali",
  "Sinhala",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Gujarati",
  "Gurmukhi",
  "Georgian",
  "Armenian",
  "Ethiopic",
] as const;

const SCRIPT_TESTS: Array<[RegExp, ScriptGroup]> = [
  [/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u, "latin"],
  [/\p{Script=Arabic}/u, "arabic"],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u, "cjk"],
  ...NOTO_SANS_SCRIPTS.map((name): [RegExp, ScriptGroup] => [new RegExp(`\\p{Script=${name}}`, "u"), name]),
];

/** Characters that belong to no script: they take the font of the text around them. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** Combining marks and joiners: they always stay in their base character's font. */
const ATTACHED = /[\p{M}\u200c\u200d]/u;
/** Explicit bidi controls steer the levels but have no glyph. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Scripts that fontkit lays out right to left (it reverses their glyphs itself). */
const FONTKIT_RTL =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;

const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"]);

function localeDirection(locale: string): Direction {
  return RTL_LANGUAGES.has(locale.toLowerCase().split(/[-_]/)[0] ?? "") ? "rtl" : "ltr";
}

function scriptGroupOf(char: string): ScriptGroup | null {
  if (NEUTRAL.test(char)) return null;
  for (const [test, group] of SCRIPT_TESTS) if (test.test(char)) return group;
  return "latin"; // a script without a font here: Noto Sans is the likeliest to have it
}

function fontFileFor(group: ScriptGroup, style: Style, region: CjkRegion): FontFile {
  const w = style.weight;
  if (group === "latin") return simpleFont(`Noto${style.serif ? "Serif" : "Sans"}-${w}`);
  // Naskh for both styles: it is the usual text face for Arabic, and one family keeps the file small.
  if (group === "arabic") return simpleFont(`NotoNaskhArabic-${w}`);
  if (group === "cjk") {
    const postscript = `NotoSansCJK${region}-${w}`;
    return { key: postscript, file: `NotoSansCJK-${w}.ttc`, postscript };
  }
  return simpleFont(`NotoSans${group}-${w}`);
}

const simpleFont = (name: string): FontFile => ({ key: name, file: `${name}.ttf` });

/** Debian keeps .ttf under truetype/noto and the CJK collections under opentype/noto; a flat folder works too. */
function fontPath(file: string): string {
  const candidates = [
    join(fontDir(), "truetype", "noto", file),
    join(fontDir(), "opentype", "noto", file),
    join(fontDir(), file),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `Font ${file} not found under ${fontDir()} (install fonts-noto-core and fonts-noto-cjk, or set HAIDANG_FONT_DIR)`,
    );
  return found;
}

/** The parts of fontkit's Font that this file reads, and its glyph cache (see FontBook.load). */
type FontkitFont = { hasGlyphForCodePoint(codePoint: number): boolean; _glyphs: object };
/** The parts of pdfkit's (unexported) EmbeddedFont that this file reads or adjusts. */
type EmbeddedFont = { font: FontkitFont; unicode: Array<number[] | undefined> };
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: FontkitFont, id: string) => EmbeddedFont;
type PdfkitInternals = {
  _font: EmbeddedFont;
  _fontFamilies: Record<string, EmbeddedFont | undefined>;
  _fontCount: number;
};

/** Parsed fonts by key, for the life of the process: fontkit parses tables lazily and keeps them. */
const parsedFonts = new Map<string, FontkitFont>();
/** pdfkit does not export EmbeddedFont; it is taken from the first font pdfkit itself loads. */
let embeddedFontClass: EmbeddedFontClass | null = null;

/**
 * The fonts of one document. A font is added to the document when a line first needs it;
 * pdfkit writes only fonts that something was drawn with, as subsets.
 */
class FontBook {
  private readonly internals: PdfkitInternals;
  private readonly rtlKeys = new Set<string>();

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.internals = doc as unknown as PdfkitInternals;
  }

  /** Makes `font` the current font of the document, loading it on first use. */
  select(font: FontFile, size: number): EmbeddedFont {
    if (!this.internals._fontFamilies[font.key]) this.internals._fontFamilies[font.key] = this.load(font);
    this.doc.font(font.key).fontSize(size);
    return this.internals._font;
  }

  /** Width of `glyphText` shaped as one piece (see WHOLE_PIECE), in points. */
  width(font: FontFile, size: number, glyphText: string): number {
    this.select(font, size);
    return this.doc.widthOfString(glyphText, WHOLE_PIECE);
  }

  covers(font: FontFile, char: string): boolean {
    return this.select(font, 1).font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0);
  }

  markRightToLeft(font: FontFile) {
    this.rtlKeys.add(font.key);
  }

  /**
   * Reverses multi-character ToUnicode entries of right-to-left fonts (see the file comment).
   * Copies, never reverses in place: the arrays belong to fontkit glyphs shared across documents.
   */
  reverseRightToLeftLigatureText() {
    for (const key of this.rtlKeys) {
      const font = this.internals._fontFamilies[key];
      if (!font) continue;
      font.unicode = font.unicode.map((codePoints) =>
        codePoints && codePoints.length > 1 ? [...codePoints].reverse() : codePoints,
      );
    }
  }

  private load(font: FontFile): EmbeddedFont {
    const parsed = parsedFonts.get(font.key);
    if (parsed && embeddedFontClass) {
      // fontkit caches Glyph objects with the characters of their first use, and pdfkit builds
      // ToUnicode from them. The previous document's subsetting created composite parts with no
      // characters (Naskh's final yeh contains the final alef maksura), so ى extracted as nothing.
      parsed._glyphs = {};
      return new embeddedFontClass(this.doc, parsed, `F${++this.internals._fontCount}`);
    }
    // First use in this process: let pdfkit read and parse the file, then keep what it made.
    const data = readFileSync(fontPath(font.file));
    if (font.postscript) this.doc.font(data, font.postscript);
    else this.doc.font(data);
    const loaded = this.internals._font;
    parsedFonts.set(font.key, loaded.font);
    embeddedFontClass ??= loaded.constructor as EmbeddedFontClass;
    return loaded;
  }
}

// ------------------------------------------------------------------------------------------
// Line layout: bidi levels, font per character, pieces in visual order
// ------------------------------------------------------------------------------------------

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

type TextOptions = { size: number; style: Style; dir: BaseDirection; region: CjkRegion };
type Piece = { text: string; font: FontFile; level: number };
/**
 * A piece ready to draw: `glyphText` is what pdfkit is given, `x` is from the line's left end,
 * `actualText` is set when the glyphs will not read back as the text (see drawLayout).
 */
type PlacedPiece = Piece & { glyphText: string; x: number; width: number; actualText: string | null };
type LineLayout = { pieces: PlacedPiece[]; width: number; size: number };

/** Any `features` array makes pdfkit shape the whole string at once instead of word by word. */
const WHOLE_PIECE: PDFKit.Mixins.TextOptions = { features: [], lineBreak: false };

function layoutLine(book: FontBook, text: string, options: TextOptions): LineLayout {
  const logical = splitIntoPieces(book, text, options).map((piece) => measurePiece(book, piece, options.size));
  let x = 0;
  for (const piece of visualOrder(logical)) {
    piece.x = x;
    x += piece.width;
  }
  // Drawn in logical order (at visual positions) so that text extraction reads it in that order.
  return { pieces: logical, width: x, size: options.size };
}

function splitIntoPieces(book: FontBook, text: string, options: TextOptions): Piece[] {
  const { levels } = bidi.getEmbeddingLevels(text, options.dir);
  const chars: Array<{ char: string; level: number }> = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0x20);
    chars.push({ char, level: levels[i] ?? 0 });
    i += char.length;
  }
  const groups = resolveNeutralGroups(chars.map(({ char }) => scriptGroupOf(char)));
  const pieces: Piece[] = [];
  let previous: FontFile | null = null;
  chars.forEach(({ char, level }, i) => {
    if (BIDI_CONTROL.test(char)) return;
    const font: FontFile =
      previous && ATTACHED.test(char) ? previous : chooseFont(book, char, groups[i] ?? "latin", level, options);
    previous = font;
    const last = pieces[pieces.length - 1];
    if (last && last.font.key === font.key && last.level === level) last.text += char;
    else pieces.push({ text: char, font, level });
  });
  return pieces;
}

/** Neutral characters take the script before them (after them at the start); all-neutral text is Latin. */
function resolveNeutralGroups(groups: Array<ScriptGroup | null>): ScriptGroup[] {
  let current: ScriptGroup = groups.find((group) => group !== null) ?? "latin";
  return groups.map((group) => (current = group ?? current));
}

/**
 * The script's font when it has the glyph, else Noto Sans/Serif, else CJK (which covers many
 * symbols). A mirrored character (bracket) in right-to-left text never goes to a right-to-left
 * font: Noto Naskh has no brackets, and mirroring is done here, predictably, for all fonts.
 */
function chooseFont(book: FontBook, char: string, group: ScriptGroup, level: number, options: TextOptions): FontFile {
  const mirrored = level % 2 === 1 && bidi.getMirroredCharacter(char) !== null;
  for (const candidate of [group, "latin", "cjk"] as const) {
    if (mirrored && (candidate === "arabic" || candidate === "Hebrew")) continue;
    const font = fontFileFor(candidate, options.style, options.region);
    if (book.covers(font, char)) return font;
  }
  return fontFileFor(group, options.style, options.region); // .notdef: a visible box rather than a wrong letter
}

/** Rule L2 of UAX #9 on pieces: from the highest level down to the lowest odd one, reverse every run at or above it. */
function visualOrder<T extends { level: number }>(pieces: T[]): T[] {
  const order = [...pieces];
  const levels = pieces.map((piece) => piece.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(highest + 1, ...levels.filter((level) => level % 2 === 1));
  for (let level = highest; level >= lowestOdd; level--) {
    let start = 0;
    while (start < order.length) {
      if (order[start]!.level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end + 1 < order.length && order[end + 1]!.level >= level) end++;
      order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
      start = end + 1;
    }
  }
  return order;
}

/**
 * What pdfkit is given for a piece. fontkit reverses pieces of right-to-left scripts itself;
 * other pieces at a right-to-left level (a bracket, a dash) are reversed and mirrored here, and
 * Arabic-Indic digits (a right-to-left script at a left-to-right level) are pre-reversed so that
 * fontkit's reversal puts them back.
 */
function glyphTextOf(piece: Piece): string {
  const firstStrong = [...piece.text].find((char) => !NEUTRAL.test(char)) ?? "";
  const rightToLeft = piece.level % 2 === 1;
  if (rightToLeft === FONTKIT_RTL.test(firstStrong)) return piece.text;
  const clusters = [...graphemes.segment(piece.text)].map(({ segment }) => segment).reverse();
  return clusters.map((cluster) => (rightToLeft ? (bidi.getMirroredCharacter(cluster) ?? cluster) : cluster)).join("");
}

function measurePiece(book: FontBook, piece: Piece, size: number): PlacedPiece {
  if (FONTKIT_RTL.test(piece.text)) book.markRightToLeft(piece.font);
  const glyphText = glyphTextOf(piece);
  const actualText = REORDERING_SCRIPTS.test(piece.text) ? piece.text : null;
  return { ...piece, glyphText, x: 0, width: book.width(piece.font, size, glyphText), actualText };
}

// ------------------------------------------------------------------------------------------
// Drawing text
// ------------------------------------------------------------------------------------------

type Align = "left" | "center" | "right";
type LineSpec = {
  /** Anchor: the line's left end, centre or right end, by `align`. */
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  style: Style;
  color: string;
  dir: BaseDirection;
  align?: Align;
  /** Wider text is scaled down, to `minSize` at most. */
  maxWidth?: number;
  minSize?: number;
};

type Writer = { doc: PDFKit.PDFDocument; book: FontBook; locale: string };

/**
 * Han characters are drawn differently in China, Taiwan/Hong Kong, Japan and Korea: kana or
 * hangul in the line decide, else the certificate's language, else Simplified Chinese.
 */
function cjkRegionFor(text: string, locale: string): CjkRegion {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return "jp";
  if (/\p{Script=Hangul}/u.test(text)) return "kr";
  const tag = locale.toLowerCase();
  if (tag.startsWith("ja")) return "jp";
  if (tag.startsWith("ko")) return "kr";
  if (/^zh[-_](hant|tw|hk|mo)/.test(tag)) return "tc";
  return "sc";
}

/** Lays out `text` at the largest size from `spec.size` down to `spec.minSize` that fits `maxWidth`. */
function fitLine(w: Writer, text: string, spec: LineSpec): LineLayout {
  const options = { size: spec.size, style: spec.style, dir: spec.dir, region: cjkRegionFor(text, w.locale) };
  const line = layoutLine(w.book, text, options);
  if (!spec.maxWidth || line.width <= spec.maxWidth) return line;
  // Widths scale with the size, so one re-layout is enough.
  const size = Math.max(spec.minSize ?? spec.size * 0.6, (spec.size * spec.maxWidth) / line.width);
  return layoutLine(w.book, text, { ...options, size: Math.floor(size * 10) / 10 });
}

function drawLayout(w: Writer, line: LineLayout, spec: LineSpec) {
  const align = spec.align ?? "center";
  const left = align === "left" ? spec.x : align === "right" ? spec.x - line.width : spec.x - line.width / 2;
  w.doc.fillColor(spec.color);
  for (const piece of line.pieces) {
    w.book.select(piece.font, line.size);
    // Readers that honour ActualText (Acrobat, poppler) copy and search that; pdf.js reads the glyphs.
    if (piece.actualText) w.doc.markContent("Span", { actual: piece.actualText });
    w.doc.text(piece.glyphText, left + piece.x, spec.y, { ...WHOLE_PIECE, baseline: "alphabetic" });
    if (piece.actualText) w.doc.endMarkedContent();
  }
}

/**
 * Scripts whose shaping moves glyphs before the consonant they follow in the text (Khmer េ and
 * coeng-ro, Devanagari ि…): the glyphs are in visual order, so extraction by glyph reads "េព"
 * for "ពេ". (Brackets mirrored in right-to-left text also extract swapped, but poppler drops
 * them altogether when given ActualText there, so they go without.)
 */
const REORDERING_SCRIPTS =
  /[\p{Script=Khmer}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}]/u;

/** Draws one line of text; returns its width. */
function drawLine(w: Writer, text: string, spec: LineSpec): number {
  const line = fitLine(w, text, spec);
  drawLayout(w, line, spec);
  return line.width;
}

/**
 * A course title may be long: one line at full size if it fits, else two lines balanced at a
 * space, else one line scaled down (Thai, Khmer and CJK titles have no spaces to break at).
 * Returns the baseline of the last line drawn.
 */
function drawTitleLines(w: Writer, text: string, spec: LineSpec & { maxWidth: number; leading: number }): number {
  const single = fitLine(w, text, { ...spec, minSize: spec.size });
  const halves = single.width > spec.maxWidth ? splitInTwo(text) : null;
  if (!halves) {
    drawLine(w, text, spec);
    return spec.y;
  }
  const layouts = halves.map((half) => fitLine(w, half, spec));
  const size = Math.min(...layouts.map((line) => line.size));
  halves.forEach((half, i) =>
    drawLine(w, half, { ...spec, y: spec.y + i * spec.leading * (size / spec.size), size, minSize: size }),
  );
  return spec.y + spec.leading * (size / spec.size);
}

/** Splits at the space nearest the middle, or returns null when there is none. */
function splitInTwo(text: string): [string, string] | null {
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(" "); i !== -1; i = text.indexOf(" ", i + 1)) {
    if (best === -1 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return best <= 0 ? null : [text.slice(0, best).trim(), text.slice(best + 1).trim()];
}

// ------------------------------------------------------------------------------------------
// The certificate
// ------------------------------------------------------------------------------------------

const INK = { navy: "#1f3a5f", gold: "#a8844a", text: "#1c1c1c", muted: "#5b6169", qr: "#111111" };
const SERIF_BOLD: Style = { serif: true, weight: "Bold" };
const SANS: Style = { serif: false, weight: "Regular" };

/** Baselines (points from the top of the 595-point page), top to bottom. */
const Y = {
  emblem: 76,
  centre: 124,
  title: 170,
  titleRule: 188,
  certifies: 226,
  name: 274,
  nameRule: 296,
  completed: 324,
  course: 358,
  courseLeading: 25,
  details: 410,
  issuedBy: 466,
  seal: 486,
  qrTop: 446,
  signatureLine: 512,
  serial: 534,
  issuerName: 530,
  issuerTitle: 545,
  verify: 538,
  url: 551,
};
/** The bottom blocks stand this far from the page's side edges. */
const SIDE = 72;
const QR_SIZE = 76;
const DETAIL_COLUMN = 180;

/** How the holder's name is drawn; the account page's preview (nameSvg) uses the same spec. */
const NAME_LINE = {
  size: 34,
  style: SERIF_BOLD,
  color: INK.text,
  dir: "auto",
  maxWidth: 660,
  minSize: 16,
} as const satisfies Omit<LineSpec, "x" | "y">;

function drawCertificate(doc: PDFKit.PDFDocument, c: CertificateContent): FontBook {
  const w: Writer = { doc, book: new FontBook(doc), locale: c.locale };
  const dir = localeDirection(c.locale);
  const width = doc.page.width;
  const cx = width / 2;
  drawFrame(doc);
  drawEmblem(doc, cx, Y.emblem);
  drawLine(w, c.centreName, {
    x: cx,
    y: Y.centre,
    size: 11.5,
    style: SANS,
    color: INK.navy,
    dir,
    maxWidth: 600,
    minSize: 8,
  });
  drawLine(w, c.labels.title, {
    x: cx,
    y: Y.title,
    size: 30,
    style: SERIF_BOLD,
    color: INK.navy,
    dir,
    maxWidth: 640,
    minSize: 18,
  });
  drawOrnamentRule(doc, cx, Y.titleRule, 120);
  drawLine(w, c.labels.certifies, {
    x: cx,
    y: Y.certifies,
    size: 12.5,
    style: SANS,
    color: INK.muted,
    dir,
    maxWidth: 640,
    minSize: 8,
  });
  // A name or a title is its own paragraph: its first strong letter sets its direction (dir="auto").
  drawLine(w, c.learnerName, { ...NAME_LINE, x: cx, y: Y.name });
  drawPlainRule(doc, cx, Y.nameRule, 170);
  drawLine(w, c.labels.completed, {
    x: cx,
    y: Y.completed,
    size: 12.5,
    style: SANS,
    color: INK.muted,
    dir,
    maxWidth: 640,
    minSize: 8,
  });
  const courseEnd = drawTitleLines(w, c.courseTitle, {
    x: cx,
    y: Y.course,
    size: 20,
    style: SERIF_BOLD,
    color: INK.navy,
    dir: "auto",
    maxWidth: 660,
    minSize: 11,
    leading: Y.courseLeading,
  });
  drawDetails(w, detailColumns(c), cx, Math.max(Y.details, courseEnd + 42), dir);
  const signatureX = dir === "rtl" ? width - SIDE - 100 : SIDE + 100;
  drawSignature(w, c, signatureX, dir);
  drawSeal(doc, cx, Y.seal);
  drawSerial(w, c, cx, dir);
  drawVerification(w, c, dir);
  return w.book;
}

/**
 * Each detail is a label over a value ("Hours" / "12"), or one phrase when the label already
 * contains the value ("12 hours", "Completed on 3 March 2026"), as translations often do.
 */
function detailColumns(c: CertificateContent): string[][] {
  const column = (label: string | null, value: string) =>
    !label ? [value] : label.includes(value) ? [label] : [label, value];
  const columns = [column(c.labels.hours, c.hours), column(c.labels.completedOn, c.completedOn)];
  if (c.scoreBand) columns.push(column(c.labels.score, c.scoreBand));
  return columns;
}

function drawDetails(w: Writer, columns: string[][], cx: number, y: number, dir: Direction) {
  const ordered = dir === "rtl" ? [...columns].reverse() : columns;
  const left = cx - (ordered.length * DETAIL_COLUMN) / 2;
  ordered.forEach((lines, i) => {
    const x = left + (i + 0.5) * DETAIL_COLUMN;
    const base = { x, style: SANS, dir, maxWidth: DETAIL_COLUMN - 14 };
    if (lines.length === 1) drawLine(w, lines[0]!, { ...base, y: y + 9, size: 12, color: INK.text, minSize: 7 });
    else {
      drawLine(w, lines[0]!, { ...base, y, size: 8.5, color: INK.muted, minSize: 6 });
      drawLine(w, lines[1]!, { ...base, y: y + 18, size: 12.5, color: INK.text, minSize: 7 });
    }
    if (i > 0)
      w.doc
        .save()
        .lineWidth(0.6)
        .strokeColor(INK.gold)
        .moveTo(x - DETAIL_COLUMN / 2, y - 10)
        .lineTo(x - DETAIL_COLUMN / 2, y + 22)
        .stroke()
        .restore();
  });
}

function drawSignature(w: Writer, c: CertificateContent, cx: number, dir: Direction) {
  drawLine(w, c.labels.issuedBy, {
    x: cx,
    y: Y.issuedBy,
    size: 9,
    style: SANS,
    color: INK.muted,
    dir,
    maxWidth: 220,
    minSize: 6,
  });
  w.doc
    .save()
    .lineWidth(0.8)
    .strokeColor(INK.navy)
    .moveTo(cx - 95, Y.signatureLine)
    .lineTo(cx + 95, Y.signatureLine)
    .stroke()
    .restore();
  drawLine(w, c.issuerName, {
    x: cx,
    y: Y.issuerName,
    size: 12.5,
    style: SERIF_BOLD,
    color: INK.text,
    dir: "auto",
    maxWidth: 220,
    minSize: 7,
  });
  drawLine(w, c.issuerTitle, {
    x: cx,
    y: Y.issuerTitle,
    size: 9.5,
    style: SANS,
    color: INK.muted,
    dir: "auto",
    maxWidth: 240,
    minSize: 6,
  });
}

/** The serial is printed left to right whatever the language: it is typed into the verification page. */
function drawSerial(w: Writer, c: CertificateContent, cx: number, dir: Direction) {
  const spec = { x: cx, style: SANS, maxWidth: 230, minSize: 6 };
  if (c.labels.serial.includes(c.serial)) {
    drawLine(w, c.labels.serial, { ...spec, y: Y.serial + 8, size: 9.5, color: INK.navy, dir });
    return;
  }
  drawLine(w, c.labels.serial, { ...spec, y: Y.serial, size: 8, color: INK.muted, dir });
  drawLine(w, c.serial, { ...spec, y: Y.serial + 14, size: 10.5, color: INK.navy, dir: "ltr" });
}

/** QR code and URL on the side opposite the signature: right in left-to-right layouts, left when mirrored. */
function drawVerification(w: Writer, c: CertificateContent, dir: Direction) {
  const rtl = dir === "rtl";
  const edge = rtl ? SIDE : w.doc.page.width - SIDE;
  const qrX = rtl ? edge : edge - QR_SIZE;
  drawQrCode(w.doc, c.verifyUrl, qrX, Y.qrTop, QR_SIZE);
  w.doc.link(qrX, Y.qrTop, QR_SIZE, QR_SIZE, c.verifyUrl);
  const align: Align = rtl ? "left" : "right";
  const spec = { x: edge, style: SANS, align, maxWidth: 250 };
  drawLine(w, c.labels.verify, { ...spec, y: Y.verify, size: 8, color: INK.muted, dir, minSize: 6 });
  const urlWidth = drawLine(w, c.verifyUrl, { ...spec, y: Y.url, size: 8, color: INK.navy, dir: "ltr", minSize: 5 });
  w.doc.link(rtl ? edge : edge - urlWidth, Y.url - 8, urlWidth, 10, c.verifyUrl);
}

/**
 * The QR code as vector rectangles, one per horizontal run of dark modules, filled as a single
 * path: a few kilobytes, sharp at any zoom. Marked as an artifact: the URL beside it is the text.
 */
function drawQrCode(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  const module = size / modules.size;
  doc.save().markContent("Artifact");
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + start * module, y + row * module, (col - start) * module, module);
    }
  }
  doc.fill(INK.qr).endMarkedContent().restore();
}

/** A double border, navy outside and gold inside, with gold brackets in the corners. */
function drawFrame(doc: PDFKit.PDFDocument) {
  const { width, height } = doc.page;
  doc.save();
  doc
    .lineWidth(2.4)
    .strokeColor(INK.navy)
    .rect(20, 20, width - 40, height - 40)
    .stroke();
  doc
    .lineWidth(0.7)
    .strokeColor(INK.gold)
    .rect(27, 27, width - 54, height - 54)
    .stroke();
  const corners: Array<[number, number, number, number]> = [
    [27, 27, 1, 1],
    [width - 27, 27, -1, 1],
    [27, height - 27, 1, -1],
    [width - 27, height - 27, -1, -1],
  ];
  for (const [x, y, sx, sy] of corners) {
    doc
      .lineWidth(1.2)
      .strokeColor(INK.gold)
      .moveTo(x + sx * 46, y + sy * 7)
      .lineTo(x + sx * 7, y + sy * 7)
      .lineTo(x + sx * 7, y + sy * 46)
      .stroke();
    diamond(doc, x + sx * 15, y + sy * 15, 3).fill(INK.gold);
  }
  doc.restore();
}

function diamond(doc: PDFKit.PDFDocument, x: number, y: number, r: number): PDFKit.PDFDocument {
  return doc.polygon([x, y - r], [x + r, y], [x, y + r], [x - r, y]);
}

/** Hải đăng means lighthouse: a small one, in a ring, heads the certificate. */
function drawEmblem(doc: PDFKit.PDFDocument, cx: number, cy: number) {
  doc.save();
  doc.lineWidth(1).strokeColor(INK.gold).circle(cx, cy, 25).stroke();
  doc.lineWidth(0.5).circle(cx, cy, 22).stroke();
  doc.fillOpacity(0.35).fillColor(INK.gold);
  doc.polygon([cx + 3, cy - 10.5], [cx + 18, cy - 16], [cx + 18, cy - 5]).fill();
  doc.polygon([cx - 3, cy - 10.5], [cx - 18, cy - 16], [cx - 18, cy - 5]).fill();
  doc.fillOpacity(1);
  doc.polygon([cx - 4.5, cy - 13], [cx + 4.5, cy - 13], [cx, cy - 17.5]).fill(INK.navy);
  doc.rect(cx - 3, cy - 13, 6, 5).fill(INK.gold);
  doc.rect(cx - 6, cy - 8, 12, 2).fill(INK.navy);
  const halfWidth = (y: number) => 4 + (3 * (y - (cy - 6))) / 19; // the tower widens towards its foot
  doc.polygon([cx - 4, cy - 6], [cx + 4, cy - 6], [cx + 7, cy + 13], [cx - 7, cy + 13]).fill(INK.navy);
  for (const top of [cy - 1, cy + 6]) {
    const bottom = top + 3;
    doc
      .polygon(
        [cx - halfWidth(top), top],
        [cx + halfWidth(top), top],
        [cx + halfWidth(bottom), bottom],
        [cx - halfWidth(bottom), bottom],
      )
      .fill(INK.gold);
  }
  doc
    .lineWidth(0.9)
    .strokeColor(INK.navy)
    .moveTo(cx - 16, cy + 16);
  for (let x = cx - 16; x < cx + 16; x += 8) doc.quadraticCurveTo(x + 4, cy + 13.5, x + 8, cy + 16);
  doc.stroke();
  doc.restore();
}

function drawOrnamentRule(doc: PDFKit.PDFDocument, cx: number, y: number, half: number) {
  doc.save().lineWidth(0.8).strokeColor(INK.gold);
  doc
    .moveTo(cx - half, y)
    .lineTo(cx - 9, y)
    .stroke();
  doc
    .moveTo(cx + 9, y)
    .lineTo(cx + half, y)
    .stroke();
  diamond(doc, cx, y, 4).fill(INK.gold);
  doc.restore();
}

function drawPlainRule(doc: PDFKit.PDFDocument, cx: number, y: number, half: number) {
  doc
    .save()
    .lineWidth(0.6)
    .strokeColor(INK.gold)
    .moveTo(cx - half, y)
    .lineTo(cx + half, y)
    .stroke()
    .restore();
}

/** A rosette: a serrated gold ring around a navy star. */
function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number) {
  const ring = starPoints(cx, cy, 36, 27, 24.5);
  doc.save();
  doc
    .polygon(...ring)
    .lineWidth(0.8)
    .fillOpacity(0.12)
    .fillAndStroke(INK.gold, INK.gold);
  doc.fillOpacity(1).lineWidth(0.6).strokeColor(INK.gold).circle(cx, cy, 19).stroke();
  doc.polygon(...starPoints(cx, cy, 8, 11, 4.5)).fill(INK.navy);
  doc.restore();
}

function starPoints(cx: number, cy: number, tips: number, outer: number, inner: number): number[][] {
  return Array.from({ length: tips * 2 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const angle = (Math.PI * i) / tips - Math.PI / 2;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
  });
}

// ------------------------------------------------------------------------------------------
// Rendering
// ------------------------------------------------------------------------------------------

/** NFC so that Vietnamese uses the fonts' precomposed letters rather than stacked marks. */
function normalised(content: CertificateContent): CertificateContent {
  const clean = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim();
  const labels = Object.fromEntries(
    Object.entries(content.labels).map(([key, value]) => [key, value === null ? null : clean(value)]),
  ) as CertificateContent["labels"];
  return {
    ...content,
    labels,
    centreName: clean(content.centreName),
    learnerName: clean(content.learnerName),
    courseTitle: clean(content.courseTitle),
    hours: clean(content.hours),
    completedOn: clean(content.completedOn),
    scoreBand: content.scoreBand === null ? null : clean(content.scoreBand),
    serial: clean(content.serial),
    issuerName: clean(content.issuerName),
    issuerTitle: clean(content.issuerTitle),
    verifyUrl: content.verifyUrl.trim(),
  };
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const c = normalised(content);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: c.locale,
    displayTitle: true,
    info: {
      Title: `${c.labels.title} — ${c.learnerName}`,
      Author: c.centreName,
      Subject: c.courseTitle,
      Keywords: c.serial,
      Creator: "Haidang",
      CreationDate: new Date(),
    },
  });
  const pdf = collect(doc);
  const book = drawCertificate(doc, c);
  book.reverseRightToLeftLigatureText();
  doc.end();
  return pdf;
}

// ------------------------------------------------------------------------------------------
// The name preview (account page)
// ------------------------------------------------------------------------------------------

/** The parts of a fontkit glyph run and path read by nameSvg. */
type FontkitPath = {
  scale(x: number, y: number): FontkitPath;
  translate(x: number, y: number): FontkitPath;
  toSVG(): string;
};
type FontkitRun = {
  glyphs: Array<{ path: FontkitPath }>;
  positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
};
type ShapingFont = { layout(text: string, features: string[]): FontkitRun; unitsPerEm: number };

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/**
 * The holder's name exactly as the certificate prints it, as an SVG of glyph outlines: the same
 * line layout (bidi levels, font per script, pieces in visual order, the size it is scaled down
 * to) and the same shaping call pdfkit makes (fontkit's `layout(text, [])`, see WHOLE_PIECE), so
 * the browser shows the certificate's glyphs rather than its own fonts' rendering of the text.
 * The SVG holds paths only (no text, no script); `<title>` carries the name for screen readers.
 */
export function nameSvg({ name, locale }: { name: string; locale: string }): string {
  const text = name.normalize("NFC").replace(/\s+/g, " ").trim();
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 0 });
  const w: Writer = { doc, book: new FontBook(doc), locale };
  const line = fitLine(w, text, { ...NAME_LINE, x: 0, y: 0 });
  const pad = 8;
  const ascent = line.size * 1.1;
  const height = Math.ceil(ascent + line.size * 0.45 + pad * 2);
  const baseline = pad + ascent;
  const paths: string[] = [];
  for (const piece of line.pieces) {
    const font = w.book.select(piece.font, line.size).font as unknown as ShapingFont;
    const run = font.layout(piece.glyphText, []);
    const scale = line.size / font.unitsPerEm;
    let x = pad + piece.x;
    run.glyphs.forEach((glyph, i) => {
      const position = run.positions[i]!;
      const d = glyph.path
        .scale(scale, -scale)
        .translate(x + position.xOffset * scale, baseline - position.yOffset * scale)
        .toSVG();
      if (d) paths.push(d);
      x += position.xAdvance * scale;
    });
  }
  doc.end();
  const width = Math.ceil(line.width + pad * 2);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`,
    `<title>${escapeXml(text)}</title>`,
    `<path fill="${NAME_LINE.color}" d="${paths.join(" ")}"/>`,
    `</svg>`,
  ].join("");
}
