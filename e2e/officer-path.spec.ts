/** Sign-up to certificate on a 390 px phone, in English and in Arabic, one next action at a time. */
import { test } from "./fixtures";
import { officerPath } from "./officer-path";

test.use({ viewport: { width: 390, height: 844 } });

for (const locale of ["en", "ar"] as const) {
  test(`an officer goes from sign-up to certificate without hunting for the next step (${locale})`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    await officerPath(page, browser, locale, { js: true });
  });
}
