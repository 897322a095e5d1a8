/** Reads a credential from the verification form (pasted text or an uploaded file) and checks it. */
import { checkCredentialText, MAX_CREDENTIAL_BYTES } from "~/models/credentials.server";
import { readFormData } from "~/utils/request.server";

export async function checkCredentialFromForm(request: Request) {
  const form = await readFormData(request);
  const file = form.get("file");
  const pasted = String(form.get("credential") ?? "");
  const text =
    file instanceof File && file.size > 0
      ? file.size > MAX_CREDENTIAL_BYTES
        ? ""
        : await file.text()
      : pasted.slice(0, MAX_CREDENTIAL_BYTES);
  if (!text.trim()) return { result: null, text: "", error: "verify.error.empty" as const };
  return { result: await checkCredentialText(text), text: text === pasted ? pasted : "", error: null };
}
