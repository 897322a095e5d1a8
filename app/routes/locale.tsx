import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { localeCookie } from "~/i18n/locale.server";
import { setUserLocale } from "~/models/users.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { LocaleSchema } from "~/validation/auth";
import { readFormData } from "~/utils/request.server";

/** The language switcher posts here: remembered in a cookie, and on the account when signed in. */
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: LocaleSchema });
  if (submission.status !== "success") throw new Response("Unsupported language", { status: 400 });
  const { locale, redirectTo } = submission.value;
  const user = await getUser(request);
  if (user) await setUserLocale({ userId: user.id, locale });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
