import { describe, expect, test } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import {
  BulkUploadSchema,
  countryFromText,
  decodeCsvBytes,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  parseEnrolmentCsv,
  type CsvRow,
} from "./enrolment-csv";

const problemsOf = (row: CsvRow | undefined) => row?.problems.map((p) => `${p.field}:${p.code}`);

describe("parseEnrolmentCsv: a file mixing good and bad rows", () => {
  const text = [
    "email,name,country,agency,cohort",
    " Lan.Nguyen@Police.GOV.vn ,  Nguyễn Thị Lan , vn ,Cyber Police Department, 2025-A ",
    'ahmed@interieur.gov.ma,"Benali, Ahmed",Maroc,"Direction générale,',
    'Sûreté nationale",',
    "not-an-email,Someone,FR,,",
    ",No Email,,,",
    "lan.nguyen@police.gov.vn,Duplicate Lan,VN,,",
    `long@example.org,${"x".repeat(121)},Atlantis,${"a".repeat(161)},${"c".repeat(121)}`,
    "noname@example.org,,DE",
    `${"a".repeat(245)}@example.org,Too Long Email,,,`,
    "edge@example.org,Edge,Germany,Agency,Cohort,extra,cells",
    "",
  ].join("\r\n");

  const result = parseEnrolmentCsv(text);

  test("no file problems and one row per record", () => {
    expect(result.fileProblems).toEqual([]);
    expect(result.rows.map((r) => r.line)).toEqual([2, 3, 5, 6, 7, 8, 9, 10, 11]);
  });

  test("a good row is trimmed and normalised", () => {
    expect(result.rows[0]).toEqual({
      line: 2,
      email: "lan.nguyen@police.gov.vn",
      name: "Nguyễn Thị Lan",
      country: "VN",
      agency: "Cyber Police Department",
      cohort: "2025-A",
      problems: [],
    });
  });

  test("a quoted field with a comma and a line break inside", () => {
    expect(result.rows[1]).toEqual({
      line: 3,
      email: "ahmed@interieur.gov.ma",
      name: "Benali, Ahmed",
      country: "MA",
      agency: "Direction générale,\r\nSûreté nationale",
      cohort: null,
      problems: [],
    });
  });

  test("each row's exact problems", () => {
    expect(result.rows.map((r) => [r.line, problemsOf(r)])).toEqual([
      [2, []],
      [3, []],
      [5, ["email:email.invalid"]],
      [6, ["email:email.missing"]],
      [7, ["email:email.duplicate"]],
      [8, ["name:name.too-long", "country:country.invalid", "agency:agency.too-long", "cohort:cohort.too-long"]],
      [9, ["name:name.missing"]],
      [10, ["email:email.invalid"]],
      [11, []],
    ]);
  });

  test("values of rows with problems are kept for the report", () => {
    const invalid = result.rows[2]!;
    expect(invalid).toMatchObject({
      email: "not-an-email",
      name: "Someone",
      country: "FR",
      agency: null,
      cohort: null,
    });
    const missing = result.rows[3]!;
    expect(missing).toMatchObject({ email: "", name: "No Email", country: null });
    const long = result.rows[5]!;
    expect(long.country).toBe("Atlantis");
    expect(long.name).toHaveLength(121);
  });

  test("a row with fewer cells than the header has missing values; extra cells are ignored", () => {
    expect(result.rows[6]).toMatchObject({
      email: "noname@example.org",
      name: "",
      country: "DE",
      agency: null,
      cohort: null,
    });
    expect(result.rows[8]).toMatchObject({ country: "DE", agency: "Agency", cohort: "Cohort", problems: [] });
  });
});

describe("parseEnrolmentCsv: limits on values", () => {
  const row = (cells: Partial<Record<"email" | "name" | "agency" | "cohort", string>>) =>
    parseEnrolmentCsv(
      `email,name,agency,cohort\n${cells.email ?? "a@b.org"},${cells.name ?? "N"},${cells.agency ?? ""},${cells.cohort ?? ""}`,
    ).rows[0]!;

  test("exactly at the limits is accepted", () => {
    expect(row({ name: "n".repeat(120), agency: "a".repeat(160), cohort: "c".repeat(120) }).problems).toEqual([]);
    const email254 = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.org`;
    expect(email254).toHaveLength(254);
    expect(row({ email: email254 }).problems).toEqual([]);
  });

  test("one over the limits is refused", () => {
    expect(problemsOf(row({ name: "n".repeat(121) }))).toEqual(["name:name.too-long"]);
    expect(problemsOf(row({ agency: "a".repeat(161) }))).toEqual(["agency:agency.too-long"]);
    expect(problemsOf(row({ cohort: "c".repeat(121) }))).toEqual(["cohort:cohort.too-long"]);
    const email255 = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.org`;
    expect(problemsOf(row({ email: email255 }))).toEqual(["email:email.invalid"]);
  });

  test("whitespace-only values count as empty", () => {
    const r = parseEnrolmentCsv('email,name,country,agency,cohort\n  ,"\t",VN,   , ').rows[0];
    expect(problemsOf(r)).toEqual(["email:email.missing", "name:name.missing"]);
    expect(r).toMatchObject({ email: "", name: "", country: "VN", agency: null, cohort: null });
  });
});

describe("parseEnrolmentCsv: headers", () => {
  test("semicolon-delimited file with French headers in another order", () => {
    const text = [
      "Nom;Courriel;Pays;Organisme;Cohorte",
      "Dupont, Jean;Jean.Dupont@Gendarmerie.fr;Côte d'Ivoire;Gendarmerie nationale;Promo 3",
      "Diallo Awa;awa.diallo@police.sn;Sénégal;;",
    ].join("\n");
    const { rows, fileProblems } = parseEnrolmentCsv(text);
    expect(fileProblems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        email: "jean.dupont@gendarmerie.fr",
        name: "Dupont, Jean",
        country: "CI",
        agency: "Gendarmerie nationale",
        cohort: "Promo 3",
        problems: [],
      },
      {
        line: 3,
        email: "awa.diallo@police.sn",
        name: "Diallo Awa",
        country: "SN",
        agency: null,
        cohort: null,
        problems: [],
      },
    ]);
  });

  test("other French and English aliases, any case, with surrounding spaces", () => {
    const text = " ADRESSE ÉLECTRONIQUE ;Full Name; pays ;Institution;COHORTE\nx@y.fr;X;fr;Inst;C1";
    expect(parseEnrolmentCsv(text).rows[0]).toMatchObject({
      email: "x@y.fr",
      name: "X",
      country: "FR",
      agency: "Inst",
      cohort: "C1",
      problems: [],
    });
    expect(parseEnrolmentCsv("E-Mail,NAME,Organisation\nx@y.org,X,Org").rows[0]).toMatchObject({
      email: "x@y.org",
      agency: "Org",
      country: null,
      cohort: null,
    });
    expect(parseEnrolmentCsv("adresse electronique,nom\nx@y.org,X").fileProblems).toEqual([]);
  });

  test("Arabic headers and values", () => {
    const text = [
      "الاسم,البريد الإلكتروني,البلد,الجهة,الدفعة",
      "أحمد بن علي,Ahmed@Police.gov.eg,مصر,الإدارة العامة لمباحث الإنترنت,الدفعة الأولى",
      "فاطمة الزهراء,fatima@dgsn.ma,المغرب,,",
    ].join("\n");
    const { rows, fileProblems } = parseEnrolmentCsv(text);
    expect(fileProblems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        email: "ahmed@police.gov.eg",
        name: "أحمد بن علي",
        country: "EG",
        agency: "الإدارة العامة لمباحث الإنترنت",
        cohort: "الدفعة الأولى",
        problems: [],
      },
      {
        line: 3,
        email: "fatima@dgsn.ma",
        name: "فاطمة الزهراء",
        country: "MA",
        agency: null,
        cohort: null,
        problems: [],
      },
    ]);
  });

  test("Arabic header written without hamza still matches", () => {
    expect(parseEnrolmentCsv("البريد الالكتروني,الاسم\nx@y.org,س").fileProblems).toEqual([]);
  });

  test("a UTF-8 byte order mark before the header", () => {
    const { rows, fileProblems } = parseEnrolmentCsv("\uFEFFemail,name\r\nx@y.org,X\r\n");
    expect(fileProblems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, email: "x@y.org", name: "X", country: null, agency: null, cohort: null, problems: [] },
    ]);
  });

  test("tab-delimited file", () => {
    expect(parseEnrolmentCsv("email\tname\tcountry\nx@y.org\tDoe, J.\tVN").rows[0]).toMatchObject({
      name: "Doe, J.",
      country: "VN",
      problems: [],
    });
  });

  test("unknown columns are ignored", () => {
    const { rows } = parseEnrolmentCsv("id,email,phone,name,notes\n7,x@y.org,+84 123,X,hello");
    expect(rows[0]).toMatchObject({ email: "x@y.org", name: "X", problems: [] });
  });

  test.each([
    ["name,country\nX,VN", ["header.missing-email"]],
    ["email,country\nx@y.org,VN", ["header.missing-name"]],
    ["country,agency\nVN,Police", ["header.missing-email", "header.missing-name"]],
    ["x@y.org,X\nz@y.org,Z", ["header.missing-email", "header.missing-name"]],
  ])("missing required columns: %j", (text, codes) => {
    expect(parseEnrolmentCsv(text)).toEqual({ rows: [], fileProblems: codes.map((code) => ({ line: 1, code })) });
  });

  test("header problems are reported on the header's line", () => {
    expect(parseEnrolmentCsv("\n\nname\nX").fileProblems).toEqual([{ line: 3, code: "header.missing-email" }]);
  });
});

describe("parseEnrolmentCsv: duplicates", () => {
  test("the later rows with an email already seen get email.duplicate, whatever the case", () => {
    const text = "email,name\nA@x.org,A\nb@x.org,B\na@X.ORG,A again\n  a@x.org ,A thrice\nB@x.org,B again";
    const { rows } = parseEnrolmentCsv(text);
    expect(rows.map((r) => [r.line, r.email, problemsOf(r)])).toEqual([
      [2, "a@x.org", []],
      [3, "b@x.org", []],
      [4, "a@x.org", ["email:email.duplicate"]],
      [5, "a@x.org", ["email:email.duplicate"]],
      [6, "b@x.org", ["email:email.duplicate"]],
    ]);
  });

  test("missing or invalid emails are not duplicates of each other", () => {
    const { rows } = parseEnrolmentCsv("email,name\n,A\n,B\nbad,C\nbad,D");
    expect(rows.map(problemsOf)).toEqual([
      ["email:email.missing"],
      ["email:email.missing"],
      ["email:email.invalid"],
      ["email:email.invalid"],
    ]);
  });
});

describe("countries", () => {
  test.each([
    ["VN", "VN"],
    ["vn", "VN"],
    [" Vn ", "VN"],
    ["Vietnam", "VN"],
    ["Viet Nam", "VN"],
    ["VIET NAM", "VN"],
    ["Viêt Nam", "VN"],
    ["Côte d’Ivoire", "CI"],
    ["Côte d'Ivoire", "CI"],
    ["cote d'ivoire", "CI"],
    ["COTE D IVOIRE", "CI"],
    ["ساحل العاج", "CI"],
    ["Germany", "DE"],
    ["Allemagne", "DE"],
    ["ألمانيا", "DE"],
    ["المانيا", "DE"],
    ["Égypte", "EG"],
    ["egypte", "EG"],
    ["مصر", "EG"],
    ["فيتنام", "VN"],
    ["Royaume-Uni", "GB"],
    ["United Kingdom", "GB"],
    ["United States", "US"],
    ["États-Unis", "US"],
    ["Hong Kong", "HK"],
  ])("%j is %s", (text, code) => {
    expect(countryFromText(text)).toBe(code);
    const row = parseEnrolmentCsv(`email,name,country\nx@y.org,X,"${text}"`).rows[0]!;
    expect(row.country).toBe(code);
    expect(row.problems).toEqual([]);
  });

  test.each(["ZZ", "XK", "Atlantis", "Viet", "R.-U.", "É.-U.", "V N", "1"])("%j is not a country", (text) => {
    expect(countryFromText(text)).toBeNull();
    const row = parseEnrolmentCsv(`email,name,country\nx@y.org,X,${text}`).rows[0]!;
    expect(row.problems).toEqual([{ field: "country", code: "country.invalid" }]);
    expect(row.country).toBe(text);
  });

  test("an empty country is allowed", () => {
    expect(parseEnrolmentCsv("email,name,country\nx@y.org,X,  ").rows[0]).toMatchObject({
      country: null,
      problems: [],
    });
  });
});

describe("parseEnrolmentCsv: file problems", () => {
  test.each([
    ["empty text", ""],
    ["only a BOM and blank lines", "\uFEFF\r\n\r\n"],
    ["header only", "email,name,country\r\n"],
    ["header and formatted-but-empty rows", "email,name,country\n,,\n  , \t, \n,,\n"],
  ])("no data rows: %s", (_name, text) => {
    expect(parseEnrolmentCsv(text)).toEqual({ rows: [], fileProblems: [{ line: 1, code: "file.empty" }] });
  });

  test("formatted-but-empty rows between data rows are skipped", () => {
    const { rows } = parseEnrolmentCsv("email,name\nx@y.org,X\n,\n\nz@y.org,Z\n");
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
  });

  test("an unclosed quote is reported on the line where the quote opens", () => {
    const text = 'email,name,agency\nx@y.org,X,Police\nz@y.org,Z,"Direction\ngénérale\n';
    expect(parseEnrolmentCsv(text)).toEqual({ rows: [], fileProblems: [{ line: 3, code: "file.unclosed-quote" }] });
  });

  test(`at most ${MAX_CSV_ROWS} data rows`, () => {
    const lines = ["email,name"];
    for (let i = 1; i <= MAX_CSV_ROWS; i++) lines.push(`user${i}@example.org,User ${i}`);
    const atLimit = parseEnrolmentCsv(lines.join("\n"));
    expect(atLimit.fileProblems).toEqual([]);
    expect(atLimit.rows).toHaveLength(MAX_CSV_ROWS);
    expect(atLimit.rows.at(-1)).toMatchObject({ line: MAX_CSV_ROWS + 1, problems: [] });

    lines.push(`user${MAX_CSV_ROWS + 1}@example.org,One Too Many`);
    expect(lines).toHaveLength(MAX_CSV_ROWS + 2);
    expect(parseEnrolmentCsv(lines.join("\n"))).toEqual({
      rows: [],
      fileProblems: [{ line: MAX_CSV_ROWS + 2, code: "file.too-many-rows" }],
    });
  });

  test(`at most ${MAX_CSV_BYTES} bytes of UTF-8`, () => {
    const header = "email,name,agency\n";
    const filler = (bytes: number) => `x@y.org,X,${"a".repeat(bytes - header.length - "x@y.org,X,".length)}`;
    expect(parseEnrolmentCsv(header + filler(MAX_CSV_BYTES)).fileProblems).toEqual([]);
    expect(parseEnrolmentCsv(header + filler(MAX_CSV_BYTES + 1))).toEqual({
      rows: [],
      fileProblems: [{ line: 1, code: "file.too-large" }],
    });
  });

  test("the size is counted in UTF-8 bytes, not characters", () => {
    // "é" is two bytes, "ب" is two bytes, "€" is three: fewer characters than MAX_CSV_BYTES, more bytes.
    const text = "email,name\n" + "€".repeat(Math.ceil(MAX_CSV_BYTES / 3) + 1);
    expect(text.length).toBeLessThan(MAX_CSV_BYTES);
    expect(parseEnrolmentCsv(text).fileProblems).toEqual([{ line: 1, code: "file.too-large" }]);

    const underLimit = "email,name\nx@y.org,X\n" + "é".repeat(Math.floor((MAX_CSV_BYTES - 40) / 2));
    expect(parseEnrolmentCsv(underLimit).fileProblems).toEqual([]);
  });
});

describe("the upload itself", () => {
  test("UTF-8 bytes are text (the byte order mark dropped); other encodings and binary files are not", () => {
    const utf8 = new TextEncoder().encode("\uFEFFemail,name\nlan@example.org,Nguyễn Thị Lan\n");
    expect(decodeCsvBytes(utf8)).toBe("email,name\nlan@example.org,Nguyễn Thị Lan\n");
    expect(decodeCsvBytes(Uint8Array.from([0x52, 0x65, 0x6e, 0xe9]))).toBeNull(); // "René" in Windows-1252
    expect(decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBeNull(); // a .xlsx (zip) header
  });

  test("the form needs a course, a non-empty file of at most 2 MB; the checkbox is optional", () => {
    const form = (entries: [string, string | File][]) => {
      const data = new FormData();
      for (const [k, v] of entries) data.append(k, v);
      const submission = parseWithZod(data, { schema: BulkUploadSchema });
      return submission.status === "success"
        ? { value: submission.value, error: undefined }
        : { value: undefined, error: submission.error };
    };
    const courseId = crypto.randomUUID();
    const ok = form([
      ["courseId", courseId],
      ["file", new File(["email,name\n"], "a.csv")],
      ["allOrNothing", "on"],
    ]);
    expect(ok.value?.allOrNothing).toBe(true);
    expect(
      form([
        ["courseId", "x"],
        ["file", new File([""], "")],
      ]).error,
    ).toEqual({ courseId: ["bulk.error.course"], file: ["bulk.error.file"] });
    expect(
      form([
        ["courseId", courseId],
        ["file", new File(["x".repeat(MAX_CSV_BYTES + 1)], "big.csv")],
      ]).error,
    ).toEqual({ file: ["bulk.error.tooLarge"] });
  });
});
