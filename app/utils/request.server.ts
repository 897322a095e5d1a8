import type { Cookie } from "@remix-run/node";

/** A body that is not a form is the client's mistake: 400, never a 500 with a stack trace. */
export async function readFormData(request: Request) {
  try {
    return await request.formData();
  } catch {
    throw new Response("The request body is not a valid form submission.", { status: 400 });
  }
}

/** A tampered or truncated cookie reads as absent instead of breaking every page. */
export async function parseCookieSafely(cookie: Cookie, request: Request): Promise<unknown> {
  try {
    return await cookie.parse(request.headers.get("Cookie"));
  } catch {
    return null;
  }
}
