/**
 * Input safety, over plain HTTP against the real server: body size limits (413 without reading
 * the body), no input gives a 5xx (NUL bytes and broken percent-encoding on every route),
 * the Origin check behind proxies, security headers on refusals, redirect targets.
 */
import { readdirSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { E2E_ORIGIN, E2E_PORT, e2eEnv } from "./env";
import { apiLogIn, DEMO, insertLostBatch, readyCertificateSerial, uniqueEmail } from "./fixtures";

const MB = 1024 * 1024;

async function clientFor(who: "anonymous" | keyof typeof DEMO): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: E2E_ORIGIN });
  if (who !== "anonymous") {
    await apiLogIn(context, DEMO[who]);
  }
  return context;
}

/** A raw POST: `chunks` sent chunked unless `length` is given; resolves when the response headers arrive. */
function rawPost(
  path: string,
  { chunks, length, headers = {} }: { chunks: Buffer[]; length?: number; headers?: Record<string, string> },
) {
  return new Promise<{ status: number; headers: IncomingMessage["headers"]; body: string; ms: number }>(
    (resolve, reject) => {
      const started = Date.now();
      const req = httpRequest({
        host: "localhost",
        port: E2E_PORT,
        path,
        method: "POST",
        headers: {
          Origin: E2E_ORIGIN,
          "Content-Type": "application/x-www-form-urlencoded",
          ...headers,
          ...(length !== undefined ? { "Content-Length": String(length) } : {}),
        },
      });
      req.on("response", (res) => {
        const ms = Date.now() - started;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body, ms }));
        res.on("error", () => resolve({ status: res.statusCode!, headers: res.headers, body, ms }));
      });
      req.on("error", reject);
      void (async () => {
        for (const chunk of chunks) {
          if (req.destroyed) return;
          if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        }
        req.end();
      })().catch(() => {});
    },
  );
}

const twentyMegabytes = () => Array.from({ length: 320 }, () => Buffer.alloc(64 * 1024, "a"));

test("a 20 MB post is refused with 413 at once, translated, and the server stays healthy", async () => {
  const declared = await rawPost("/login", {
    chunks: twentyMegabytes(),
    length: 20 * MB,
    headers: { "Accept-Language": "fr-FR,fr;q=0.9" },
  });
  expect(declared.status).toBe(413);
  expect(declared.ms).toBeLessThan(2000);
  expect(declared.headers.connection).toBe("close");
  expect(declared.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(declared.body).toContain("L’envoi est trop volumineux");
  expect(declared.body).toMatch(/1\sMo/);

  const chunked = await rawPost("/signup", { chunks: twentyMegabytes(), headers: { "Accept-Language": "ar" } });
  expect(chunked.status).toBe(413);
  expect(chunked.ms).toBeLessThan(2000);
  expect(chunked.body).toContain('dir="rtl"');
  expect(chunked.body).toContain("ما أرسلته كبير جدًا");

  const health = await (await request.newContext({ baseURL: E2E_ORIGIN })).get("/healthcheck");
  expect(health.status()).toBe(200);
});

test("a normal form still works, and upload routes accept up to their larger limit", async () => {
  const admin = await clientFor("admin"); // the login form itself
  // 3 MB to /verify (a credential upload route): past the form default, within the upload limit.
  const big = await admin.post("/verify", {
    multipart: { file: { name: "credential.json", mimeType: "application/json", buffer: Buffer.alloc(3 * MB, " ") } },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(big.status()).toBeLessThan(500);
  expect(big.status()).not.toBe(413);
  // The same 3 MB to an ordinary form route is refused.
  const refused = await admin.post("/author/electronic-evidence/cohorts", {
    multipart: { name: "x".repeat(3 * MB) },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(413);
  // Past the upload limit (8 MB) is refused on the upload route too, declared or streamed.
  const nineMegabytes = () => Array.from({ length: 144 }, () => Buffer.alloc(64 * 1024, "a"));
  const declared = await rawPost("/admin/enrolments", { chunks: nineMegabytes(), length: 9 * MB });
  expect(declared.status).toBe(413);
  const cookie = (await admin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const streamed = await rawPost("/admin/enrolments", {
    chunks: nineMegabytes(),
    headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x" },
  });
  expect(streamed.status).toBe(413);
  await admin.dispose();
});

test("Origin checks: same-origin behind a proxy passes, cross-site is 403 with the security headers", async () => {
  const anonymous = await request.newContext({ baseURL: E2E_ORIGIN });
  const form = { email: "nobody-origin@example.org", password: "not the password" };
  // A browser that sends "Origin: null" (privacy settings, some redirects) with a same-origin Referer.
  const nullOrigin = await anonymous.post("/login", {
    form,
    headers: { Origin: "null", Referer: `${E2E_ORIGIN}/login` },
    maxRedirects: 0,
  });
  expect(nullOrigin.status()).toBe(401);
  // A proxy that passes the public origin but its own X-Forwarded-Host, for a page and a JavaScript submit.
  for (const path of ["/login", "/login.data"]) {
    const proxied = await anonymous.post(path, {
      form,
      headers: { Origin: E2E_ORIGIN, "X-Forwarded-Host": "internal.example:8080" },
      maxRedirects: 0,
    });
    expect(proxied.status(), path).toBeLessThan(500);
    expect(proxied.status(), path).not.toBe(403);
  }
  const cross = await anonymous.post("/login", {
    form,
    headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "Accept-Language": "ar" },
    maxRedirects: 0,
  });
  expect(cross.status()).toBe(403);
  expect(cross.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(cross.headers()["x-frame-options"]).toBe("DENY");
  expect(await cross.text()).toContain("تم رفض الطلب");
  await anonymous.dispose();
});

test("redirect targets: line breaks and encoded tricks go to the dashboard, after nothing half-done", async () => {
  const anonymous = await request.newContext({ baseURL: E2E_ORIGIN });
  const email = uniqueEmail("crlf");
  const signup = await anonymous.post("/signup", {
    form: {
      name: "Crlf Officer",
      email,
      password: "a long passphrase 2026",
      country: "VN",
      locale: "en",
      redirectTo: "/courses\r\nSet-Cookie: x=1",
    },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(signup.status()).toBe(302);
  // Sign-up no longer signs anyone in or follows redirectTo: it always goes to "check your email".
  expect(signup.headers()["location"]).toBe("/signup?sent=1");
  await anonymous.dispose();

  for (const redirectTo of ["/\t/evil.example", "/%09/evil.example", "/%2F%2Fevil.example", "/%5Cevil.example"]) {
    const client = await request.newContext({ baseURL: E2E_ORIGIN });
    const login = await client.post("/login", {
      form: { email: DEMO.learner.email, password: DEMO.learner.password, redirectTo },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(login.status(), redirectTo).toBe(302);
    // An unsafe target is dropped: the officer lands where every sign-in lands, the dashboard.
    expect(login.headers()["location"], redirectTo).toBe("/dashboard");
    await client.dispose();
  }
});

test("a cohort dated 0000-01-01 is a form error, not a 500", async () => {
  const trainer = await clientFor("trainer");
  const response = await trainer.post("/author/electronic-evidence/cohorts", {
    form: { name: "Year zero", startsAt: "0000-01-01", endsAt: "0000-01-02", capacity: "" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  await trainer.dispose();
});

test("the attempt page's ?page= with a line break saves the answers and redirects", async () => {
  const admin = await clientFor("admin");
  await admin.post("/courses/e2e-quiz", {
    form: { intent: "enrol" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  const start = await admin.post("/courses/e2e-quiz/assessments/final", {
    form: {},
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  const attempt = start.headers()["location"] ?? "";
  expect(attempt, "an attempt was started").toMatch(/\/attempts\//);
  const save = await admin.post(`${attempt}?page=1%0D%0AX-Injected:%20yes`, {
    form: { intent: "save" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  expect(save.status()).toBe(302);
  expect(save.headers()["location"]).toBe(`${attempt}?page=0`);
  expect(save.headers()["x-injected"]).toBeUndefined();
  await admin.dispose();
});

/** Every route file as a real URL, with ids seeded in the e2e database. */
async function everyRouteUrl() {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  const one = async (sql: string, params: unknown[] = []) =>
    ((await db.query(sql, params)).rows[0]?.value as string | undefined) ?? "00000000-0000-4000-8000-000000000000";
  const course = "electronic-evidence";
  const values: Record<string, string> = {
    slug: course,
    module: await one(
      `SELECT m.slug AS value FROM "Module" m JOIN "Course" c ON c.id = m."courseId" WHERE c.slug = $1 ORDER BY m.slug LIMIT 1`,
      [course],
    ),
    assessment: "self-check",
    attempt: await one(`SELECT id AS value FROM "Attempt" LIMIT 1`),
    serial: await readyCertificateSerial(),
    name: await one(
      `SELECT m.name AS value FROM "CourseMedia" m JOIN "Course" c ON c.id = m."courseId" WHERE c.slug = $1 LIMIT 1`,
      [course],
    ),
    list: "1",
    token: "not-a-token",
  };
  const ids: Record<string, string> = {
    "author.$slug.cohorts.$id": await one(
      `SELECT co.id AS value FROM "Cohort" co JOIN "Course" c ON c.id = co."courseId" WHERE c.slug = $1 LIMIT 1`,
      [course],
    ),
    "author.$slug.enrolments.$id": await one(
      `SELECT e.id AS value FROM "Enrolment" e JOIN "Course" c ON c.id = e."courseId" WHERE c.slug = $1 LIMIT 1`,
      [course],
    ),
    "admin.enrolments_.batches.$id": await insertLostBatch({
      courseSlug: course,
      fileName: "nul.csv",
      csv: "email,name\nnul@example.org,Nul\n",
    }),
    "admin.certificates.batches.$id": await one(`SELECT id AS value FROM "CertificateBatch" LIMIT 1`),
    "admin.certificates.batches.$id[.zip]": await one(`SELECT id AS value FROM "CertificateBatch" LIMIT 1`),
  };
  await db.end();
  return readdirSync("app/routes")
    .filter((file) => /\.tsx?$/.test(file) && !file.includes(".test."))
    .map((file) => {
      const route = file.replace(/\.tsx?$/, "");
      const segments = route
        .split(/\.(?![^[]*\])/)
        .filter((segment) => segment !== "_index")
        .map((segment) => {
          if (segment === "$") return "anything";
          if (segment.startsWith("$")) {
            const name = segment.slice(1).replace(/\[(.*)\]$/, "");
            const suffix = /\[(.*)\]$/.exec(segment)?.[1] ?? "";
            return (name === "id" ? ids[route]! : (values[name] ?? "x")) + suffix;
          }
          return segment.replace(/_$/, "").replace(/\[(.*)\]/g, "$1");
        });
      return { route, url: `/${segments.join("/")}` };
    });
}

const NUL_FORM = Object.fromEntries(
  [
    "intent",
    "name",
    "email",
    "password",
    "country",
    "agency",
    "locale",
    "title",
    "summary",
    "body",
    "markdown",
    "slug",
    "reason",
    "note",
    "q",
    "key",
    "justification",
    "comment",
    "category",
    "text",
    "credential",
    "enrolmentId",
    "courseId",
    "cohortId",
    "userId",
    "role",
    "itemId",
    "points",
  ].map((field) => [field, `x\u0000${field}`]),
);

test("no route answers 5xx to a NUL byte in its path, query or form, or to broken percent-encoding", async () => {
  test.setTimeout(240_000);
  const urls = await everyRouteUrl();
  expect(urls.length).toBeGreaterThan(40);
  const failures: string[] = [];
  for (const who of ["anonymous", "admin"] as const) {
    const client = await clientFor(who);
    const check = async (what: string, response: Promise<{ status(): number }>) => {
      const status = (await response).status();
      if (status >= 500) failures.push(`${who} ${what} → ${status}`);
    };
    for (const { url } of urls) {
      const isLogout = url === "/logout";
      const base = url === "/" ? "" : url;
      await check(`GET ${url}%00`, client.get(`${url}%00`, { maxRedirects: 0 }));
      await check(`GET ${url}/%00`, client.get(`${base}/%00`, { maxRedirects: 0 }));
      await check(`GET ${url}/%ff`, client.get(`${base}/%ff`, { maxRedirects: 0 }));
      await check(
        `GET ${url}?…=%00`,
        client.get(`${url}?q=%00&page=%00&lang=%00&cohort=%00&category=%00&serial=%00&next=%00&redirectTo=%00`, {
          maxRedirects: 0,
        }),
      );
      await check(`GET ${url}?q=%ff`, client.get(`${url}?q=%ff`, { maxRedirects: 0 }));
      if (isLogout && who !== "anonymous") continue; // would end this client's session
      await check(
        `POST ${url} (form with NUL)`,
        client.post(url, { form: NUL_FORM, headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 }),
      );
      await check(
        `POST ${url}?index (form with NUL)`,
        client.post(`${url}?index`, { form: NUL_FORM, headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 }),
      );
      await check(
        `POST ${url} (a file with NUL)`,
        client.post(url, {
          multipart: {
            format: "gift",
            category: "nul",
            file: { name: "nul.txt", mimeType: "text/plain", buffer: Buffer.from("::Q::2+2?\u0000 {=4}\n") },
          },
          headers: { Origin: E2E_ORIGIN },
          maxRedirects: 0,
        }),
      );
      await check(
        `POST ${url} (multipart with NUL)`,
        client.post(url, { multipart: NUL_FORM, headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 }),
      );
    }
    await check("GET /%ff", client.get("/%ff", { maxRedirects: 0 }));
    await check("GET /%00", client.get("/%00", { maxRedirects: 0 }));
    await client.dispose();
  }
  expect(failures).toEqual([]);
});

test("the 400 for a NUL byte in the address is translated and carries the security headers", async () => {
  const client = await request.newContext({ baseURL: E2E_ORIGIN, extraHTTPHeaders: { "Accept-Language": "fr" } });
  const response = await client.get("/courses?q=%00");
  expect(response.status()).toBe(400);
  expect(response.headers()["content-security-policy"]).toContain("default-src 'self'");
  expect(await response.text()).toContain("Cette adresse ou ce formulaire n’a pas pu être lu");
  await client.dispose();
});
