/**
 * E2E-only accounts and agencies for the nomination journeys (docs/decisions/027), written by
 * e2e/prepare.ts: an agency in Viet Nam with its focal point and three officers (one per
 * journey), and an agency in Cambodia whose officer the Vietnamese focal point must not reach.
 */
export const NOMINATION = {
  course: "e2e-nomination",
  courseTitle: "Nominated investigators (test course)",
  agency: "E2E Cybercrime Unit",
  otherAgency: "E2E Cambodian Police",
  focal: { email: "focal.e2e@haidang.test", password: "Hanoi-Beacon-FE-2026", name: "E2E Focal Point" },
  officers: {
    js: { email: "officer.js.e2e@haidang.test", password: "Hanoi-Beacon-OJ-2026", name: "Tran Thi Nominee" },
    noJs: { email: "officer.nojs.e2e@haidang.test", password: "Hanoi-Beacon-ON-2026", name: "Le Van Plainform" },
    applies: { email: "officer.apply.e2e@haidang.test", password: "Hanoi-Beacon-OA-2026", name: "Pham Minh Applicant" },
  },
  outsider: { email: "officer.kh.e2e@haidang.test", password: "Hanoi-Beacon-OK-2026", name: "Sok Outsider" },
} as const;
