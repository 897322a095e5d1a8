import { expect, test } from "vitest";
import { splitSqlStatements } from "./sql-split";

test("plain statements split on their semicolons", () => {
  expect(splitSqlStatements('CREATE TABLE "a" ("x" INT);\nALTER TABLE "a" ADD COLUMN "y" TEXT;\n')).toEqual([
    'CREATE TABLE "a" ("x" INT)',
    'ALTER TABLE "a" ADD COLUMN "y" TEXT',
  ]);
});

test("a PL/pgSQL body in dollar quotes stays whole", () => {
  const fn = `CREATE FUNCTION f() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'no; never'; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql`;
  const tagged = "CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql";
  expect(splitSqlStatements(`${fn};\n${tagged};\nCREATE TRIGGER t BEFORE DELETE ON x EXECUTE FUNCTION f();`)).toEqual([
    fn,
    tagged,
    "CREATE TRIGGER t BEFORE DELETE ON x EXECUTE FUNCTION f()",
  ]);
});

test("semicolons in literals, identifiers and comments do not split; comment-only parts are dropped", () => {
  expect(
    splitSqlStatements(
      "-- a comment; still a comment\nUPDATE \"t;x\" SET v = 'it''s; fine' /* no; split */ WHERE id = 1;\n-- trailing\n",
    ),
  ).toEqual(["-- a comment; still a comment\nUPDATE \"t;x\" SET v = 'it''s; fine' /* no; split */ WHERE id = 1"]);
});

test("positional parameters ($1) are not mistaken for dollar quotes", () => {
  expect(splitSqlStatements("SELECT $1; SELECT 2")).toEqual(["SELECT $1", "SELECT 2"]);
});
