/**
 * The authorisation matrix: route × role (× someone else's record), checked on the server
 * with plain HTTP requests (no page, so no client-side guard can hide a hole).
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { E2E_ORIGIN, e2eEnv } from "./env";
import { apiLogIn, DEMO, insertLostBatch } from "./fixtures";
import { NOMINATION } from "./nomination-data";

type Who = "anonymous" | "learner" | "otherTrainer" | "trainer" | "admin";

async function clientFor(who: Who): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: E2E_ORIGIN });
  if (who !== "anonymous") {
    await apiLogIn(context, DEMO[who]);
  }
  return context;
}

test("every management route answers by role: 302 signed out, 403 without the right, 200 with it", async () => {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  // An enrolment that belongs to another course: asking for it under this course must be 404.
  const learner = await clientFor("learner");
  await learner.post("/courses/cybercrime-first-response", {
    form: { intent: "enrol" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  const { rows } = await db.query(
    `SELECT e.id FROM "Enrolment" e JOIN "User" u ON u.id = e."userId" JOIN "Course" c ON c.id = e."courseId" WHERE u.email = $1 AND c.slug = 'cybercrime-first-response'`,
    [DEMO.learner.email],
  );
  const foreignEnrolment = rows[0]!.id as string;
  // A question of the course's bank, for its editor page (decision 025).
  const question = await db.query(
    `SELECT q.id FROM "Question" q JOIN "Course" c ON c.id = q."courseId" WHERE c.slug = 'electronic-evidence' AND q."archivedAt" IS NULL LIMIT 1`,
  );
  const questionId = question.rows[0]!.id as string;
  await db.end();

  const course = "electronic-evidence";
  const manage = [
    `/author/${course}/cohorts`,
    `/author/${course}/applications`,
    `/author/${course}/progress`,
    `/author/${course}/progress.csv`,
    `/author/${course}`,
    `/author/${course}/revisions`,
    `/author/${course}/questions`,
    `/author/${course}/questions.gift`,
    `/author/${course}/media`,
    `/author/${course}/media?delete=chain-of-custody.svg`,
    `/author/${course}/assessments`,
    `/author/${course}/assessments/new`,
    `/author/${course}/assessments/self-check`,
    `/author/${course}/assessments/self-check.csv`,
    `/author/${course}/assessments/self-check/settings`,
    `/author/${course}/grading`,
    `/author/${course}/questions/new?type=single`,
    `/author/${course}/questions/new?type=matching`,
    `/author/${course}/questions/${questionId}`,
    `/author/${course}/as-officer`,
    `/author/${course}/as-officer/what-is-electronic-evidence`,
    `/author/${course}/as-officer/assessments/self-check`,
  ];
  const batch = await insertLostBatch({
    courseSlug: course,
    fileName: "matrix.csv",
    csv: "email,name\nmatrix@example.org,Matrix\n",
  });
  const adminOnly = ["/admin/users", "/admin/enrolments", `/admin/enrolments/batches/${batch}`];
  const expected: Record<Who, { manage: number; admin: number }> = {
    anonymous: { manage: 302, admin: 302 },
    learner: { manage: 403, admin: 403 },
    otherTrainer: { manage: 403, admin: 403 },
    trainer: { manage: 200, admin: 403 },
    admin: { manage: 200, admin: 200 },
  };
  for (const who of Object.keys(expected) as Who[]) {
    const client = await clientFor(who);
    for (const path of manage)
      expect((await client.get(path, { maxRedirects: 0 })).status(), `${who} GET ${path}`).toBe(expected[who].manage);
    for (const path of adminOnly)
      expect((await client.get(path, { maxRedirects: 0 })).status(), `${who} GET ${path}`).toBe(expected[who].admin);
    // Accounts: two-step verification. Every signed-in person may open their own security page
    // (administrators without it are sent there by every admin route: see e2e/two-factor.spec.ts).
    for (const path of ["/account/security"])
      expect((await client.get(path, { maxRedirects: 0 })).status(), `${who} GET ${path}`).toBe(
        who === "anonymous" ? 302 : 200,
      );
    const disable = await client.post("/account/security", {
      form: { intent: "disable", password: "not the password", code: "000000" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(disable.status(), `${who} POST /account/security`).toBe(who === "anonymous" ? 302 : 400);
    // Someone else's record through this course's URL.
    const foreign = (
      await client.get(`/author/${course}/enrolments/${foreignEnrolment}`, { maxRedirects: 0 })
    ).status();
    expect(foreign, `${who} foreign enrolment`).toBe(expected[who].manage === 200 ? 404 : expected[who].manage);
    // State changes are refused the same way.
    const decide = await client.post(`/author/${course}/applications`, {
      form: { enrolmentId: foreignEnrolment, decision: "approve" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(decide.status(), `${who} POST decision`).toBe(expected[who].manage === 200 ? 404 : expected[who].manage);
    // Grading an answer that is not in this course's queue.
    const grade = await client.post(`/author/${course}/grading`, {
      form: { itemId: "00000000-0000-4000-8000-000000000000", points: "1" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(grade.status(), `${who} POST grade`).toBe(expected[who].manage === 200 ? 404 : expected[who].manage);
    // The question editor: a preview (which writes nothing) by role; a made-up type or intent is a 400.
    const questionPreview = await client.post(`/author/${course}/questions/new?type=single`, {
      form: {
        intent: "preview",
        type: "single",
        stem: "Matrix?",
        "choices[0].text": "Yes",
        "choices[0].weight": "100",
        "choices[1].text": "No",
      },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(questionPreview.status(), `${who} POST question preview`).toBe(expected[who].manage);
    if (expected[who].manage === 200) {
      expect((await client.get(`/author/${course}/questions/new?type=nonsense`)).status()).toBe(400);
      const badIntent = await client.post(`/author/${course}/questions/new?type=single`, {
        form: { __intent__: '{"type":"insert","payload":{"name":"stem"}}', stem: "x" },
        headers: { Origin: E2E_ORIGIN },
        maxRedirects: 0,
      });
      expect(badIntent.status(), `${who} POST question bad intent`).toBe(400);
    }
    // Media: an upload with no file is refused by role first, then as bad input (400).
    const upload = await client.post(`/author/${course}/media`, {
      multipart: { intent: "upload", alt: "x" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(upload.status(), `${who} POST media`).toBe(expected[who].manage === 200 ? 400 : expected[who].manage);
    const bulk = await client.post("/admin/enrolments", {
      multipart: { courseId: "x" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(bulk.status(), `${who} POST bulk`).toBe(expected[who].admin === 200 ? 400 : expected[who].admin);
    await client.dispose();
  }
  await learner.dispose();
});

// accounts: sessions and audit. Every signed-in person has /account/sessions; /admin/users/<id>
// and /admin/audit (with its CSV) are for administrators only.
test("sessions, user and audit pages answer by role", async () => {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(`SELECT id FROM "User" WHERE email = $1`, [DEMO.learner.email]);
  await db.end();
  const learnerId = rows[0]!.id as string;
  const adminOnly = [`/admin/users/${learnerId}`, "/admin/audit", "/admin/audit.csv?action=auth."];
  const expected: Record<Who, { own: number; admin: number }> = {
    anonymous: { own: 302, admin: 302 },
    learner: { own: 200, admin: 403 },
    otherTrainer: { own: 200, admin: 403 },
    trainer: { own: 200, admin: 403 },
    admin: { own: 200, admin: 200 },
  };
  for (const who of Object.keys(expected) as Who[]) {
    const client = await clientFor(who);
    expect((await client.get("/account/sessions", { maxRedirects: 0 })).status(), `${who} GET sessions`).toBe(
      expected[who].own,
    );
    for (const path of adminOnly)
      expect((await client.get(path, { maxRedirects: 0 })).status(), `${who} GET ${path}`).toBe(expected[who].admin);
    // Suspending the demo learner is refused to everyone but an administrator (and then a bad form: 400).
    const suspend = await client.post(`/admin/users/${learnerId}`, {
      form: { intent: "suspend", reason: "" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(suspend.status(), `${who} POST suspend`).toBe(expected[who].admin === 200 ? 400 : expected[who].admin);
    // Ending a session that is not one's own finds nothing.
    if (who !== "anonymous") {
      const end = await client.post("/account/sessions", {
        form: { intent: "end", session: "0".repeat(64) },
        headers: { Origin: E2E_ORIGIN },
        maxRedirects: 0,
      });
      expect(end.status(), `${who} POST end session`).toBe(404);
    }
    await client.dispose();
  }
});

// ---------------------------------------------------------------------------------------
// Accounts: the officer's own account pages. Everyone signed in may open their own; signed
// out is a redirect to /login. Each answers only for the signed-in person (no id in the URL).
test("the officer's own account pages: 302 signed out, their own page for everyone signed in", async () => {
  const pages = ["/account", "/account/password", "/account/data", "/account/name-preview.svg"];
  for (const who of ["anonymous", "learner", "trainer", "admin"] as const) {
    const client = await clientFor(who);
    for (const path of pages)
      expect((await client.get(path, { maxRedirects: 0 })).status(), `${who} GET ${path}`).toBe(
        who === "anonymous" ? 302 : 200,
      );
    // The download is a POST (audited, never prefetched); GET answers 405 to the signed in.
    expect((await client.get("/account/data.zip", { maxRedirects: 0 })).status(), `${who} GET data.zip`).toBe(
      who === "anonymous" ? 302 : 405,
    );
    const zip = await client.post("/account/data.zip", { headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 });
    expect(zip.status(), `${who} POST data.zip`).toBe(who === "anonymous" ? 302 : 200);
    if (who !== "anonymous") expect(zip.headers()["content-type"]).toBe("application/zip");
    // State changes signed out are refused before anything is read.
    if (who === "anonymous")
      for (const path of ["/account?index", "/account/password", "/account/data"])
        expect(
          (
            await client.post(path, { form: { password: "x" }, headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 })
          ).status(),
          `anonymous POST ${path}`,
        ).toBe(302);
    await client.dispose();
  }
});

// ---------------------------------------------------------------------------------------
// Accounts: verification and recovery (forgot/reset password, email verification, email
// change). Public pages answer everyone; a mailed link that is not valid is 410 for everyone;
// the email change page and "send the link again" need a session.
test("account recovery routes: public pages for all, signed-in pages 302 signed out, bad links 410", async () => {
  for (const who of ["anonymous", "learner"] as Who[]) {
    const client = await clientFor(who);
    const status = async (path: string) => (await client.get(path, { maxRedirects: 0 })).status();
    expect(await status("/forgot-password"), `${who} /forgot-password`).toBe(200);
    expect(await status("/reset-password/not-a-token"), `${who} /reset-password/:token`).toBe(410);
    expect(await status("/verify-email/not-a-token"), `${who} /verify-email/:token`).toBe(410);
    expect(await status("/account/email"), `${who} /account/email`).toBe(who === "anonymous" ? 302 : 200);
    const resend = await client.post("/verify-email/resend", {
      form: { redirectTo: "/dashboard" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(resend.status(), `${who} POST /verify-email/resend`).toBe(302);
    if (who === "anonymous") expect(resend.headers().location).toMatch(/^\/login\?redirectTo=/);
    const change = await client.post("/account/email", {
      form: { email: "someone@example.org", current: "not the password" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    // Signed in: the wrong password is refused (400), or the per-account limit answers first (429).
    if (who === "anonymous") expect(change.status(), `${who} POST /account/email`).toBe(302);
    else expect([400, 429], `${who} POST /account/email`).toContain(change.status());
    await client.dispose();
  }
});

// ---------------------------------------------------------------------------------------
// Nominations (docs/decisions/027): /focal/nominations* for focal points only, and only their
// agencies' people; /admin/applications for the centre (trainers: their courses; admins: all),
// its batch pages for their author or an administrator. Never the other way round.
test("nomination routes answer by role, and a focal point never reaches another agency's officer", async () => {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  let outsiderEnrolment: string;
  let outsiderId: string;
  let adminBatch: string;
  let courseId: string;
  try {
    const ids = await db.query(
      `SELECT (SELECT id FROM "User" WHERE email = $1) AS outsider, (SELECT id FROM "User" WHERE email = $2) AS admin,
              (SELECT id FROM "Course" WHERE slug = $3) AS course`,
      [NOMINATION.outsider.email, DEMO.admin.email, NOMINATION.course],
    );
    const { outsider, admin, course } = ids.rows[0] as { outsider: string; admin: string; course: string };
    outsiderId = outsider;
    courseId = course;
    // Another country's officer waiting for their own focal point.
    outsiderEnrolment = (
      await db.query(
        `INSERT INTO "Enrolment" (id, "userId", "courseId", status, "updatedAt") VALUES (gen_random_uuid(), $1, $2, 'AWAITING_ENDORSEMENT', now())
         ON CONFLICT ("userId", "courseId") DO UPDATE SET status = 'AWAITING_ENDORSEMENT' RETURNING id`,
        [outsider, course],
      )
    ).rows[0].id as string;
    adminBatch = (
      await db.query(
        `INSERT INTO "DecisionBatch" (id, "createdById", decision, status, total, "updatedAt") VALUES (gen_random_uuid(), $1, 'accept', 'DONE', 0, now()) RETURNING id`,
        [admin],
      )
    ).rows[0].id as string;
  } finally {
    await db.end();
  }

  // An administrator's enrolment file: no focal point's nomination file, so not theirs to read.
  const foreignFile = await insertLostBatch({
    courseSlug: "electronic-evidence",
    fileName: "matrix-nominations.csv",
    csv: "email,name\nmatrix-nominations@example.org,Matrix\n",
  });
  type NominationWho = Who | "focal";
  const expected: Record<NominationWho, { focal: number; centre: number; batch: number }> = {
    anonymous: { focal: 302, centre: 302, batch: 302 },
    learner: { focal: 403, centre: 403, batch: 403 },
    focal: { focal: 200, centre: 403, batch: 403 },
    otherTrainer: { focal: 403, centre: 200, batch: 404 },
    trainer: { focal: 403, centre: 200, batch: 404 },
    admin: { focal: 403, centre: 200, batch: 200 },
  };
  for (const who of Object.keys(expected) as NominationWho[]) {
    const client =
      who === "focal"
        ? await (async () => {
            const c = await request.newContext({ baseURL: E2E_ORIGIN });
            await apiLogIn(c, NOMINATION.focal);
            return c;
          })()
        : await clientFor(who);
    const get = async (path: string) => (await client.get(path, { maxRedirects: 0 })).status();
    const post = async (path: string, form: Record<string, string>) =>
      (await client.post(path, { form, headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 })).status();
    for (const path of ["/focal/nominations", "/focal/nominations/new", "/focal/nominations/csv"])
      expect(await get(path), `${who} GET ${path}`).toBe(expected[who].focal);
    expect(await get(`/focal/nominations/csv/${foreignFile}`), `${who} GET someone else's file`).toBe(
      who === "focal" ? 404 : expected[who].focal,
    );
    const upload = await client.post("/focal/nominations/csv", {
      multipart: { courseId: "x" },
      headers: { Origin: E2E_ORIGIN },
      maxRedirects: 0,
    });
    expect(upload.status(), `${who} POST nomination file`).toBe(who === "focal" ? 400 : expected[who].focal);
    expect(await get("/admin/applications"), `${who} GET /admin/applications`).toBe(expected[who].centre);
    expect(await get(`/admin/applications/batches/${adminBatch}`), `${who} GET batch`).toBe(expected[who].batch);
    // Endorsing another agency's officer: not found for the focal point, refused for the rest.
    const endorse = await post("/focal/nominations", { enrolmentId: outsiderEnrolment, decision: "endorse" });
    expect(endorse, `${who} POST endorse`).toBe(who === "focal" ? 404 : expected[who].focal);
    // Nominating another agency's officer is refused.
    const nominate = await post("/focal/nominations/new", {
      intent: "nominate",
      target: `${courseId}/`,
      userId: outsiderId,
    });
    expect(nominate, `${who} POST nominate`).toBe(who === "focal" ? 403 : expected[who].focal);
    // A focal point never decides for the centre.
    const decide = await post("/admin/applications", { enrolmentId: outsiderEnrolment, decision: "accept" });
    // (Nothing of it waits for the centre: 400 for the centre, refused for the others.)
    expect(decide, `${who} POST bulk decision`).toBe(expected[who].centre === 200 ? 400 : expected[who].centre);
    await client.dispose();
  }
});

// officer's path: "My results" shows the signed-in person's own attempts only; a course they were
// never enrolled in (or that does not exist) is a 404 for everyone, administrators included.
test("my results answer for one's own enrolment only", async () => {
  const learner = await clientFor("learner");
  await learner.post("/courses/cybercrime-first-response", {
    form: { intent: "enrol" },
    headers: { Origin: E2E_ORIGIN },
    maxRedirects: 0,
  });
  await learner.dispose();
  const own = "/dashboard/results/cybercrime-first-response";
  const expected: Record<Who, number> = { anonymous: 302, learner: 200, otherTrainer: 404, trainer: 404, admin: 404 };
  for (const who of Object.keys(expected) as Who[]) {
    const client = await clientFor(who);
    expect((await client.get(own, { maxRedirects: 0 })).status(), `${who} GET ${own}`).toBe(expected[who]);
    const none = "/dashboard/results/no-such-course";
    expect((await client.get(none, { maxRedirects: 0 })).status(), `${who} GET ${none}`).toBe(
      who === "anonymous" ? 302 : 404,
    );
    await client.dispose();
  }
});

// Agencies, focal points and vetting (docs/decisions/026): /admin/agencies… are for
// administrators; /focal… for focal points only, and only for the officers of their scope (the
// demo focal point: all of Viet Nam). A focal point reaches no administration and no authoring.
test("agency, focal-point and vetting routes answer by role and by scope", async () => {
  const db = new pg.Client({ connectionString: e2eEnv.DATABASE_URL });
  await db.connect();
  const idOf = async (email: string) =>
    (await db.query(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0]!.id as string;
  const inScope = await idOf(DEMO.officerVn.email);
  const outOfScope = await idOf(DEMO.officerKh.email);
  const agency = (await db.query(`SELECT id FROM "Agency" WHERE name = 'Cambodian National Police'`)).rows[0]!
    .id as string;
  await db.end();
  type FocalWho = Who | "focal";
  const clientOf = async (who: FocalWho) => {
    if (who !== "focal") return clientFor(who);
    const context = await request.newContext({ baseURL: E2E_ORIGIN });
    await apiLogIn(context, DEMO.focal);
    return context;
  };
  const admin = [
    "/admin/agencies",
    "/admin/agencies?country=VN&q=police",
    "/admin/agencies/new",
    `/admin/agencies/${agency}`,
    "/admin/agencies/duplicates",
    "/admin/agencies/import",
    "/admin/agencies/requests",
  ];
  const focal = [
    "/focal",
    "/focal?vetting=UNVERIFIED",
    "/focal/vetting",
    "/focal/officers.csv",
    `/focal/officers/${inScope}`,
  ];
  const denied = (who: FocalWho) => (who === "anonymous" ? 302 : 403);
  const expected: Record<FocalWho, { admin: number; focal: number }> = {
    anonymous: { admin: 302, focal: 302 },
    learner: { admin: 403, focal: 403 },
    otherTrainer: { admin: 403, focal: 403 },
    trainer: { admin: 403, focal: 403 },
    admin: { admin: 200, focal: 403 },
    focal: { admin: 403, focal: 200 },
  };
  for (const who of Object.keys(expected) as FocalWho[]) {
    const client = await clientOf(who);
    const get = async (path: string) => (await client.get(path, { maxRedirects: 0 })).status();
    const post = async (path: string, form: Record<string, string>) =>
      (await client.post(path, { form, headers: { Origin: E2E_ORIGIN }, maxRedirects: 0 })).status();
    for (const path of admin) expect(await get(path), `${who} GET ${path}`).toBe(expected[who].admin);
    for (const path of focal) expect(await get(path), `${who} GET ${path}`).toBe(expected[who].focal);
    // Out of scope is not found, to the one role that may look at all.
    expect(await get(`/focal/officers/${outOfScope}`), `${who} GET out-of-scope officer`).toBe(
      who === "focal" ? 404 : denied(who),
    );
    expect(
      await post("/focal/vetting", { userId: outOfScope, decision: "decline", reason: "not ours" }),
      `${who} POST vet out of scope`,
    ).toBe(who === "focal" ? 404 : denied(who));
    // State changes on agencies: a bad form is 400 for an administrator, refused for everyone else.
    expect(await post("/admin/agencies/new", { name: "" }), `${who} POST new agency`).toBe(
      who === "admin" ? 400 : denied(who),
    );
    expect(await post(`/admin/agencies/${agency}`, { intent: "merge", otherId: "x" }), `${who} POST merge`).toBe(
      who === "admin" ? 400 : denied(who),
    );
    expect(await post("/admin/agencies/duplicates", { keepId: "x" }), `${who} POST duplicates`).toBe(
      who === "admin" ? 400 : denied(who),
    );
    expect(await post("/admin/agencies/requests", { intent: "dismiss" }), `${who} POST request`).toBe(
      who === "admin" ? 400 : denied(who),
    );
    expect(await post(`/admin/users/${inScope}`, { intent: "focal-appoint" }), `${who} POST appoint`).toBe(
      who === "admin" ? 400 : denied(who),
    );
    // A focal point reaches neither administration nor authoring.
    if (who === "focal")
      for (const path of [
        "/admin/users",
        `/admin/users/${inScope}`,
        "/admin/audit",
        "/author",
        "/author/electronic-evidence",
      ])
        expect(await get(path), `focal GET ${path}`).toBe(403);
    await client.dispose();
  }
});
