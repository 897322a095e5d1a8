declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce for inline scripts, matching the Content-Security-Policy set in server.ts. */
    cspNonce: string;
    /** The client's address (honours X-Forwarded-For only when TRUST_PROXY is on). */
    clientIp: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
