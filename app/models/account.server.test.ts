import { unzipSync, strFromU8 } from "fflate";
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashSessionId, startSession } from "~/utils/auth.server";
import { verifyPassword } from "~/utils/password.server";
import { courseDocument, makeUser, uid } from "../../test/factories";
import { generateCertificate } from "../../jobs/processors/generate-certificate";
import {
  changePassword,
  deleteAccount,
  exportAccountData,
  initialsOf,
  namePreviewSvg,
  PASSWORD_CHECK_LIMIT,
  tombstoneEmail,
  updateProfile,
} from "./account.server";
import { getAssessment, startAttempt } from "./assessments.server";
import { verificationRecord } from "./certificates.server";
import { publishCourseDocument } from "./courses.server";
import { enrol } from "./enrolments.server";
import { completeModule } from "./progress.server";
import { authenticate } from "./users.server";

const PASSWORD = "correct horse battery staple";
const fakeRender = async () => Buffer.from("%PDF-1.7\n% test\n");

const sessionIdOf = (cookie: string) => cookie.split(";")[0]!.split("=")[1]!;

async function certifiedLearner(name: string) {
  const slug = `acct-${uid()}`;
  const doc = courseDocument(slug, { modules: [{ slug: "only" }] });
  doc.meta.certificate = "automatic";
  const published = await publishCourseDocument({ doc, origin: "import" });
  if (published.status !== "published") throw new Error(JSON.stringify(published));
  const learner = await makeUser("LEARNER", name);
  await enrol({ user: learner, courseSlug: slug });
  await completeModule({ userId: learner.id, courseSlug: slug, moduleSlug: "only" });
  const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id } });
  await generateCertificate({ certificateId: certificate.id }, fakeRender);
  return { learner, serial: certificate.serial, slug };
}

test("a profile change is validated by the schema, saved, and audited with the names of the fields changed only", async () => {
  const { ProfileSchema } = await import("~/validation/account");
  expect(ProfileSchema.safeParse({ name: "", country: "ZZ", locale: "xx" }).success).toBe(false);
  const parsed = ProfileSchema.parse({
    name: "  Amina\u202e Diallo\n",
    country: "SN",
    agencyRequest: "Police",
    locale: "fr",
  });
  expect(parsed.name).toBe("Amina Diallo");

  const user = await makeUser("LEARNER", "Amina Old");
  const saved = await updateProfile({ userId: user.id, input: parsed, ip: "203.0.113.9" });
  expect(saved).toEqual({ status: "saved", changed: ["name", "country", "agency", "locale"] });
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    name: "Amina Diallo",
    country: "SN",
    agency: "Police",
    locale: "fr",
  });
  const events = await prisma.auditEvent.findMany({ where: { targetId: user.id, action: "account.profile-changed" } });
  expect(events).toHaveLength(1);
  expect(events[0]!.detail).toEqual({ fields: ["name", "country", "agency", "locale"] });
  expect(JSON.stringify(events[0]!.detail)).not.toContain("Amina");
  expect(events[0]!.ip).toBe("203.0.113.9");
  // "Not listed": the name typed is kept as text and sent to administrators as a request.
  expect(
    await prisma.agencyRequest.findMany({ where: { requesterId: user.id }, select: { name: true, country: true } }),
  ).toEqual([{ name: "Police", country: "SN" }]);

  // The same values again: nothing written, nothing audited.
  expect(await updateProfile({ userId: user.id, input: parsed })).toEqual({ status: "unchanged" });
  expect(await prisma.auditEvent.count({ where: { targetId: user.id, action: "account.profile-changed" } })).toBe(1);
});

test("the name preview is the certificate's glyph outlines, and changes with the saved name", async () => {
  const user = await makeUser("LEARNER", "محمد عبد الله");
  const arabic = await namePreviewSvg({ userId: user.id });
  expect(arabic).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  expect(arabic).toContain("<title>محمد عبد الله</title>");
  expect(arabic).toMatch(/<path fill="#1c1c1c" d="M[\d.-]+ [\d.-]+/);
  expect(arabic).not.toMatch(/<text|<script|font-family/);
  await updateProfile({ userId: user.id, input: { name: "Nguyễn Thị Hương", country: "VN", locale: "en" } });
  const latin = await namePreviewSvg({ userId: user.id });
  expect(latin).toContain("<title>Nguyễn Thị Hương</title>");
  expect(latin).not.toBe(arabic);
});

test("a password change refuses a wrong current password, then ends every other session but not the current one", async () => {
  const user = await makeUser();
  const current = sessionIdOf(await startSession(user.id));
  const other = sessionIdOf(await startSession(user.id));
  const third = sessionIdOf(await startSession(user.id));

  const wrong = await changePassword({
    userId: user.id,
    sessionId: current,
    current: "not it",
    password: "a new long phrase",
  });
  expect(wrong).toEqual({ status: "wrong-current" });
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(3);

  const weak = await changePassword({
    userId: user.id,
    sessionId: current,
    current: PASSWORD,
    password: "password123",
  });
  expect(weak).toEqual({ status: "weak-password", reason: "validation.password.common" });

  const done = await changePassword({
    userId: user.id,
    sessionId: current,
    current: PASSWORD,
    password: "a new long phrase",
  });
  expect(done).toEqual({ status: "changed", endedSessions: 2 });
  const left = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
  expect(left.map((s) => s.id)).toEqual([hashSessionId(current)]);
  expect(left.map((s) => s.id)).not.toContain(hashSessionId(other));
  expect(left.map((s) => s.id)).not.toContain(hashSessionId(third));
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(await verifyPassword(row.passwordHash!, "a new long phrase")).toBe(true);
  expect(await prisma.auditEvent.count({ where: { targetId: user.id, action: "auth.password-changed" } })).toBe(1);
});

test("wrong current passwords are limited: past the limit even the right one is refused", async () => {
  const user = await makeUser();
  const sessionId = sessionIdOf(await startSession(user.id));
  const attempts = Array.from({ length: PASSWORD_CHECK_LIMIT.limit }, () =>
    changePassword({ userId: user.id, sessionId, current: "guess", password: "a new long phrase" }),
  );
  // Concurrent guesses are all counted (the limiter takes its place before the check).
  expect((await Promise.all(attempts)).map((r) => r.status)).toEqual(
    Array(PASSWORD_CHECK_LIMIT.limit).fill("wrong-current"),
  );
  const blocked = await changePassword({
    userId: user.id,
    sessionId,
    current: PASSWORD,
    password: "a new long phrase",
  });
  expect(blocked.status).toBe("rate-limited");
});

test("the export holds the person's profile, enrolments, progress, answers and certificate PDFs, and nothing of anyone else", async () => {
  const { learner, serial, slug } = await certifiedLearner("Export Person");
  const other = await certifiedLearner("Someone Else");
  const zip = await exportAccountData({ userId: learner.id, ip: "198.51.100.2" });
  const files = unzipSync(zip);
  expect(Object.keys(files).sort()).toEqual(
    [
      "attempts.json",
      "certificates.json",
      `certificates/${serial}.pdf`,
      "enrolments.json",
      "profile.json",
      "progress.json",
    ].sort(),
  );
  const read = (name: string) => JSON.parse(strFromU8(files[name]!));
  expect(read("profile.json")).toMatchObject({ id: learner.id, name: "Export Person", email: learner.email });
  expect(read("profile.json")).not.toHaveProperty("passwordHash");
  expect(read("enrolments.json")).toEqual([expect.objectContaining({ course: slug, status: "COMPLETED" })]);
  expect(read("progress.json")).toEqual([
    { course: slug, modulesCompleted: [expect.objectContaining({ module: "only" })] },
  ]);
  expect(read("certificates.json")).toEqual([
    expect.objectContaining({ serial, learnerName: "Export Person", pdf: `certificates/${serial}.pdf` }),
  ]);
  expect(strFromU8(files[`certificates/${serial}.pdf`]!)).toMatch(/^%PDF-/);
  const everything = Object.values(files)
    .map((bytes) => strFromU8(bytes))
    .join("\n");
  expect(everything).not.toContain("Someone Else");
  expect(everything).not.toContain(other.serial);
  expect(everything).not.toContain(other.learner.email);
  expect(everything).not.toContain(other.learner.id);
  expect(await prisma.auditEvent.count({ where: { targetId: learner.id, action: "account.data-exported" } })).toBe(1);
});

test("the export gives the person's answers and scores but no answer keys", async () => {
  const slug = `acct-q-${uid()}`;
  const doc = courseDocument(slug);
  doc.files = [
    {
      path: "assessments/bank.gift",
      content:
        "::k-1:: Which is evidence? {=A log file ~A rumour}\n\n::k-2:: Name the hash called SHA. {=Secure Hash Algorithm}\n",
    },
    {
      path: "assessments/final.yml",
      content: "title: Final\nfinal: true\nquestions:\n  - question: k-1\n  - question: k-2\n",
    },
  ];
  const published = await publishCourseDocument({ doc, origin: "import" });
  if (published.status !== "published") throw new Error(JSON.stringify(published));
  const learner = await makeUser();
  await enrol({ user: learner, courseSlug: slug });
  const assessment = await getAssessment({ courseSlug: slug, slug: "final", locale: "en" });
  const started = await startAttempt({ assessment, userId: learner.id });
  if (started.status !== "started") throw new Error(started.status);
  const items = await prisma.attemptItem.findMany({
    where: { attemptId: started.attemptId },
    orderBy: { position: "asc" },
  });
  // Answered one question and not yet submitted: the other's answer must not leak.
  await prisma.attemptItem.update({
    where: { id: items[0]!.id },
    data: { response: { type: "text", text: "my own words" } },
  });

  const files = unzipSync(await exportAccountData({ userId: learner.id }));
  const attempts = JSON.parse(strFromU8(files["attempts.json"]!));
  expect(attempts).toEqual([
    expect.objectContaining({
      course: slug,
      assessment: "final",
      status: "IN_PROGRESS",
      answers: [
        expect.objectContaining({ position: items[0]!.position, response: { type: "text", text: "my own words" } }),
        expect.objectContaining({ position: items[1]!.position, response: null, score: null }),
      ],
    }),
  ]);
  const text = strFromU8(files["attempts.json"]!);
  expect(text).not.toMatch(/Secure Hash Algorithm|A log file|rumour|snapshot/);
});

test("deleting an account anonymises the person, ends their sessions, and keeps certificates verifiable with initials", async () => {
  const { learner, serial } = await certifiedLearner("Nguyễn Thị Hương");
  await prisma.user.update({ where: { id: learner.id }, data: { country: "VN", agency: "Cyber Police" } });
  await startSession(learner.id);

  expect(await deleteAccount({ userId: learner.id, password: "wrong", keepName: false })).toEqual({
    status: "wrong-password",
  });
  expect(await deleteAccount({ userId: learner.id, password: PASSWORD, keepName: false })).toEqual({
    status: "deleted",
  });
  const row = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
  expect(row).toMatchObject({
    name: "N. T. H.",
    email: tombstoneEmail(learner.id),
    passwordHash: null,
    country: null,
    agency: null,
    role: "LEARNER",
  });
  expect(row.deletedAt).toBeInstanceOf(Date);
  expect(await prisma.session.count({ where: { userId: learner.id } })).toBe(0);
  expect(await prisma.enrolment.count({ where: { userId: learner.id } })).toBe(1);
  expect(await authenticate({ email: learner.email, password: PASSWORD, ip: `10.9.${uid().length}.1` })).toEqual({
    status: "invalid",
  });

  const record = await verificationRecord({ serial });
  expect(record).toMatchObject({ status: "valid", learnerName: "N. T. H." });
  // What was issued stays as issued: the PDF and the signed credential are not rewritten.
  const certificate = await prisma.certificate.findUniqueOrThrow({ where: { serial } });
  expect(certificate.learnerName).toBe("Nguyễn Thị Hương");
  const audit = await prisma.auditEvent.findFirstOrThrow({
    where: { targetId: learner.id, action: "account.deleted" },
  });
  expect(audit.detail).toEqual({ keptName: false });
});

test("a person who keeps their name on their certificates is still shown by name on /verify", async () => {
  const { learner, serial } = await certifiedLearner("Amina Diallo");
  expect(await deleteAccount({ userId: learner.id, password: PASSWORD, keepName: true })).toEqual({
    status: "deleted",
  });
  expect(await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).toMatchObject({
    name: "Amina Diallo",
    email: tombstoneEmail(learner.id),
  });
  expect(await verificationRecord({ serial })).toMatchObject({ learnerName: "Amina Diallo" });
});

test("the last administrator cannot delete their account; with another administrator they can", async () => {
  const admin = await makeUser("ADMIN");
  const others = await prisma.user.findMany({ where: { role: "ADMIN", deletedAt: null, NOT: { id: admin.id } } });
  // Demote every other administrator for this test (restored afterwards).
  await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "TRAINER" } });
  try {
    expect(await deleteAccount({ userId: admin.id, password: PASSWORD, keepName: false })).toEqual({
      status: "last-admin",
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN" });
    const second = await makeUser("ADMIN");
    expect(await deleteAccount({ userId: admin.id, password: PASSWORD, keepName: false })).toEqual({
      status: "deleted",
    });
    await prisma.user.update({ where: { id: second.id }, data: { role: "LEARNER" } });
  } finally {
    await prisma.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "ADMIN" } });
  }
});

test("initials take the first letter of each word, in any script", () => {
  expect(initialsOf("Ada Lovelace")).toBe("A. L.");
  expect(initialsOf("محمد علي")).toBe("م. ع.");
  expect(initialsOf("  ")).toBe("—");
});
