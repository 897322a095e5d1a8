/**
 * Forms, one way (STYLE.md): every action parses its form with its zod schema through
 * conform, and answers a bad submission in one shape, `{ result: submission.reply() }`,
 * which the page hands to `useForm({ lastResult })` or reads with `formErrors()`.
 */
import type { Submission, SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { readFormData } from "./request.server";

/** Reads the request's form (a body that is not a form is a 400) and parses it with the schema. */
export async function parseForm<Schema extends z.ZodTypeAny>(request: Request, schema: Schema) {
  return parseWithZod(await readFormData(request), { schema });
}

type ReplyOptions = Parameters<Submission<unknown>["reply"]>[0];

/** The one error answer: conform's reply (form and field errors, the values sent) with a 4xx status. */
export function replyWithErrors(
  submission: Submission<unknown>,
  options?: ReplyOptions,
  status = 400,
): ReturnType<typeof data<{ result: SubmissionResult<string[]> }>> {
  return data({ result: submission.reply(options) }, { status });
}
