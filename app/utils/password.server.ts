import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id with OWASP's recommended minimum (m=19 MiB, t=2, p=1).
 * Algorithm 2 is argon2id in @node-rs/argon2.
 */
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash of a random secret, verified when the email is unknown so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash() {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}
