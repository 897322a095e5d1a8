import type { Cookie } from "@remix-run/node";

/**
 * A body that is not a form is the client's mistake: 400, never a 500 with a stack trace.
 * So is a NUL byte in a field's name or value: PostgreSQL text cannot hold it, and it would
 * otherwise surface as a database error after part of the work was done.
 */
export async function readFormData(request: Request) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("The request body is not a valid form submission.", { status: 400 });
  }
  for (const [name, value] of form.entries()) {
    const text = typeof value === "string" ? value : value.name;
    if (name.includes("\u0000") || text.includes("\u0000")) {
      throw new Response("A form field holds a NUL byte.", { status: 400 });
    }
  }
  return form;
}

/** A tampered or truncated cookie reads as absent instead of breaking every page. */
export async function parseCookieSafely(cookie: Cookie, request: Request): Promise<unknown> {
  try {
    return await cookie.parse(request.headers.get("Cookie"));
  } catch {
    return null;
  }
}
