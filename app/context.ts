declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce for inline scripts, matching the Content-Security-Policy set in server.ts. */
    cspNonce: string;
    /** The client's address (X-Forwarded-For counts only as far as TRUST_PROXY trusts its hops). */
    clientIp: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
