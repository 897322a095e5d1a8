/**
 * Type and pixel size of a course image, read from its header only (no decoding).
 * Supported: PNG, JPEG, GIF, WebP (VP8, VP8L, VP8X) and SVG. The type is taken from the
 * content; a file name ending in a known image extension must agree with it.
 */

export type ImageInfo = { mime: string; width: number; height: number };

const EXTENSIONS: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
};

const LABEL: Record<string, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/webp": "WebP",
  "image/svg+xml": "SVG",
};

type Result = ImageInfo | { error: string };

export function imageInfo(name: string, bytes: Buffer): Result {
  const dot = name.lastIndexOf(".");
  const ext = dot >= 0 ? name.slice(dot + 1).toLowerCase() : "";
  const expected = EXTENSIONS[ext];
  if (!expected)
    return { error: "not a supported image (use PNG, JPEG, GIF, WebP or SVG: .png, .jpg, .jpeg, .gif, .webp, .svg)" };

  const detected = detect(bytes);
  if (!detected) return { error: `not a readable ${LABEL[expected]} image` };
  if ("error" in detected) return detected;
  if (detected.mime !== expected) {
    return { error: `the name ends in .${ext} but the file is a ${LABEL[detected.mime]} image` };
  }
  if (!(detected.width > 0 && detected.height > 0)) return { error: `the ${LABEL[detected.mime]} image has no size` };
  return detected;
}

/** null: not recognised at all. */
function detect(b: Buffer): Result | null {
  if (isPng(b)) return png(b);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) return gif(b);
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return webp(b);
  return svg(b);
}

function ascii(b: Buffer, start: number, length: number) {
  return b.toString("latin1", start, start + length);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(b: Buffer) {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

function png(b: Buffer): Result {
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4).
  if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return { error: "the PNG header is unreadable" };
  return { mime: "image/png", width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function jpeg(b: Buffer): Result {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return { error: "the JPEG header is unreadable" };
    while (i < b.length && b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) break;
    const marker = b[i]!;
    i++;
    // Markers without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame
    if (i + 2 > b.length) break;
    const length = b.readUInt16BE(i);
    if (length < 2) break;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      // length (2), precision (1), height (2), width (2)
      if (i + 7 > b.length) break;
      return { mime: "image/jpeg", width: b.readUInt16BE(i + 5), height: b.readUInt16BE(i + 3) };
    }
    i += length;
  }
  return { error: "the JPEG header is unreadable (no frame size found)" };
}

function gif(b: Buffer): Result {
  if (b.length < 10) return { error: "the GIF header is unreadable" };
  return { mime: "image/gif", width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function webp(b: Buffer): Result {
  const chunk = b.length >= 16 ? ascii(b, 12, 4) : "";
  if (chunk === "VP8 ") {
    // Chunk header (8) then frame tag (3), start code 9d 01 2a, width (2), height (2); 14 bits each.
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a)
      return { error: "the WebP (VP8) header is unreadable" };
    return { mime: "image/webp", width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    // Signature 0x2f, then 14 bits width-1 and 14 bits height-1, little-endian.
    if (b.length < 25 || b[20] !== 0x2f) return { error: "the WebP (VP8L) header is unreadable" };
    const bits = b.readUInt32LE(21);
    return { mime: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    // Flags (1), reserved (3), canvas width-1 (3), canvas height-1 (3), little-endian.
    if (b.length < 30) return { error: "the WebP (VP8X) header is unreadable" };
    return { mime: "image/webp", width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return { error: "the WebP header is unreadable" };
}

function svg(b: Buffer): Result | null {
  let text = b.subarray(0, 64 * 1024).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Skip the XML declaration, comments, processing instructions and a doctype.
  let rest = text;
  for (;;) {
    rest = rest.replace(/^\s+/, "");
    const skipped = rest.match(/^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)/i);
    if (!skipped) break;
    rest = rest.slice(skipped[0].length);
  }
  const tag = rest.match(/^<svg(?=[\s/>])([^>]*)>/);
  if (!tag) return null;
  const attrs = attributes(tag[1]!);
  const width = length(attrs.get("width"));
  const height = length(attrs.get("height"));
  if (width !== null && height !== null) return sized(width, height);
  const viewBox = attrs
    .get("viewBox")
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) {
    const [, , vw, vh] = viewBox as [number, number, number, number];
    // One given dimension keeps the viewBox's aspect ratio.
    if (width !== null) return sized(width, (width * vh) / vw);
    if (height !== null) return sized((height * vw) / vh, height);
    return sized(vw, vh);
  }
  return { error: "the SVG has no size: give the svg element width and height (in px) or a viewBox" };
}

function sized(width: number, height: number): Result {
  return { mime: "image/svg+xml", width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
}

function attributes(source: string) {
  const map = new Map<string, string>();
  for (const m of source.matchAll(/([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    map.set(m[1]!, m[2] ?? m[3] ?? "");
  }
  return map;
}

/** A plain number or a number with px; anything else (%, em, mm…) counts as absent. */
function length(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = value.trim().match(/^(\d+(?:\.\d*)?|\.\d+)(?:px)?$/);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}
