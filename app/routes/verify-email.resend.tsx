import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { resendVerification } from "~/models/account-tokens.server";
import { requireUser } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { ResendVerificationSchema } from "~/validation/account";

/** "Send the link again" from the banner of the dashboard and course pages (POST only). */
export async function loader() {
  return redirect("/dashboard");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, ResendVerificationSchema);
  const back = submission.status === "success" ? submission.value.redirectTo : "/dashboard";
  const result = await resendVerification({ userId: user.id, ip: context.clientIp });
  if (result.status === "rate-limited")
    return redirectWithFlash(back, {
      type: "error",
      key: "account.verify.tooMany",
      params: { minutes: Math.ceil(result.retryAfterSeconds / 60) },
    });
  return redirectWithFlash(back, {
    type: "success",
    key: result.status === "sent" ? "account.verify.sent" : "account.verify.already",
  });
}
