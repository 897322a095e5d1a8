import { expect, test } from "vitest";
import { QuestionSchema } from "~/content/questions";
import { flagFieldName, flagsFromForm, ON_PAGE, responsesFromForm, subFieldName } from "./attempt-form";
import { presentationOrder } from "./draw";
import { questionView } from "./view.server";

const matching = QuestionSchema.parse({
  type: "matching",
  stem: { text: "Match the activity" },
  pairs: [
    { left: { text: "Forum" }, right: "discussions" },
    { left: { text: "Wiki" }, right: "pages" },
  ],
  distractors: ["chat"],
});

test("a matching question offers its distractors in the drop-downs", () => {
  const presentation = presentationOrder(matching, "seed:1", true);
  const view = questionView({ position: 0, mark: 1, question: matching, presentation, response: null });
  expect(view.rights?.map((r) => r.text).sort()).toEqual(["chat", "discussions", "pages"]);
  expect(view.rights?.find((r) => r.text === "chat")?.value).toBe(2);
});

test("the form reads a distractor chosen in a drop-down, and drops an index past them", () => {
  const form = new FormData();
  form.set(ON_PAGE, "0");
  form.set(subFieldName(0, 0), "2");
  form.set(subFieldName(0, 1), "3");
  const read = responsesFromForm(form, [{ position: 0, question: matching, presentation: null }]);
  expect(read.get(0)).toEqual({ type: "matching", matches: [2, null] });
});

test("flags are read for the questions shown: ticked is flagged, unticked is cleared, others are left alone", () => {
  const form = new FormData();
  form.set(ON_PAGE, "0,1");
  form.set(flagFieldName(1), "on");
  form.set(flagFieldName(2), "on"); // not on the page: ignored
  const flags = flagsFromForm(form, [{ position: 0 }, { position: 1 }, { position: 2 }]);
  expect([...flags]).toEqual([
    [0, false],
    [1, true],
  ]);
});
