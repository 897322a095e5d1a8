/**
 * Bulk enrolment from a spreadsheet export: the pure checking step (no database).
 *
 * Reads the CSV text, finds the columns by their header (English, French or Arabic names, any
 * order, any case), and checks every row. Nothing is rejected silently: each row comes back with
 * its physical line number and the list of its problems, so the report can show them all before
 * anything is written. Codes are stable identifiers for the i18n catalogue.
 */
import { z } from "zod";
import { COUNTRY_CODES } from "~/utils/countries";
import { CsvSyntaxError, parseCsv } from "~/utils/csv";
import { cleanMultiline, cleanOneLine } from "./text";

export type CsvField = "email" | "name" | "country" | "agency" | "cohort";

export type CsvProblem = { field: "file" | CsvField; code: string };

export type CsvRow = {
  /** 1-based physical line of the file where the row starts. */
  line: number;
  /** Trimmed and lower-cased (also when invalid, so the report can show it). */
  email: string;
  name: string;
  /** ISO 3166-1 alpha-2 code; null when empty; the trimmed text as written when not recognised. */
  country: string | null;
  agency: string | null;
  /** Trimmed text as written; the caller resolves it to a cohort. */
  cohort: string | null;
  problems: CsvProblem[];
};

/** What happened to a row of a bulk-enrolment batch (the report's vocabulary, shared with the page). */
export type BulkOutcome = "enrolled" | "nominated" | "invited" | "waitlisted" | "already" | "invalid" | "skipped";
export const BULK_OUTCOMES: readonly BulkOutcome[] = [
  "enrolled",
  "nominated",
  "invited",
  "waitlisted",
  "already",
  "invalid",
  "skipped",
];

export type ParsedEnrolmentCsv = { rows: CsvRow[]; fileProblems: { line: number; code: string }[] };

export const MAX_CSV_ROWS = 10_000;
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

export const EMAIL_MAX = 254;
export const NAME_MAX = 120;
export const AGENCY_MAX = 160;
export const COHORT_MAX = 120;

/**
 * Comparison key for headers and country names: accents and other combining marks removed
 * (this also folds Arabic hamza forms and harakat), lower-cased, Arabic ى/ة folded to ي/ه,
 * and everything that is not a letter or digit dropped ("Côte d’Ivoire" = "cote d'ivoire",
 * "E-mail" = "email", "Viet Nam" = "Vietnam").
 */
export function comparisonKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const HEADER_ALIASES: Record<CsvField, readonly string[]> = {
  email: ["email", "e-mail", "courriel", "adresse électronique", "البريد الإلكتروني"],
  name: ["name", "full name", "nom", "الاسم"],
  country: ["country", "pays", "البلد"],
  agency: ["agency", "organisation", "organisme", "institution", "الجهة"],
  cohort: ["cohort", "cohorte", "الدفعة"],
};

const HEADER_KEYS = new Map<string, CsvField>(
  (Object.entries(HEADER_ALIASES) as [CsvField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias) => [comparisonKey(alias), field] as const),
  ),
);

const COUNTRY_CODE_SET = new Set<string>(COUNTRY_CODES);
const COUNTRY_NAME_LOCALES = ["en", "fr", "ar"] as const;
let countryNames: Map<string, string> | undefined;

/** Reverse map from the comparison key of every English, French and Arabic country name to its code; built on first use. */
function countryNameMap(): Map<string, string> {
  if (countryNames) return countryNames;
  const map = new Map<string, string>();
  for (const locale of COUNTRY_NAME_LOCALES) {
    // Long names first; the short forms add e.g. "Hong Kong", "Palestine", "Bosnia".
    for (const style of ["long", "short"] as const) {
      const names = new Intl.DisplayNames([locale], { type: "region", style, fallback: "none" });
      for (const code of COUNTRY_CODES) {
        const name = names.of(code);
        if (!name) continue;
        const key = comparisonKey(name);
        // Two-letter keys ("R.-U." → "ru", "É.-U." → "eu") would shadow or mimic ISO codes.
        if (key.length <= 2 || map.has(key)) continue;
        map.set(key, code);
      }
    }
  }
  countryNames = map;
  return map;
}

/**
 * An ISO 3166-1 alpha-2 code in any case, or a country name in English, French or Arabic
 * (case-, accent- and punctuation-insensitive), to its upper-case code; null when unknown.
 */
export function countryFromText(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const upper = trimmed.toUpperCase();
  if (upper.length === 2 && COUNTRY_CODE_SET.has(upper)) return upper;
  return countryNameMap().get(comparisonKey(trimmed)) ?? null;
}

const EmailSchema = z.string().max(EMAIL_MAX).email();

/** UTF-8 length of a string, without allocating. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function isTooLarge(text: string): boolean {
  if (text.length > MAX_CSV_BYTES) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= MAX_CSV_BYTES) return false; // every UTF-16 unit is at most three bytes
  return utf8Length(text) > MAX_CSV_BYTES;
}

/**
 * The uploaded bytes as text, or null when they are not UTF-8 (a spreadsheet saved as
 * "CSV (Windows-1252)", or not a text file at all: NUL never appears in a CSV, and PostgreSQL
 * text cannot hold it). A leading byte order mark is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return text.includes("\u0000") ? null : text;
}

/** The upload form of /admin/enrolments, checked in the browser (conform) and by the action. */
export const BulkUploadSchema = z.object({
  courseId: z.string({ required_error: "bulk.error.course" }).uuid("bulk.error.course"),
  file: z
    .instanceof(File, { message: "bulk.error.file" })
    .refine((file) => file.size > 0, "bulk.error.file")
    .refine((file) => file.size <= MAX_CSV_BYTES, "bulk.error.tooLarge"),
  allOrNothing: z.boolean().default(false),
});

export function parseEnrolmentCsv(text: string): ParsedEnrolmentCsv {
  if (isTooLarge(text)) return { rows: [], fileProblems: [{ line: 1, code: "file.too-large" }] };

  let records: { line: number; cells: string[] }[];
  try {
    records = parseCsv(text).rows;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return { rows: [], fileProblems: [{ line: error.line, code: "file.unclosed-quote" }] };
    }
    throw error;
  }

  const [header, ...body] = records;
  if (!header) return { rows: [], fileProblems: [{ line: 1, code: "file.empty" }] };

  const columns: Partial<Record<CsvField, number>> = {};
  header.cells.forEach((cell, index) => {
    const field = HEADER_KEYS.get(comparisonKey(cell));
    if (field && columns[field] === undefined) columns[field] = index; // first of duplicated columns wins
  });

  const fileProblems: ParsedEnrolmentCsv["fileProblems"] = [];
  if (columns.email === undefined) fileProblems.push({ line: header.line, code: "header.missing-email" });
  if (columns.name === undefined) fileProblems.push({ line: header.line, code: "header.missing-name" });
  if (fileProblems.length > 0) return { rows: [], fileProblems };

  // Spreadsheets export formatted-but-empty rows as ",,,,"; they are not rows anyone wrote.
  const dataRecords = body.filter((record) => record.cells.some((cell) => cell.trim() !== ""));

  if (dataRecords.length === 0) return { rows: [], fileProblems: [{ line: header.line, code: "file.empty" }] };
  if (dataRecords.length > MAX_CSV_ROWS) {
    return { rows: [], fileProblems: [{ line: dataRecords[MAX_CSV_ROWS]!.line, code: "file.too-many-rows" }] };
  }

  const value = (cells: string[], field: CsvField) => {
    const index = columns[field];
    if (index === undefined) return "";
    // Names end up on certificates: no control characters or bidi overrides (see text.ts).
    const clean = field === "name" || field === "cohort" ? cleanOneLine : cleanMultiline;
    return clean(cells[index] ?? "").trim();
  };

  const seenEmails = new Set<string>();
  const rows = dataRecords.map(({ line, cells }): CsvRow => {
    const problems: CsvProblem[] = [];

    const email = value(cells, "email").toLowerCase();
    if (!email) problems.push({ field: "email", code: "email.missing" });
    else if (!EmailSchema.safeParse(email).success) problems.push({ field: "email", code: "email.invalid" });
    else if (seenEmails.has(email)) problems.push({ field: "email", code: "email.duplicate" });
    else seenEmails.add(email);

    const name = value(cells, "name");
    if (!name) problems.push({ field: "name", code: "name.missing" });
    else if (name.length > NAME_MAX) problems.push({ field: "name", code: "name.too-long" });

    const countryText = value(cells, "country");
    let country: string | null = null;
    if (countryText) {
      country = countryFromText(countryText);
      if (!country) {
        country = countryText;
        problems.push({ field: "country", code: "country.invalid" });
      }
    }

    const agency = value(cells, "agency") || null;
    if (agency && agency.length > AGENCY_MAX) problems.push({ field: "agency", code: "agency.too-long" });

    const cohort = value(cells, "cohort") || null;
    if (cohort && cohort.length > COHORT_MAX) problems.push({ field: "cohort", code: "cohort.too-long" });

    return { line, email, name, country, agency, cohort, problems };
  });

  return { rows, fileProblems: [] };
}
