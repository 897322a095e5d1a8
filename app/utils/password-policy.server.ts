import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MessageKey } from "~/i18n/i18n";

/**
 * Server-only half of the password rules (the length rules live in the shared zod
 * schema so the browser checks them too): refuse the most common passwords and
 * passwords built from the person's own email address.
 */
let common: Set<string> | undefined;

function commonPasswords() {
  if (!common) {
    // Resolved from the project root: the Remix build bundles this module elsewhere.
    const path = join(process.cwd(), "app/data/common-passwords.txt");
    common = new Set(
      readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.toLowerCase()),
    );
  }
  return common;
}

export function passwordProblem({ password, email }: { password: string; email?: string }): MessageKey | undefined {
  const lowered = password.toLowerCase();
  if (commonPasswords().has(lowered)) return "validation.password.common";
  const localPart = email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lowered.includes(localPart)) return "validation.password.matchesEmail";
  return undefined;
}
