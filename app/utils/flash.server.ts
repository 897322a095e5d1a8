import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";
import { parseCookieSafely } from "./request.server";

/**
 * One-shot messages shown after a redirect ("toasts"). The cookie holds a catalogue key
 * and its parameters, never text, so it is translated on display and cannot inject markup.
 */
const flashCookie = createCookie("haidang_flash", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

const FlashSchema = z.object({
  type: z.enum(["success", "error", "info"]),
  key: z.string(),
  params: z.record(z.union([z.string(), z.number()])).optional(),
});
export type Flash = { type: "success" | "error" | "info"; key: MessageKey; params?: Record<string, string | number> };

export async function redirectWithFlash(url: string, flash: Flash, init: { headers?: Headers } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return redirect(url, { headers });
}

/** Reads the pending message (if any) and returns the header that clears it. */
export async function readFlash(request: Request) {
  const raw = await parseCookieSafely(flashCookie, request);
  const parsed = FlashSchema.safeParse(raw);
  if (!raw) return { flash: null, clear: null };
  return {
    flash: parsed.success ? parsed.data : null,
    clear: await flashCookie.serialize("", { maxAge: 0 }),
  };
}
