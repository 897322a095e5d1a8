import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { acceptInvitation, findInvitation } from "~/models/bulk-enrolment.server";
import { startSession } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle } from "~/utils/meta";
import { hashPassword } from "~/utils/password.server";
import { passwordProblem } from "~/utils/password-policy.server";
import { readFormData } from "~/utils/request.server";
import { SignupSchema } from "~/validation/auth";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

const InviteSchema = z.object({ password: SignupSchema.shape.password });

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token!);
  return invitation.status === "valid"
    ? { status: "valid" as const, name: invitation.name, email: invitation.email }
    : { status: invitation.status };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const invitation = await findInvitation(params.token!);
  if (invitation.status !== "valid") return data({ result: null }, { status: 410 });
  const submission = parseWithZod(await readFormData(request), { schema: InviteSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const weak = passwordProblem({ password: submission.value.password, email: invitation.email });
  if (weak)
    return data(
      { result: submission.reply({ fieldErrors: { password: [weak] }, hideFields: ["password"] }) },
      { status: 400 },
    );
  const accepted = await acceptInvitation({
    token: params.token!,
    passwordHash: await hashPassword(submission.value.password),
  });
  if (accepted.status !== "accepted") return data({ result: null }, { status: 410 });
  const headers = new Headers({
    "Set-Cookie": await startSession(accepted.userId, {
      userAgent: request.headers.get("User-Agent"),
      ip: context.clientIp,
    }),
  });
  return redirectWithFlash("/dashboard", { type: "success", key: "invite.done" }, { headers });
}

export default function Invite() {
  const t = useT();
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  if (invitation.status !== "valid") {
    return (
      <section className="narrow">
        <h1>{t("invite.title")}</h1>
        <p className="form-errors" role="alert">
          {t(`invite.${invitation.status}`)}
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.title")}</h1>
      <p>{t("invite.intro", { name: invitation.name, email: invitation.email })}</p>
      <Form method="post" {...getFormProps(form)}>
        <TextField
          field={fields.password}
          label={t("signup.password")}
          hint={t("signup.password.hint")}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t("invite.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
