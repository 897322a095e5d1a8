import { describe, expect, test } from "vitest";
import { CsvSyntaxError, csvCell, parseCsv, writeCsv } from "./csv";

const cellsOf = (text: string) => parseCsv(text).rows.map((r) => r.cells);
const linesOf = (text: string) => parseCsv(text).rows.map((r) => r.line);

describe("parseCsv", () => {
  test("plain records with line numbers", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual({
      delimiter: ",",
      rows: [
        { line: 1, cells: ["a", "b", "c"] },
        { line: 2, cells: ["1", "2", "3"] },
      ],
    });
  });

  test("quoted fields with doubled quotes, delimiters and line breaks inside", () => {
    const text = 'name,note\n"Smith, John","He said ""hi"""\n"multi\nline",x\n';
    expect(cellsOf(text)).toEqual([
      ["name", "note"],
      ["Smith, John", 'He said "hi"'],
      ["multi\nline", "x"],
    ]);
  });

  test("empty quoted fields and empty unquoted fields", () => {
    expect(cellsOf('a,b,c\n"",,""\n')).toEqual([
      ["a", "b", "c"],
      ["", "", ""],
    ]);
    expect(cellsOf("a,b\nx,\n")).toEqual([
      ["a", "b"],
      ["x", ""],
    ]);
  });

  test("a record starting on a multi-line field shifts later line numbers", () => {
    const text = 'h1,h2\n"one\ntwo\nthree",x\ny,z\n"a\r\nb",c\r\nlast,row';
    const { rows } = parseCsv(text);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 6, 8]);
    expect(rows[1]!.cells).toEqual(["one\ntwo\nthree", "x"]);
    expect(rows[3]!.cells).toEqual(["a\r\nb", "c"]);
    expect(rows[4]!.cells).toEqual(["last", "row"]);
  });

  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("%s line endings", (_name, eol) => {
    const text = ["a,b", "1,2", "3,4"].join(eol) + eol;
    expect(parseCsv(text).rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "4"] },
    ]);
  });

  test("mixed line endings count each break once", () => {
    expect(linesOf("a\r\nb\nc\rd")).toEqual([1, 2, 3, 4]);
  });

  test("a UTF-8 byte order mark is dropped", () => {
    const { rows } = parseCsv("\uFEFFemail,name\nx@y.org,X\n");
    expect(rows[0]!.cells).toEqual(["email", "name"]);
    expect(parseCsv('\uFEFF"email";name\n').rows[0]!.cells).toEqual(["email", "name"]);
  });

  test.each([
    ["comma", "a,b;c,d\n1,2;3,4", ","],
    ["semicolon (Excel, French/Arabic locales)", "courriel;nom;pays\nx@y.fr;Dupont, Jean;FR", ";"],
    ["tab", "email\tname\tcountry\nx@y.org\tA, B; C\tVN", "\t"],
    ["no delimiter at all", "email\nx@y.org", ","],
    ["delimiters inside quoted header cells are not counted", '"a;b;c;d",e,f\n1,2,3', ","],
  ])("delimiter detection: %s", (_name, text, delimiter) => {
    const parsed = parseCsv(text);
    expect(parsed.delimiter).toBe(delimiter);
    expect(parsed.rows[0]!.cells.length).toBeGreaterThan(0);
  });

  test("semicolon files keep commas as text", () => {
    expect(cellsOf("nom;pays\nDupont, Jean;FR\n")).toEqual([
      ["nom", "pays"],
      ["Dupont, Jean", "FR"],
    ]);
  });

  test("tab files keep commas and semicolons as text", () => {
    expect(cellsOf("a\tb\nx, y; z\t2")).toEqual([
      ["a", "b"],
      ["x, y; z", "2"],
    ]);
  });

  test("delimiter is detected from the first non-empty line", () => {
    expect(parseCsv("\n\na;b\n1;2").delimiter).toBe(";");
  });

  test("trailing empty lines are ignored and blank lines are skipped", () => {
    const { rows } = parseCsv("a,b\n\n1,2\r\n\r\n3,4\n\n\n\r\n");
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 3, cells: ["1", "2"] },
      { line: 5, cells: ["3", "4"] },
    ]);
  });

  test("a line of delimiters is a record, not a blank line", () => {
    expect(cellsOf("a,b\n,\n")).toEqual([
      ["a", "b"],
      ["", ""],
    ]);
  });

  test("no trailing newline", () => {
    expect(cellsOf("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cellsOf('a,b\n1,"2"')).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  test("empty input gives no rows", () => {
    expect(parseCsv("")).toEqual({ rows: [], delimiter: "," });
    expect(parseCsv("\uFEFF\r\n\n")).toEqual({ rows: [], delimiter: "," });
  });

  test("cells are not trimmed", () => {
    expect(cellsOf(" a , b ")).toEqual([[" a ", " b "]]);
  });

  test("lenient with stray quotes in unquoted fields and text after a closing quote", () => {
    expect(cellsOf('a,b\nO"Brien,"x"y\n')).toEqual([
      ["a", "b"],
      ['O"Brien', "xy"],
    ]);
  });

  test("rows may have different numbers of cells", () => {
    expect(cellsOf("a,b,c\n1\n1,2,3,4")).toEqual([["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]);
  });

  test("an unterminated quote throws CsvSyntaxError with the line where the quote opens", () => {
    const text = 'a,b\n1,2\n3,"never\nclosed\n';
    let error: unknown;
    try {
      parseCsv(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toBeInstanceOf(Error);
    expect((error as CsvSyntaxError).line).toBe(3);
    expect((error as CsvSyntaxError).message).toContain("a quoted field is not closed");
  });

  test("an unterminated quote on the header line is reported on line 1", () => {
    expect(() => parseCsv('"email,name\nx,y')).toThrow(CsvSyntaxError);
    try {
      parseCsv('"email,name\nx,y');
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(1);
    }
  });

  test("a doubled quote at the end of the input does not close the field", () => {
    expect(() => parseCsv('a\n"x""')).toThrow(CsvSyntaxError);
  });
});

test("export cells with `;` are quoted (French and Arabic Excel split on it), and formulas stay text", () => {
  expect(csvCell("Hanoi; Vientiane")).toBe('"Hanoi; Vientiane"');
  expect(csvCell("=1+2;3")).toBe(`"'=1+2;3"`);
  expect(csvCell("-5")).toBe("'-5");
  expect(csvCell("plain")).toBe("plain");
  expect(csvCell('say "hi", then;')).toBe('"say ""hi"", then;"');
  const file = writeCsv([
    ["name", "agency"],
    ["Lan", "Police; Cybercrime Unit"],
  ]);
  expect(parseCsv(file).rows.map((r) => r.cells)).toEqual([
    ["name", "agency"],
    ["Lan", "Police; Cybercrime Unit"],
  ]);
  // Read the way a `;` locale reads it, the agency is still one cell.
  expect(parseCsv(file.replaceAll(",", ";")).rows[1]!.cells).toEqual(["Lan", "Police; Cybercrime Unit"]);
});
