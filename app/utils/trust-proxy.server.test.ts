import type { AddressInfo } from "node:net";
import express from "express";
import { expect, test } from "vitest";
import { parseTrustProxy } from "./env.server";

test("TRUST_PROXY: off by default, a hop count, or a list of addresses; `true` and nonsense are refused by name", () => {
  expect(parseTrustProxy(undefined)).toBe(false);
  expect(parseTrustProxy("")).toBe(false);
  expect(parseTrustProxy("false")).toBe(false);
  expect(parseTrustProxy("0")).toBe(false);
  expect(parseTrustProxy("1")).toBe(1);
  expect(parseTrustProxy("2")).toBe(2);
  expect(parseTrustProxy("10.0.0.1, 192.168.0.0/16,loopback, fd00::/8")).toBe(
    "10.0.0.1, 192.168.0.0/16, loopback, fd00::/8",
  );
  expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY/);
  expect(() => parseTrustProxy("yes")).toThrow(/TRUST_PROXY.*yes/);
  expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/TRUST_PROXY/);
  expect(() => parseTrustProxy("-1")).toThrow(/TRUST_PROXY/);
});

/** What Express (as server.ts configures it) takes for the client's address. */
async function clientIpSeen(trustProxy: string | undefined, forwardedFor: string) {
  const app = express();
  app.set("trust proxy", parseTrustProxy(trustProxy));
  app.get("/", (req, res) => {
    res.send(req.ip);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "X-Forwarded-For": forwardedFor } });
    return await response.text();
  } finally {
    server.close();
  }
}

test("behind one proxy, a client-supplied X-Forwarded-For entry does not change the client address", async () => {
  // The proxy appends the address it saw (203.0.113.7) to whatever the client sent.
  expect(await clientIpSeen("1", "203.0.113.7")).toBe("203.0.113.7");
  expect(await clientIpSeen("1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
  expect(await clientIpSeen("1", "1.1.1.1, 6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
  // An address list: only the listed proxy's word is taken.
  expect(await clientIpSeen("127.0.0.1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
  // Without TRUST_PROXY the header is ignored altogether.
  expect(await clientIpSeen(undefined, "6.6.6.6")).toBe("127.0.0.1");
});
