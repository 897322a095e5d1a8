/** Reads a credential from the verification form (pasted text or an uploaded file) and checks it. */
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { checkCredentialText, MAX_CREDENTIAL_BYTES } from "~/models/credentials.server";
import { readFormData } from "~/utils/request.server";
import { VerifyCredentialSchema } from "~/validation/certificates";

export async function checkCredentialFromForm(request: Request) {
  const submission = parseWithZod(await readFormData(request), { schema: VerifyCredentialSchema });
  // The pasted text comes back once, as `text` (it may be large).
  const empty = () =>
    data(
      {
        result: submission.reply({ formErrors: ["verify.error.empty"], hideFields: ["credential"] }),
        verification: null,
        text: "",
      },
      { status: 400 },
    );
  if (submission.status !== "success") return empty();
  const { file, credential: pasted } = submission.value;
  const text = file
    ? file.size > MAX_CREDENTIAL_BYTES
      ? ""
      : await file.text()
    : pasted.slice(0, MAX_CREDENTIAL_BYTES);
  if (!text.trim()) return empty();
  return data({
    result: submission.reply({ hideFields: ["credential"] }),
    verification: await checkCredentialText(text),
    text: text === pasted ? pasted : "",
  });
}
