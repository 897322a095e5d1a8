import { expect, test } from "vitest";
import { readFormData } from "./request.server";

const post = (body: BodyInit) => new Request("http://localhost/signup", { method: "POST", body });

async function status(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as Response).status;
  }
}

test("a NUL byte in a form field's value or name is a 400, before any model sees it", async () => {
  expect(await status(readFormData(post(new URLSearchParams({ name: "Lan\u0000" }))))).toBe(400);
  expect(await status(readFormData(post(new URLSearchParams({ "na\u0000me": "Lan" }))))).toBe(400);
  const multipart = new FormData();
  multipart.set("file", new File(["x"], "a\u0000.csv"));
  expect(await status(readFormData(post(multipart)))).toBe(400);
});

test("a normal form and a body that is not a form", async () => {
  const form = await readFormData(post(new URLSearchParams({ name: "Nguyễn Thị Lan" })));
  expect(form.get("name")).toBe("Nguyễn Thị Lan");
  const broken = new Request("http://localhost/signup", {
    method: "POST",
    body: "--x\r\n",
    headers: { "Content-Type": "multipart/form-data; boundary=y" },
  });
  expect(await status(readFormData(broken))).toBe(400);
});
