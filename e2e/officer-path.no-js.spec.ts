/** The same path without JavaScript: plain links and forms all the way to the certificate. */
import { test } from "./fixtures";
import { officerPath } from "./officer-path";

test.use({ viewport: { width: 390, height: 844 } });

test("without JavaScript, an officer goes from sign-up to certificate (en)", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await officerPath(page, browser, "en", { js: false });
});
