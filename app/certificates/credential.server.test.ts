import { promises as fs } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import {
  OfflineDocumentError,
  createDocumentLoader,
  generateIssuerKeyFile,
  issuerId,
  issuerProfile,
  loadIssuerKey,
  parseIssuerKey,
  publicKeyFromMultibase,
  publicPart,
  signCertificateCredential,
  signStatusList,
  verifyCertificateCredential,
  type CertificateCredentialInput,
  type KeyPair,
} from "./credential.server";

// ---------------------------------------------------------------------------------------
// Fixtures

const BASE = "https://haidang.example";
const ISSUER = "Regional Cybercrime Training Centre";
const LIST_URL = `${BASE}/credentials/status/1`;
const DAY = 24 * 60 * 60 * 1000;

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});
async function tempDir() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "haidang-credentials-"));
  made.push(dir);
  return dir;
}

let key: KeyPair;
let otherKey: KeyPair;
let emptyList: Record<string, unknown>;

beforeAll(async () => {
  const dir = await tempDir();
  key = await generateIssuerKeyFile(path.join(dir, "issuer.json"));
  otherKey = await generateIssuerKeyFile(path.join(dir, "other.json"));
  emptyList = await signStatusList({ baseUrl: BASE, issuerName: ISSUER, key, listUrl: LIST_URL, revokedIndexes: [] });
});

function input(overrides: Partial<CertificateCredentialInput> = {}): CertificateCredentialInput {
  return {
    baseUrl: BASE,
    issuerName: ISSUER,
    key,
    credentialId: `${BASE}/credentials/HD-2025-000042`,
    serial: "HD-2025-000042",
    learner: { name: "Nguyễn Thị Lan" },
    achievement: {
      id: `${BASE}/courses/digital-evidence-basics`,
      name: "Digital Evidence: First Responder",
      description: "Seizing, preserving and documenting digital evidence at a scene.",
      criteriaNarrative: "Completed all modules of the 24-hour course and passed the final assessment (≥ 70%).",
      hours: 24,
      locale: "en",
    },
    validFrom: new Date(Date.now() - DAY),
    validUntil: null,
    status: { listCredentialUrl: LIST_URL, index: 42 },
    ...overrides,
  };
}

const verifyOpts = (statusList: object | null = emptyList) => ({
  baseUrl: BASE,
  issuerName: ISSUER,
  key: publicPart(key),
  statusList,
});

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---------------------------------------------------------------------------------------
// Sign → verify

describe("sign and verify", () => {
  test("a freshly signed credential verifies, with timings", async () => {
    const t0 = performance.now();
    const credential = await signCertificateCredential(input());
    const t1 = performance.now();
    const result = await verifyCertificateCredential(credential, verifyOpts());
    const t2 = performance.now();

    // Warm timings (the first calls also load contexts and warm up the JIT).
    for (let i = 0; i < 10; i++)
      await verifyCertificateCredential(await signCertificateCredential(input()), verifyOpts());
    const runs = 30;
    const s0 = performance.now();
    for (let i = 0; i < runs; i++) await signCertificateCredential(input());
    const s1 = performance.now();
    for (let i = 0; i < runs; i++) await verifyCertificateCredential(credential, verifyOpts());
    const s2 = performance.now();
    console.log(
      `[timings] first sign ${(t1 - t0).toFixed(1)} ms, first verify ${(t2 - t1).toFixed(1)} ms; ` +
        `warm: sign ${((s1 - s0) / runs).toFixed(1)} ms, verify ${((s2 - s1) / runs).toFixed(1)} ms (incl. status list check)`,
    );

    expect(result).toEqual({
      ok: true,
      signature: "valid",
      altered: false,
      status: "valid",
      errors: [],
      summary: {
        serial: "HD-2025-000042",
        learnerName: "Nguyễn Thị Lan",
        achievementName: "Digital Evidence: First Responder",
        validFrom: credential.validFrom,
      },
    });
  });

  test("the credential has the Open Badges 3.0 shape", async () => {
    const credential = await signCertificateCredential(input({ validUntil: new Date(Date.now() + 365 * DAY) }));
    expect(credential["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.issuer).toMatchObject({ id: `${BASE}/issuer`, type: ["Profile"], name: ISSUER });
    expect(credential.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const subject = credential.credentialSubject as Record<string, any>;
    expect(subject.type).toEqual(["AchievementSubject"]);
    expect(subject.name).toBe("Nguyễn Thị Lan");
    expect(subject).not.toHaveProperty("email");
    expect(subject.achievement).toMatchObject({
      type: ["Achievement"],
      creditsAvailable: 24,
      inLanguage: "en",
      criteria: { narrative: "Completed all modules of the 24-hour course and passed the final assessment (≥ 70%)." },
    });
    expect(credential.credentialStatus).toEqual({
      id: `${LIST_URL}#42`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "42",
      statusListCredential: LIST_URL,
    });
    // A set of one proof: 1EdTech's schema refuses a single proof object (see the schema test).
    expect(credential.proof).toEqual([expect.objectContaining({ type: "DataIntegrityProof" })]);
    expect((credential.proof as unknown[])[0]).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
      verificationMethod: `${BASE}/issuer#key-1`,
    });
    // Paste-able example for the report.
    const example = clone(credential) as Record<string, any>;
    example.proof[0].proofValue = `${String(example.proof[0].proofValue).slice(0, 16)}…`;
    console.log(`[example credential]\n${JSON.stringify(example, null, 2)}`);
  });

  test("credentials issued before proofs became a set (a single proof object) still verify", async () => {
    // What signCertificateCredential stored until then: the same signature, not in a list.
    const credential = await signCertificateCredential(input());
    const single = { ...credential, proof: (credential.proof as unknown[])[0] };
    expect(await verifyCertificateCredential(single, verifyOpts())).toMatchObject({ ok: true, status: "valid" });
    // …also when revoked through a status list, and with a status list signed the old way.
    const list = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: LIST_URL,
      revokedIndexes: [42],
    });
    const oldList = { ...list, proof: (list.proof as unknown[])[0] };
    for (const statusList of [list, oldList])
      for (const c of [credential, single])
        expect(await verifyCertificateCredential(c, verifyOpts(statusList))).toMatchObject({
          ok: false,
          signature: "valid",
          status: "revoked",
        });
    // Tampering is still seen whichever form the proof takes.
    const altered = clone(single) as Record<string, any>;
    altered.credentialSubject.name = "Someone Else";
    expect(await verifyCertificateCredential(altered, verifyOpts())).toMatchObject({
      signature: "invalid",
      altered: true,
    });
  });

  test("accepts the credential as JSON text", async () => {
    const credential = await signCertificateCredential(input());
    const result = await verifyCertificateCredential(JSON.stringify(credential), verifyOpts());
    expect(result.ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Tampering, keys, revocation, validity

describe("failures", () => {
  test("one character changed in the learner's name → altered", async () => {
    const credential = clone(await signCertificateCredential(input()));
    (credential.credentialSubject as Record<string, unknown>).name = "Nguyễn Thị Lam";
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "invalid", altered: true, status: "unknown" });
    expect(result.summary.learnerName).toBe("Nguyễn Thị Lam");
    expect(result.errors[0]).toMatch(/changed after signing/);
  });

  test("changed hours → altered", async () => {
    const credential = clone(await signCertificateCredential(input())) as Record<string, any>;
    credential.credentialSubject.achievement.creditsAvailable = 240;
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "invalid", altered: true });
  });

  test("an added, undefined property → altered (not what was signed)", async () => {
    const credential = clone(await signCertificateCredential(input())) as Record<string, any>;
    credential.credentialSubject.achievement.grade = "A+";
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "invalid", altered: true });
  });

  test("revoked in a newer status list → revoked (the signature still holds)", async () => {
    const credential = await signCertificateCredential(input());
    const list = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: LIST_URL,
      revokedIndexes: [7, 42],
    });
    const result = await verifyCertificateCredential(credential, verifyOpts(list));
    expect(result).toMatchObject({ ok: false, signature: "valid", altered: false, status: "revoked" });
    expect(result.errors).toEqual(["This credential has been revoked by its issuer."]);
    // Another index revoked does not affect this one.
    const other = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: LIST_URL,
      revokedIndexes: [41, 43],
    });
    expect((await verifyCertificateCredential(credential, verifyOpts(other))).status).toBe("valid");
  });

  test("a forged status list (other key) is not trusted", async () => {
    const credential = await signCertificateCredential(input());
    const forged = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key: otherKey,
      listUrl: LIST_URL,
      revokedIndexes: [],
    });
    const result = await verifyCertificateCredential(credential, verifyOpts(forged));
    expect(result).toMatchObject({ ok: false, signature: "valid", status: "unknown" });
    expect(result.errors[0]).toMatch(/status list's signature is not valid/);
  });

  test("a tampered status list (un-revoking) is not trusted", async () => {
    const credential = await signCertificateCredential(input());
    const revoked = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: LIST_URL,
      revokedIndexes: [42],
    });
    const tampered = clone(revoked) as Record<string, any>;
    tampered.credentialSubject.encodedList = (emptyList.credentialSubject as Record<string, unknown>).encodedList;
    const result = await verifyCertificateCredential(credential, verifyOpts(tampered));
    expect(result).toMatchObject({ ok: false, signature: "valid", status: "unknown" });
  });

  test("no status list → status unknown, not ok", async () => {
    const credential = await signCertificateCredential(input());
    const result = await verifyCertificateCredential(credential, verifyOpts(null));
    expect(result).toMatchObject({ ok: false, signature: "valid", status: "unknown" });
    expect(result.errors[0]).toMatch(/no status list/);
  });

  test("a status list at another URL than the credential's → unknown", async () => {
    const credential = await signCertificateCredential(input());
    const elsewhere = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: `${BASE}/credentials/status/2`,
      revokedIndexes: [],
    });
    const result = await verifyCertificateCredential(credential, verifyOpts(elsewhere));
    expect(result).toMatchObject({ ok: false, signature: "valid", status: "unknown" });
    expect(result.errors[0]).toMatch(/not the one provided/);
  });

  test("validUntil in the past → expired (but authentic)", async () => {
    const credential = await signCertificateCredential(
      input({ validFrom: new Date(Date.now() - 400 * DAY), validUntil: new Date(Date.now() - 35 * DAY) }),
    );
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "valid", altered: false, status: "expired" });
    expect(result.errors[0]).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
    expect(result.summary.validUntil).toBe(credential.validUntil);
  });

  test("validFrom in the future → not-yet-valid", async () => {
    const credential = await signCertificateCredential(input({ validFrom: new Date(Date.now() + 10 * DAY) }));
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "valid", status: "not-yet-valid" });
  });

  test("revoked wins over expired", async () => {
    const credential = await signCertificateCredential(
      input({ validFrom: new Date(Date.now() - 400 * DAY), validUntil: new Date(Date.now() - DAY) }),
    );
    const list = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: LIST_URL,
      revokedIndexes: [42],
    });
    expect((await verifyCertificateCredential(credential, verifyOpts(list))).status).toBe("revoked");
  });

  test("signed by another key → invalid", async () => {
    const credential = await signCertificateCredential(input({ key: otherKey }));
    const result = await verifyCertificateCredential(credential, verifyOpts());
    // Cryptographically indistinguishable from altered content, so reported as such too.
    expect(result).toMatchObject({ ok: false, signature: "invalid", altered: true, status: "unknown" });
    // It verifies against the key that made it, which is how we know the test is meaningful.
    const own = await verifyCertificateCredential(credential, { ...verifyOpts(), key: otherKey, statusList: null });
    expect(own.signature).toBe("valid");
  });

  test("a proof pointing at a key we do not publish → invalid, without fetching it", async () => {
    const credential = clone(await signCertificateCredential(input())) as Record<string, any>;
    credential.proof[0].verificationMethod = "https://attacker.example/keys#1";
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "invalid", altered: false });
    expect(result.errors[0]).toMatch(/does not publish \(https:\/\/attacker\.example\/keys#1\)/);
  });

  test("another issuer → invalid", async () => {
    const credential = await signCertificateCredential(
      input({
        baseUrl: "https://elsewhere.example",
        credentialId: "https://elsewhere.example/credentials/HD-2025-000042",
      }),
    );
    const result = await verifyCertificateCredential(credential, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "invalid", status: "unknown" });
    expect(result.errors[0]).toMatch(/not by this issuer/);
  });
});

// ---------------------------------------------------------------------------------------
// Malformed input

describe("malformed", () => {
  test.each([
    ["garbage JSON", "{not json", /Not valid JSON/],
    ["null", null, /No credential/],
    ["a number", 42, /expected a JSON object/],
    ["an array", [1, 2], /expected a JSON object/],
    ["an empty object", {}, /@context/],
    [
      "a VC 1.1 credential",
      { "@context": ["https://www.w3.org/2018/credentials/v1"], type: ["VerifiableCredential"] },
      /@context/,
    ],
  ])("%s → malformed", async (_label, value, message) => {
    const result = await verifyCertificateCredential(value, verifyOpts());
    expect(result).toMatchObject({ ok: false, signature: "malformed", altered: false, status: "unknown" });
    expect(result.errors.join(" ")).toMatch(message);
  });

  test("wrong shapes of a real credential → malformed with a message", async () => {
    const credential = await signCertificateCredential(input());
    const cases: Array<[string, (c: Record<string, any>) => void, RegExp]> = [
      ["no proof", (c) => delete c.proof, /no proof/],
      ["other cryptosuite", (c) => (c.proof[0].cryptosuite = "ecdsa-rdfc-2019"), /eddsa-rdfc-2022/],
      ["an empty proof set", (c) => (c.proof = []), /no proof/],
      ["no achievement", (c) => delete c.credentialSubject.achievement, /achievement/],
      ["bad validFrom", (c) => (c.validFrom = "yesterday"), /validFrom/],
      ["bad type", (c) => (c.type = ["VerifiableCredential"]), /OpenBadgeCredential/],
      ["string credentialStatus", (c) => (c.credentialStatus = "revoked?"), /credentialStatus/],
      ["non-URI subject id", (c) => (c.credentialSubject.id = "officer 17"), /credentialSubject\.id" must be a URI/],
    ];
    for (const [label, mutate, message] of cases) {
      const copy = clone(credential) as Record<string, any>;
      mutate(copy);
      const result = await verifyCertificateCredential(copy, verifyOpts());
      expect(result.signature, label).toBe("malformed");
      expect(result.ok, label).toBe(false);
      expect(result.errors.join(" "), label).toMatch(message);
    }
  });

  test("an oversized input is refused", async () => {
    const result = await verifyCertificateCredential("x".repeat(300_000), verifyOpts());
    expect(result).toMatchObject({ signature: "malformed", errors: ["The credential is too large."] });
  });
});

// ---------------------------------------------------------------------------------------
// Offline

describe("no network", () => {
  const spies: Array<{ mockRestore(): void }> = [];
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  test("the document loader resolves only what it holds and throws on anything else", async () => {
    const loader = await createDocumentLoader({ baseUrl: BASE, issuerName: ISSUER, key, statusList: emptyList });
    for (const url of [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://www.w3.org/ns/did/v1",
      "https://w3id.org/security/multikey/v1",
      `${BASE}/issuer`,
      `${BASE}/issuer#key-1`,
      LIST_URL,
    ]) {
      await expect(loader(url), url).resolves.toMatchObject({ documentUrl: url });
    }
    for (const url of [
      "https://w3id.org/security/data-integrity/v2",
      "https://www.w3.org/2018/credentials/examples/v1",
      "https://example.org/anything",
      "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
      `${BASE}/credentials/status/2`,
    ]) {
      await expect(loader(url), url).rejects.toBeInstanceOf(OfflineDocumentError);
    }
    // Returned documents are copies.
    const a = (await loader(`${BASE}/issuer`)).document as Record<string, unknown>;
    a.name = "changed";
    expect(((await loader(`${BASE}/issuer`)).document as Record<string, unknown>).name).toBe(ISSUER);
  });

  test("signing and verifying open no sockets and call no fetch", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    spies.push(connect, fetchSpy);

    const credential = await signCertificateCredential(input());
    const list = await signStatusList({
      baseUrl: BASE,
      issuerName: ISSUER,
      key,
      listUrl: LIST_URL,
      revokedIndexes: [42],
    });
    expect((await verifyCertificateCredential(credential, verifyOpts(list))).status).toBe("revoked");

    // A credential that refers to an unknown context fails cleanly instead of fetching it.
    const withUnknownContext = clone(credential) as Record<string, any>;
    withUnknownContext["@context"].push("https://example.org/contexts/extra-v1.json");
    const result = await verifyCertificateCredential(withUnknownContext, verifyOpts(list));
    expect(result).toMatchObject({ ok: false, signature: "malformed", status: "unknown" });
    expect(result.errors[0]).toMatch(/not available offline: https:\/\/example\.org\/contexts\/extra-v1\.json/);

    // Same for the Data Integrity v2 context (VC 2.0 already defines the proof terms).
    const withDiContext = clone(credential) as Record<string, any>;
    withDiContext["@context"].push("https://w3id.org/security/data-integrity/v2");
    expect((await verifyCertificateCredential(withDiContext, verifyOpts(list))).signature).toBe("malformed");

    expect(connect).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

// ---------------------------------------------------------------------------------------
// Issuer documents and keys

describe("issuer", () => {
  test("issuer id and profile", () => {
    expect(issuerId("https://haidang.example/")).toBe("https://haidang.example/issuer");
    const profile = issuerProfile(BASE, ISSUER, key);
    expect(profile["@context"][0]).toBe("https://www.w3.org/ns/did/v1");
    expect(profile["@context"]).toContain("https://w3id.org/security/multikey/v1");
    expect(profile).toMatchObject({
      id: `${BASE}/issuer`,
      type: ["Profile"],
      name: ISSUER,
      url: BASE,
      verificationMethod: [
        {
          id: `${BASE}/issuer#key-1`,
          type: "Multikey",
          controller: `${BASE}/issuer`,
          publicKeyMultibase: key.publicKeyMultibase,
        },
      ],
      assertionMethod: [`${BASE}/issuer#key-1`],
    });
    expect(JSON.stringify(profile)).not.toMatch(/secretKey/);
  });

  test("the issuer profile is valid JSON-LD under the offline loader (safe mode)", async () => {
    const { default: jsonld } = await import("jsonld");
    const loader = await createDocumentLoader({ baseUrl: BASE, issuerName: ISSUER, key });
    const expanded = await jsonld.expand(issuerProfile(BASE, ISSUER, key), { documentLoader: loader, safe: true });
    expect(JSON.stringify(expanded)).toContain("https://w3id.org/security#publicKeyMultibase");
  });

  test("a public-only key verifies but cannot sign", async () => {
    const credential = await signCertificateCredential(input());
    const pub = publicKeyFromMultibase(key.publicKeyMultibase);
    expect((await verifyCertificateCredential(credential, { ...verifyOpts(), key: pub })).ok).toBe(true);
    await expect(signCertificateCredential(input({ key: pub }))).rejects.toThrow(/no secret key/);
  });

  test("a KeyPair never shows its secret", async () => {
    expect(Object.keys(key).sort()).toEqual(["hasSecretKey", "publicKeyMultibase", "type"]);
    expect(JSON.stringify(key)).not.toMatch(/secret.*z[1-9A-Za-z]{20}/i);
    const { inspect } = await import("node:util");
    expect(inspect(key, { showHidden: true, depth: 5 })).not.toMatch(/secretKeyMultibase/);
  });
});

describe("loadIssuerKey", () => {
  test("generates a 0600 key file when none exists, then reuses it", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "nested", "issuer-ed25519.json");
    const first = await loadIssuerKey({ env: { NODE_ENV: "test", HAIDANG_KEY_FILE: file } });
    const stat = await fs.stat(file);
    expect(stat.mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await fs.readFile(file, "utf8"));
    expect(saved).toMatchObject({ type: "Multikey", publicKeyMultibase: first.publicKeyMultibase });
    expect(saved.secretKeyMultibase).toMatch(/^z/);
    const again = await loadIssuerKey({ env: { NODE_ENV: "test", HAIDANG_KEY_FILE: file } });
    expect(again.publicKeyMultibase).toBe(first.publicKeyMultibase);
    expect(again.hasSecretKey).toBe(true);
    await expect(generateIssuerKeyFile(file)).rejects.toMatchObject({ code: "EEXIST" });
  });

  test("concurrent first loads agree on one key", async () => {
    const file = path.join(await tempDir(), "issuer.json");
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadIssuerKey({ env: { HAIDANG_KEY_FILE: file } })));
    expect(new Set(keys.map((k) => k.publicKeyMultibase)).size).toBe(1);
  });

  test("CREDENTIAL_SIGNING_KEY wins over the file", async () => {
    const dir = await tempDir();
    const source = await fs.readFile(await writeKey(dir), "utf8");
    const fromEnv = await loadIssuerKey({
      env: { CREDENTIAL_SIGNING_KEY: source, HAIDANG_KEY_FILE: path.join(dir, "unused.json") },
    });
    expect(fromEnv.publicKeyMultibase).toBe(JSON.parse(source).publicKeyMultibase);
    await expect(fs.stat(path.join(dir, "unused.json"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("bad key material is refused without echoing it", async () => {
    const secretish = "zSECRETSECRETSECRET";
    await expect(
      loadIssuerKey({ env: { CREDENTIAL_SIGNING_KEY: `{"secretKeyMultibase":"${secretish}"` } }),
    ).rejects.toThrow(/CREDENTIAL_SIGNING_KEY: not valid JSON/);
    await loadIssuerKey({ env: { CREDENTIAL_SIGNING_KEY: `{"secretKeyMultibase":"${secretish}"` } }).catch(
      (error: Error) => {
        expect(error.message).not.toContain(secretish);
        expect(String(error.cause ?? "")).not.toContain(secretish);
      },
    );
    // A secret that does not belong to the public key.
    const a = JSON.parse(await fs.readFile(await writeKey(await tempDir()), "utf8"));
    const b = JSON.parse(await fs.readFile(await writeKey(await tempDir()), "utf8"));
    await expect(parseIssuerKey({ ...a, secretKeyMultibase: b.secretKeyMultibase })).rejects.toThrow(/does not match/);
    await expect(parseIssuerKey({ publicKeyMultibase: a.publicKeyMultibase })).rejects.toThrow(/secretKeyMultibase/);
  });
});

async function writeKey(dir: string) {
  const file = path.join(dir, `k-${Math.random().toString(36).slice(2)}.json`);
  await generateIssuerKeyFile(file);
  return file;
}
