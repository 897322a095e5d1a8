/**
 * A small RFC 4180 CSV reader for spreadsheet exports (Excel, Google Sheets, LibreOffice).
 *
 * - quoted fields with `""` escapes; delimiters and line breaks inside quotes;
 * - CRLF, LF and lone CR line endings (Excel on old Macs writes CR);
 * - a leading UTF-8 byte order mark is dropped;
 * - the delimiter (`,` `;` or tab) is chosen from the header line: Excel in French or
 *   Arabic locales writes `;` because `,` is their decimal separator;
 * - physical lines that are completely empty are skipped (so trailing empty lines are too);
 * - each record carries the 1-based physical line it starts on, so a line break inside a
 *   quoted field shifts the following records' line numbers as a text editor would show.
 *
 * Lenient where spreadsheets are sloppy: a `"` in the middle of an unquoted field is kept as
 * text, and text after a closing quote (`"a"b`) is appended to the field. Line breaks inside
 * quoted fields are kept as they are in the file. Cells are not trimmed.
 */

export type CsvDelimiter = "," | ";" | "\t";

export type CsvRecord = { line: number; cells: string[] };

export type ParsedCsv = { rows: CsvRecord[]; delimiter: CsvDelimiter };

export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

const DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t"];

/** Picks the delimiter that occurs most often, outside quotes, on the first non-empty line. Ties and none: `,`. */
function detectDelimiter(text: string): CsvDelimiter {
  let i = 0;
  while (i < text.length && (text[i] === "\n" || text[i] === "\r")) i++;
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"')
      inQuotes = !inQuotes; // `""` toggles twice: still consistent
    else if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t")) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const rows: CsvRecord[] = [];

  let line = 1; // current physical line
  let recordLine = 1; // line the current record starts on
  let cells: string[] = [];
  let field = "";
  let fieldWasQuoted = false; // the current field began with a quoted part (`"a"b`)
  let recordStarted = false; // anything (even an empty quoted field) seen on this record

  const startRecord = () => {
    if (!recordStarted) recordLine = line;
    recordStarted = true;
  };
  const endField = () => {
    cells.push(field);
    field = "";
    fieldWasQuoted = false;
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;

    if (ch === '"' && field === "" && !fieldWasQuoted) {
      // Opening quote at the start of a field.
      startRecord();
      fieldWasQuoted = true;
      const openLine = line;
      let closed = false;
      i++;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === "\r" && text[i + 1] === "\n") {
          field += "\r\n";
          line++;
          i += 2;
          continue;
        }
        if (c === "\r" || c === "\n") line++;
        field += c;
        i++;
      }
      if (!closed) throw new CsvSyntaxError(openLine, "a quoted field is not closed");
      continue;
    }

    if (ch === delimiter) {
      startRecord();
      endField();
      i++;
      continue;
    }

    if (ch === "\r" || ch === "\n") {
      if (recordStarted) {
        endField();
        rows.push({ line: recordLine, cells });
      }
      cells = [];
      field = "";
      fieldWasQuoted = false;
      recordStarted = false;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }

    startRecord();
    field += ch;
    i++;
  }
  if (recordStarted) {
    endField();
    rows.push({ line: recordLine, cells });
  }

  return { rows, delimiter };
}

/** One cell for a spreadsheet: quoted when needed, and never read as a formula. */
export function csvCell(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value; // no formula injection in spreadsheets
  // `;` too: Excel in French or Arabic locales splits on it.
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV, UTF-8 with a BOM so spreadsheet programs read non-Latin names correctly. */
export function writeCsv(rows: string[][]) {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
