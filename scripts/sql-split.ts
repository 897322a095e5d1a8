/**
 * Splits a migration script into statements on the semicolons that end them, leaving alone
 * the ones inside quotes, quoted identifiers, comments and dollar-quoted bodies ($$ … $$ or
 * $tag$ … $tag$). @prisma/adapter-pg splits on every ";", which cuts a PL/pgSQL function body
 * apart; prisma.config.ts runs migrations through this instead.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && next === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n) {
        if (script[j] === c) {
          if (script[j + 1] === c)
            j += 2; // doubled quote inside the literal
          else break;
        } else j += 1;
      }
      i = j + 1;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end === -1 ? n : end + tag.length;
      } else i += 1;
    } else if (c === ";") {
      statements.push(script.slice(start, i));
      i += 1;
      start = i;
    } else i += 1;
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, "").trim().length > 0);
}
