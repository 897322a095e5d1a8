/**
 * The platform's verifiable-credential side: the issuer profile it publishes, the signed
 * revocation list, and checking a credential someone pasted or uploaded. Nothing here fetches
 * anything: the status list is built from the database and handed to the verifier.
 */
import { createHash } from "node:crypto";
import {
  issuerProfile,
  loadIssuerKey,
  signStatusList,
  verifyCertificateCredential,
} from "~/certificates/credential.server";
import { env } from "~/utils/env.server";
import { revokedStatusIndexes } from "./certificates.server";

export const STATUS_LIST_PATH = "/credentials/status/1";
/** Largest credential we read from a form: real ones are a few kilobytes. */
export const MAX_CREDENTIAL_BYTES = 256 * 1024;

let cachedList: { key: string; list: object } | null = null;

/** The signed Bitstring Status List; re-signed only when the set of revoked indexes changes. */
export async function currentStatusList() {
  const revoked = (await revokedStatusIndexes()).sort((a, b) => a - b);
  const key = createHash("sha256").update(revoked.join(",")).digest("hex");
  if (cachedList?.key === key) return cachedList.list;
  const config = env();
  const list = await signStatusList({
    baseUrl: config.APP_URL,
    issuerName: config.CENTRE_NAME,
    key: await loadIssuerKey(),
    listUrl: `${config.APP_URL}${STATUS_LIST_PATH}`,
    revokedIndexes: revoked,
  });
  cachedList = { key, list };
  return list;
}

export async function publishedIssuerProfile() {
  const config = env();
  return issuerProfile(config.APP_URL, config.CENTRE_NAME, await loadIssuerKey());
}

export type CredentialCheck = Awaited<ReturnType<typeof verifyCertificateCredential>>;

/** Verifies a credential given as text (pasted or uploaded). Bad JSON is "malformed", never a crash. */
export async function checkCredentialText(text: string): Promise<CredentialCheck> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      signature: "malformed",
      altered: false,
      status: "unknown",
      errors: ["The text is not JSON."],
      summary: {},
    };
  }
  const config = env();
  return verifyCertificateCredential(parsed, {
    baseUrl: config.APP_URL,
    issuerName: config.CENTRE_NAME,
    key: await loadIssuerKey(),
    statusList: await currentStatusList(),
  });
}
