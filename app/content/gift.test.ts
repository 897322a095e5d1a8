import { expect, test } from "vitest";
import { GIFT_MAX_QUESTIONS, escapeGift, moodleMarks, parseGift, unescapeGift, writeGift } from "./gift";
import {
  QuestionSchema,
  TEXT_FORMATS,
  type Question,
  type RichText,
  type SourceError,
  type TextFormat,
} from "./questions";

// ---------------------------------------------------------------------------------------
// Helpers

function parseOk(source: string): Question[] {
  const result = parseGift(source);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.questions;
}

function parseOne(source: string): Question {
  const questions = parseOk(source);
  expect(questions).toHaveLength(1);
  return questions[0] as Question;
}

function errorsOf(source: string): SourceError[] {
  const result = parseGift(source);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.questions)}`);
  return result.errors;
}

/** The one error of a source, which must mention `fragment`. */
function expectError(source: string, line: number, fragment: string | RegExp) {
  const errors = errorsOf(source);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.line).toBe(line);
  expect(errors[0]?.message).toMatch(fragment);
}

const rt = (text: string, format: TextFormat = "moodle"): RichText => ({ text, format });
/** A question as stored, with the schema's defaults filled in. */
const q = (fields: Record<string, unknown>): Question => QuestionSchema.parse(fields);

function expectRoundTrip(questions: Question[]) {
  const written = writeGift(questions);
  const result = parseGift(written);
  if (!result.ok) throw new Error(`written GIFT does not parse: ${JSON.stringify(result.errors)}\n${written}`);
  expect(result.questions).toEqual(questions);
}

// ---------------------------------------------------------------------------------------
// Moodle's documented examples (docs.moodle.org/en/GIFT_format)

test("Moodle: multiple choice", () => {
  expect(parseOne("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")).toEqual(
    q({
      type: "single",
      stem: rt("Who's buried in Grant's tomb?"),
      choices: [
        { text: rt("Grant"), weight: 0 },
        { text: rt("Jefferson"), weight: 0 },
        { text: rt("no one"), weight: 100 },
      ],
    }),
  );
});

test("Moodle: missing word keeps the text before and after the blank", () => {
  const question = parseOne("Grant is {~buried =entombed ~living} in Grant's tomb.");
  expect(question.stem).toEqual(rt("Grant is"));
  expect(question.tail).toBe("in Grant's tomb.");
  expect(question.type).toBe("single");
});

test("Moodle: answers on separate, indented lines", () => {
  const [thanksgiving, japanese] = parseOk(
    [
      "The American holiday of Thanksgiving is celebrated on the {",
      "    ~second",
      "    ~third",
      "    =fourth",
      "} Thursday of November.",
      "",
      "Japanese characters originally came from what country? {",
      "    ~India",
      "    =China",
      "    ~Korea",
      "    ~Egypt",
      "}",
    ].join("\n"),
  );
  expect(thanksgiving).toMatchObject({
    stem: rt("The American holiday of Thanksgiving is celebrated on the"),
    tail: "Thursday of November.",
  });
  expect(thanksgiving?.type === "single" && thanksgiving.choices.map((c) => c.weight)).toEqual([0, 0, 100]);
  expect(japanese).toMatchObject({ type: "single", tail: null });
  expect(japanese?.type === "single" && japanese.choices.map((c) => c.text.text)).toEqual([
    "India",
    "China",
    "Korea",
    "Egypt",
  ]);
});

test("Moodle: short answer", () => {
  expect(parseOne("Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant =Ulysses Grant}")).toEqual(
    q({
      type: "short",
      stem: rt("Who's buried in Grant's tomb?"),
      answers: [{ text: "Grant" }, { text: "Ulysses S. Grant" }, { text: "Ulysses Grant" }],
    }),
  );
  const twoPlusTwo = parseOne("Two plus two equals {=four =4}.");
  expect(twoPlusTwo).toMatchObject({ type: "short", stem: rt("Two plus two equals"), tail: "." });
});

test("Moodle: true/false", () => {
  expect(parseOne("Grant is buried in Grant's tomb.{F}")).toEqual(
    q({ type: "truefalse", stem: rt("Grant is buried in Grant's tomb."), answer: false }),
  );
  expect(parseOne("The sun rises in the east.{T}")).toMatchObject({ type: "truefalse", answer: true });
  expect(parseOne("The sun rises in the east.{TRUE}")).toMatchObject({ type: "truefalse", answer: true });
  expect(parseOne("The sun rises in the west.{FALSE}")).toMatchObject({ type: "truefalse", answer: false });
});

test("Moodle: matching, with general feedback", () => {
  const question = parseOne(
    [
      "Match the following countries with their corresponding capitals. {",
      "    =Canada -> Ottawa",
      "    =Italy  -> Rome",
      "    =Japan  -> Tokyo",
      "    =India  -> New Delhi",
      "    ####It's good to know the capitals",
      "    }",
    ].join("\n"),
  );
  expect(question).toEqual(
    q({
      type: "matching",
      stem: rt("Match the following countries with their corresponding capitals."),
      pairs: [
        { left: rt("Canada"), right: "Ottawa" },
        { left: rt("Italy"), right: "Rome" },
        { left: rt("Japan"), right: "Tokyo" },
        { left: rt("India"), right: "New Delhi" },
      ],
      generalFeedback: rt("It's good to know the capitals"),
    }),
  );
});

test("Moodle: numerical with tolerance, range, and several answers", () => {
  expect(parseOne("When was Ulysses S. Grant born?{#1822:5}")).toEqual(
    q({
      type: "numerical",
      stem: rt("When was Ulysses S. Grant born?"),
      answers: [{ kind: "exact", value: 1822, tolerance: 5 }],
    }),
  );
  const pi = parseOne("What is the value of pi (to 3 decimal places)? {#3.14159:0.0005}.");
  expect(pi).toMatchObject({ tail: ".", answers: [{ kind: "exact", value: 3.14159, tolerance: 0.0005 }] });
  const range = parseOne("What is the value of pi (to 3 decimal places)? {#3.141..3.142}.");
  expect(range).toMatchObject({ answers: [{ kind: "range", min: 3.141, max: 3.142, credit: 100 }] });
  const several = parseOne(
    [
      "When was Ulysses S. Grant born? {#",
      "    =1822:0      # Correct! Full credit.",
      "    =%50%1822:2  # He was born in 1822. Half credit for being close.",
      "}",
    ].join("\n"),
  );
  expect(several).toMatchObject({
    type: "numerical",
    answers: [
      { kind: "exact", value: 1822, tolerance: 0, credit: 100, feedback: rt("Correct! Full credit.") },
      {
        kind: "exact",
        value: 1822,
        tolerance: 2,
        credit: 50,
        feedback: rt("He was born in 1822. Half credit for being close."),
      },
    ],
  });
});

test("Moodle: essay and description", () => {
  expect(parseOne("Write a short biography of Dag Hammarskjöld. {}")).toEqual(
    q({ type: "essay", stem: rt("Write a short biography of Dag Hammarskjöld.") }),
  );
  expect(parseOne("You can use your pencil and paper for these next math questions.")).toEqual(
    q({ type: "description", stem: rt("You can use your pencil and paper for these next math questions.") }),
  );
});

test("Moodle: answer feedback", () => {
  const choice = parseOne(
    [
      "What's the answer to this multiple-choice question? {",
      "    ~wrong answer#feedback comment on the wrong answer",
      "    ~another wrong answer#feedback comment on this wrong answer",
      "    =right answer#Very good!}",
    ].join("\n"),
  );
  expect(choice.type === "single" && choice.choices.map((c) => c.feedback?.text)).toEqual([
    "feedback comment on the wrong answer",
    "feedback comment on this wrong answer",
    "Very good!",
  ]);
  const short = parseOne(
    "Who's buried in Grant's tomb?{\n    =no one#excellent answer!\n    =nobody#excellent answer!}",
  );
  expect(short).toMatchObject({
    type: "short",
    answers: [{ text: "no one", feedback: rt("excellent answer!") }, { text: "nobody" }],
  });
});

test("Moodle: true/false feedback, the first shown to a wrong answer and the second to a right one", () => {
  expect(parseOne("Grant is buried in Grant's tomb.{FALSE#No one is buried in Grant's tomb.}")).toMatchObject({
    answer: false,
    feedbackWrong: rt("No one is buried in Grant's tomb."),
    feedbackRight: null,
  });
  expect(
    parseOne("42 is the Absolute Answer to everything.{FALSE#42 is the Ultimate Answer.#You gave the right answer.}"),
  ).toMatchObject({
    answer: false,
    feedbackWrong: rt("42 is the Ultimate Answer."),
    feedbackRight: rt("You gave the right answer."),
  });
});

test("Moodle: percentage weights in a choice and in short answers", () => {
  const choice = parseOne(
    [
      "::Jesus' hometown::Jesus Christ was from {",
      "    ~Jerusalem#This was an important city, but the wrong answer.",
      "    ~%25%Bethlehem#He was born here, but not raised here.",
      "    ~%50%Galilee#You need to be more specific.",
      "    =Nazareth#Yes! That's right!",
      "}.",
    ].join("\n"),
  );
  expect(choice).toMatchObject({
    type: "single",
    title: "Jesus' hometown",
    stem: rt("Jesus Christ was from"),
    tail: ".",
  });
  expect(choice.type === "single" && choice.choices.map((c) => [c.text.text, c.weight])).toEqual([
    ["Jerusalem", 0],
    ["Bethlehem", 25],
    ["Galilee", 50],
    ["Nazareth", 100],
  ]);
  const short = parseOne(
    [
      "::Jesus' hometown:: Jesus Christ was from {",
      "    =Nazareth#Yes! That's right!",
      "    =%75%Nazereth#Right, but misspelled.",
      "    =%25%Bethlehem#He was born here, but not raised here.",
      "}",
    ].join("\n"),
  );
  expect(short.type === "short" && short.answers.map((a) => [a.text, a.credit])).toEqual([
    ["Nazareth", 100],
    ["Nazereth", 75],
    ["Bethlehem", 25],
  ]);
});

test("Moodle: multiple right answers with negative weights", () => {
  const question = parseOne(
    [
      "What two people are entombed in Grant's tomb? {",
      "    ~%-100%No one",
      "    ~%50%Grant",
      "    ~%50%Grant's wife",
      "    ~%-100%Grant's father",
      "}",
    ].join("\n"),
  );
  expect(question.type).toBe("multiple");
  expect(question.type === "multiple" && question.choices.map((c) => c.weight)).toEqual([-100, 50, 50, -100]);
});

test("Moodle: the quick examples, with titles and comments", () => {
  const questions = parseOk(
    [
      "// true/false",
      "::Q1:: 1+1=2 {T}",
      "",
      "// multiple choice with specified feedback for right and wrong answers",
      "::Q2:: What's between orange and green in the spectrum?",
      "{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }",
      "",
      "// fill-in-the-blank",
      "::Q3:: Two plus {=two =2} equals four.",
      "",
      "// matching",
      "::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }",
      "",
      "// math range question",
      "::Q5:: What is a number from 1 to 5? {#3:2}",
      "",
      "// math range specified with interval end points",
      "::Q6:: What is a number from 1 to 5? {#1..5}",
      "",
      "// multiple choice with multiple right answers",
      "::Q7:: Which of these are primary colours? {~%50%red ~%50%blue ~%-100%green}",
      "",
      "// essay",
      "::Q8:: How are you? {}",
    ].join("\n"),
  );
  expect(questions.map((x) => [x.title, x.type])).toEqual([
    ["Q1", "truefalse"],
    ["Q2", "single"],
    ["Q3", "short"],
    ["Q4", "matching"],
    ["Q5", "numerical"],
    ["Q6", "numerical"],
    ["Q7", "multiple"],
    ["Q8", "essay"],
  ]);
  expect(questions[0]?.stem).toEqual(rt("1+1=2"));
  expect(questions[1]?.type === "single" && questions[1].choices[0]).toEqual({
    text: rt("yellow"),
    weight: 100,
    feedback: rt("right; good!"),
  });
  expect(questions[4]).toMatchObject({ answers: [{ kind: "exact", value: 3, tolerance: 2 }] });
  expect(questions[5]).toMatchObject({ answers: [{ kind: "range", min: 1, max: 5 }] });
});

test("Moodle: escaped control characters", () => {
  const question = parseOne("Which answer equals 5? {\n    ~ \\= 2 + 2\n    = \\= 2 + 3\n    ~ \\= 2 + 4  }");
  expect(question.type === "single" && question.choices.map((c) => [c.text.text, c.weight])).toEqual([
    ["= 2 + 2", 0],
    ["= 2 + 3", 100],
    ["= 2 + 4", 0],
  ]);
  const controls = parseOne(
    [
      "::GIFT Control Characters::",
      "Which of the following is NOT a control character for the GIFT import format? {",
      "   ~ \\~     # \\~ is a control character.",
      "   ~ \\=     # \\= is a control character.",
      "   ~ \\#     # \\# is a control character.",
      "   ~ \\{     # \\{ is a control character.",
      "   ~ \\}     # \\} is a control character.",
      "   = \\\\     # Correct! \\\\ (backslash) is not a control character. BUT,",
      "              it is used to escape the control characters.",
      "}",
    ].join("\n"),
  );
  expect(controls.title).toBe("GIFT Control Characters");
  expect(controls.type === "single" && controls.choices.map((c) => c.text.text)).toEqual([
    "~",
    "=",
    "#",
    "{",
    "}",
    "\\",
  ]);
  const last = controls.type === "single" ? controls.choices[5] : undefined;
  expect(last?.weight).toBe(100);
  expect(last?.feedback?.text).toMatch(
    /^Correct! \\ \(backslash\) is not a control character\. BUT,\n\s+it is used to escape/,
  );
});

test("Moodle: colons are escaped in text and \\n makes a new line", () => {
  expect(parseOne("The largest desert on Earth is\\: {\n=Antarctica\n~Sahara Desert\n}").stem).toEqual(
    rt("The largest desert on Earth is:"),
  );
  expect(parseOne("1 + 2 \\= {=3}").stem).toEqual(rt("1 + 2 ="));
  expect(parseOne("First paragraph.\\n\\nSecond one.").stem.text).toBe("First paragraph.\n\nSecond one.");
});

test("Moodle: text formats, answers defaulting to the question text's format", () => {
  const question = parseOne("[markdown]Who's buried in **Grant's tomb**?{=no one #*right* ~[plain]Grant}");
  expect(question.stem).toEqual(rt("Who's buried in **Grant's tomb**?", "markdown"));
  expect(question.type === "single" && question.choices).toEqual([
    { text: rt("no one", "markdown"), weight: 100, feedback: rt("*right*", "markdown") },
    { text: rt("Grant", "plain"), weight: 0, feedback: null },
  ]);
  for (const format of TEXT_FORMATS) expect(parseOne(`[${format}]Text`).stem).toEqual(rt("Text", format));
  expect(parseOne("::title::[html]<p>Hello</p>").stem).toEqual(rt("<p>Hello</p>", "html"));
});

test("Moodle: categories apply to the questions after them", () => {
  const questions = parseOk(
    [
      "First {T}",
      "",
      "$CATEGORY: tom/dick/harry",
      "",
      "Second {T}",
      "",
      "Third {F}",
      "",
      "// question: 0  name: Switch category to $course$/top/Default for Evidence/Handling",
      "$CATEGORY: $course$/top/Default for Evidence/Handling",
      "",
      "Fourth {T}",
      "",
      "$CATEGORY: top/Level one",
      "",
      "Fifth {T}",
      "",
      "$CATEGORY: $course$/top",
      "",
      "Sixth {T}",
    ].join("\n"),
  );
  expect(questions.map((x) => x.category)).toEqual([
    "",
    "tom/dick/harry",
    "tom/dick/harry",
    "Default for Evidence/Handling",
    "Level one",
    "",
  ]);
});

test("a file as Moodle exports it", () => {
  const questions = parseOk(
    [
      "// question: 0  name: Switch category to $course$/top/Default for Evidence",
      "$CATEGORY: $course$/top/Default for Evidence",
      "",
      "",
      "// question: 101  name: Volatile",
      "::Volatile::[html]<p>Which is <b>volatile</b>?</p>{",
      "\t=<p>RAM</p>#<p>Yes</p>",
      "\t~%-50%<p>Disk</p>#",
      "\t####<p>Order of volatility</p>",
      "}",
      "",
      "",
      "// question: 102  name: Hash",
      "::Hash::[moodle]Name a hash function{",
      "\t=%100%SHA-256#",
      "\t=%50%SHA-1#Weak",
      "}",
      "",
      "",
      "// question: 103  name: Year",
      "::Year::When\\: 1822? {#",
      "\t=%100%1822:0#",
      "\t=%50%1822:2#",
      "}",
      "",
      "",
      "// question: 104  name: TF",
      "::TF::Grant is buried in Grant's tomb.{FALSE#No one is.#Right.}",
    ].join("\n"),
  );
  expect(questions.map((x) => [x.title, x.type, x.category])).toEqual([
    ["Volatile", "single", "Default for Evidence"],
    ["Hash", "short", "Default for Evidence"],
    ["Year", "numerical", "Default for Evidence"],
    ["TF", "truefalse", "Default for Evidence"],
  ]);
  expect(questions[0]).toMatchObject({
    stem: rt("<p>Which is <b>volatile</b>?</p>", "html"),
    choices: [
      { text: rt("<p>RAM</p>", "html"), weight: 100, feedback: rt("<p>Yes</p>", "html") },
      { text: rt("<p>Disk</p>", "html"), weight: -50, feedback: null },
    ],
    generalFeedback: rt("<p>Order of volatility</p>", "html"),
  });
  expect(questions[1]).toMatchObject({
    answers: [
      { text: "SHA-256", credit: 100, feedback: null },
      { text: "SHA-1", credit: 50, feedback: rt("Weak") },
    ],
  });
  expect(questions[2]).toMatchObject({
    stem: rt("When: 1822?"),
    answers: [
      { value: 1822, tolerance: 0 },
      { value: 1822, tolerance: 2, credit: 50 },
    ],
  });
});

// ---------------------------------------------------------------------------------------
// Reading details

test("comments are ignored wherever they are, including inside a question", () => {
  const question = parseOne(
    ["// heading", "  // indented comment", "Question? {", "// a comment between answers", "=yes", "~no", "}"].join(
      "\n",
    ),
  );
  expect(question.type === "single" && question.choices.map((c) => c.text.text)).toEqual(["yes", "no"]);
});

test("a question's text may span several lines", () => {
  const question = parseOne("::t::[markdown]First line\n- item one\n- item two\n{}");
  expect(question.stem).toEqual(rt("First line\n- item one\n- item two", "markdown"));
});

test("blank lines made of spaces separate questions, and blocks of comments alone are skipped", () => {
  expect(parseOk("A {T}\n   \t\nB {F}\n\n// only a comment\n\n\n")).toHaveLength(2);
  expect(parseOk("")).toEqual([]);
  expect(parseOk("// nothing but comments\n// here")).toEqual([]);
});

test("CRLF line ends and a BOM are accepted, and lines are still counted right", () => {
  const source = "\uFEFF// c\r\nA {T}\r\n\r\nB {=x ~y ~z\r\n}\r\n";
  expect(parseOk(source).map((x) => x.type)).toEqual(["truefalse", "single"]);
  expectError("\uFEFF// c\r\nA {T}\r\n\r\nB {~x ~y\r\n}\r\n", 4, /right answer/);
  expectError("\uFEFFA\rB {\rC", 2, /not closed/);
});

test("escapes are unescaped in titles, text, answers and feedback; an unknown escape stays as written", () => {
  const question = parseOne(
    "::a\\:b\\{c\\}:: Is \\~ \\= \\# ok? {=\\{yes\\} #\\#1 ~no\\n really \\(x\\) ~C:\\\\Users}",
  );
  expect(question.title).toBe("a:b{c}");
  expect(question.stem.text).toBe("Is ~ = # ok?");
  expect(question.type === "single" && question.choices.map((c) => c.text.text)).toEqual([
    "{yes}",
    "no\n really \\(x\\)",
    "C:\\Users",
  ]);
  expect(question.type === "single" && question.choices[0]?.feedback).toEqual(rt("#1"));
  expect(unescapeGift("\\\\n")).toBe("\\n");
  expect(unescapeGift("a\\")).toBe("a\\");
});

test("an empty title is no title", () => {
  expect(parseOne(":::: Question {T}").title).toBeNull();
});

test("essay with general feedback, and general feedback on other types", () => {
  expect(parseOne("How are you? {####We hope you're feeling well.}")).toEqual(
    q({ type: "essay", stem: rt("How are you?"), generalFeedback: rt("We hope you're feeling well.") }),
  );
  expect(parseOne("Sky is blue {T#No.#Yes.####Rayleigh scattering.}")).toMatchObject({
    feedbackWrong: rt("No."),
    feedbackRight: rt("Yes."),
    generalFeedback: rt("Rayleigh scattering."),
  });
  expect(parseOne("Sky is blue {T####[markdown]*Rayleigh*}")).toMatchObject({
    feedbackWrong: null,
    generalFeedback: rt("*Rayleigh*", "markdown"),
  });
  expect(parseOne("Pi {#3.14:0.01#Close enough.####About 3.14159.}")).toMatchObject({
    answers: [{ kind: "exact", value: 3.14, tolerance: 0.01, feedback: rt("Close enough.") }],
    generalFeedback: rt("About 3.14159."),
  });
});

test("true/false with only the right-answer feedback", () => {
  expect(parseOne("Q {TRUE##Well done.}")).toMatchObject({
    answer: true,
    feedbackWrong: null,
    feedbackRight: rt("Well done."),
  });
});

test("single choice by weights alone, and multiple response by several positive weights or any negative one", () => {
  expect(parseOne("Q {~%100%a ~b ~c}")).toMatchObject({ type: "single" });
  expect(parseOne("Q {~%50%a ~b}")).toMatchObject({ type: "single", choices: [{ weight: 50 }, { weight: 0 }] });
  expect(parseOne("Q {~%50%a ~%50%b ~c}")).toMatchObject({ type: "multiple" });
  expect(parseOne("Q {~%100%a ~%-50%b}")).toMatchObject({ type: "multiple" });
  expect(parseOne("Q {=a ~%-50%b}")).toMatchObject({ type: "single", choices: [{ weight: 100 }, { weight: -50 }] });
  expect(parseOne("Q {=a =b ~c}")).toMatchObject({
    type: "single",
    choices: [{ weight: 100 }, { weight: 100 }, { weight: 0 }],
  });
  const thirds = parseOne("Q {~%33.33333%a ~%33.33333%b ~%33.33334%c ~d}");
  expect(thirds.type === "multiple" && thirds.choices.map((c) => c.weight)).toEqual([33.33333, 33.33333, 33.33334, 0]);
});

test("numerical: negative numbers, exponents, several forms and a mark-less first answer", () => {
  expect(parseOne("Q {#-5..-1}")).toMatchObject({ answers: [{ kind: "range", min: -5, max: -1 }] });
  expect(parseOne("Q {#-2.5:0.5}")).toMatchObject({ answers: [{ kind: "exact", value: -2.5, tolerance: 0.5 }] });
  expect(parseOne("Q {#1e-7:1E-8}")).toMatchObject({ answers: [{ kind: "exact", value: 1e-7, tolerance: 1e-8 }] });
  expect(parseOne("Q {#.5}")).toMatchObject({ answers: [{ kind: "exact", value: 0.5, tolerance: 0 }] });
  expect(parseOne("Q {#=3.14:0.01 =%50%3.1:0.1 =%50%1..5}")).toMatchObject({
    answers: [
      { kind: "exact", value: 3.14, tolerance: 0.01, credit: 100 },
      { kind: "exact", value: 3.1, tolerance: 0.1, credit: 50 },
      { kind: "range", min: 1, max: 5, credit: 50 },
    ],
  });
  expect(parseOne("Q {#%50%7#Half.}")).toMatchObject({
    answers: [{ kind: "exact", value: 7, credit: 50, feedback: rt("Half.") }],
  });
});

test("matching: the left side may carry a format, the right side may contain ->", () => {
  const question = parseOne("[markdown]Match {=**a** -> b -> c =[plain]d -> e}");
  expect(question).toMatchObject({
    type: "matching",
    pairs: [
      { left: rt("**a**", "markdown"), right: "b -> c" },
      { left: rt("d", "plain"), right: "e" },
    ],
  });
});

test("a short answer containing -> is written -\\>", () => {
  expect(parseOne("Arrow? {=a-\\>b #means a-\\>b}")).toMatchObject({
    type: "short",
    answers: [{ text: "a->b", feedback: rt("means a->b") }],
  });
  expect(parseOne("Arrow? {=a #a -> b in feedback is fine}")).toMatchObject({ type: "short" });
});

test("a leading format tag on a short answer is dropped, as in Moodle", () => {
  expect(parseOne("Q {=[html]yes}")).toMatchObject({ answers: [{ text: "yes" }] });
});

test("a Markdown link at the start of a text is not a format", () => {
  expect(parseOne("[Wikipedia](https://wikipedia.org) says? {T}").stem.text).toBe(
    "[Wikipedia](https://wikipedia.org) says?",
  );
});

test("Vietnamese and Arabic text", () => {
  const question = parseOne("::Câu 1:: Chứng cứ điện tử là gì? {=Dữ liệu #Đúng rồi! ~ما هو الدليل الرقمي؟}");
  expect(question.title).toBe("Câu 1");
  expect(question.type === "single" && question.choices.map((c) => c.text.text)).toEqual([
    "Dữ liệu",
    "ما هو الدليل الرقمي؟",
  ]);
});

// ---------------------------------------------------------------------------------------
// Haidang directives

test("no-shuffle, case-sensitive, type=ordering and rubric", () => {
  const questions = parseOk(
    [
      "// Section A",
      "// @haidang no-shuffle",
      "Pick {=a ~b ~c}",
      "",
      "// @haidang case-sensitive",
      "Symbol for sodium? {=Na}",
      "",
      "// @haidang type=ordering",
      "Order the steps {",
      "  =Secure the scene",
      "  =[markdown]**Document**",
      "  =Collect",
      "}",
      "",
      "// @haidang rubric=[markdown]Look for:\\n- *chain of custody*\\n- hashes \\\\ C\\:\\\\",
      "Explain preservation. {}",
    ].join("\n"),
  );
  expect(questions[0]).toMatchObject({ type: "single", shuffle: false });
  expect(questions[1]).toMatchObject({ type: "short", caseSensitive: true });
  expect(questions[2]).toEqual(
    q({
      type: "ordering",
      stem: rt("Order the steps"),
      items: [rt("Secure the scene"), rt("**Document**", "markdown"), rt("Collect")],
    }),
  );
  expect(questions[3]).toMatchObject({
    type: "essay",
    rubric: rt("Look for:\n- *chain of custody*\n- hashes \\ C:\\", "markdown"),
  });
});

test("several directives on one line, several lines, and the rubric's format defaults to the question's", () => {
  const question = parseOne(["// @haidang no-shuffle type=multiple", "//@haidang", "Q {~%100%a ~b}"].join("\n"));
  expect(question).toMatchObject({ type: "multiple", shuffle: false });
  expect(parseOne("// @haidang rubric=*key points*\n[markdown]Essay {}")).toMatchObject({
    rubric: rt("*key points*", "markdown"),
  });
  expect(parseOne("// @haidang type=single\nQ {=a =b}")).toMatchObject({
    type: "single",
    choices: [{ weight: 100 }, { weight: 100 }],
  });
});

test("unknown directives and directives that do not fit are errors on their line", () => {
  expectError("// @haidang shuffle-not\nQ {T}", 1, /unknown @haidang directive "shuffle-not"/);
  expectError("// c\n// @haidang type=essay\nQ {}", 2, /unknown @haidang directive "type=essay"/);
  expectError("// @haidang no-shuffle\nQ {T}", 1, /no-shuffle only applies/);
  expectError("// @haidang case-sensitive\nQ {=a ~b}", 1, /case-sensitive only applies/);
  expectError("// @haidang rubric=x\nQ {T}", 1, /rubric= only applies to essay/);
  expectError("// @haidang type=ordering\nQ {}", 2, /type=ordering needs/);
  expectError("// @haidang type=ordering\nQ {=a ~b}", 2, /written with =/);
  expectError("// @haidang type=ordering\nQ {=a #fb =b}", 2, /no feedback/);
  expectError("// @haidang no-shuffle\n\nQ {=a ~b}", 1, /not directly followed by a question/);
  expectError("Q {\n// @haidang no-shuffle\n=a ~b}", 2, /must come before the question text/);
  expectError("// @haidang no-shuffle\n$CATEGORY: a", 1, /cannot apply to \$CATEGORY/);
  expectError("// @haidang type=ordering type=single\nQ {=a =b}", 1, /contradicts/);
});

test("@haidang in the middle of a comment is an ordinary comment", () => {
  expect(parseOne("// see @haidang docs\n// @haidangx\nQ {T}")).toMatchObject({ type: "truefalse" });
});

// ---------------------------------------------------------------------------------------
// Errors

test("unbalanced braces", () => {
  expectError("Q {=a ~b", 1, /\{ is not closed/);
  expectError("Q =a ~b}", 1, /\} without a \{/);
  expectError("Q\n{=a {~b}}", 2, /\{ inside an answer block/);
  expectError("Q {T} and {F}", 1, /only one answer block/);
  expectError("Q {T}\nthen }", 2, /only one answer block/);
});

test("unknown format, with a way to write the bracket", () => {
  expectError("[HTML]Q {T}", 1, /unknown text format \[HTML\].*\[moodle\]\[HTML\]/);
  expectError("Q {=[latex]x ~y}", 1, /unknown text format \[latex\]/);
  expect(parseOne("[moodle][Note] Q {T}").stem.text).toBe("[Note] Q");
});

test("a single choice without a right answer", () => {
  expectError("Q {~a ~b ~c}", 1, /needs a right answer/);
  expectError("Q {~%-50%a ~%-50%b}", 1, /at least one answer with a positive weight/);
  expectError("// @haidang type=single\nQ {~a ~b}", 2, /needs a right answer/);
});

test("choice, matching and ordering counts", () => {
  expectError("Q {=a ~}", 1, /has no text/);
  expectError("Q {~%100%a}", 1, /at least 2 answers/);
  expectError("Q {=a -> b}", 1, /at least 2 pairs/);
  expectError("Q {=a -> b =c}", 1, /left -> right/);
  expectError("Q {=a -> b = -> c}", 1, /at least 2 pairs \(distractors aside\)/);
  expectError("Q {=a -> b =c -> d =e ->}", 1, /both sides/);
  expectError("// @haidang type=ordering\nQ {=a}", 2, /at least 2 items/);
  const many = Array.from({ length: 27 }, (_, i) => `~c${i}`).join(" ");
  expectError(`Q {=right ${many}}`, 1, /choices/);
});

test("weights: bad numbers, out of range, in the wrong place", () => {
  expectError("Q {~%150%a =b}", 1, /weight "%150%" must be a number from -100 to 100/);
  expectError("Q {~%5,5%a =b}", 1, /weight "%5,5%"/);
  expectError("Q {=%50%a ~b}", 1, /weight goes after ~/);
  expectError("Q {=%-50%a =b}", 1, /credit must be from 0 to 100/);
  expectError("Q {=a -> b =%50%c -> d}", 1, /no weight/);
  expectError("Q {=a -> b #fb =c -> d}", 1, /no feedback/);
});

test("a % that is no weight is text", () => {
  expect(parseOne("Q {=%d is a format ~%s too}")).toMatchObject({
    type: "single",
    choices: [{ text: rt("%d is a format") }, { text: rt("%s too") }],
  });
});

test("numerical: bad numbers, reversed ranges, negative tolerance, missing number", () => {
  expectError("Q {#abc}", 1, /"abc" is not a number/);
  expectError("Q {#5..1}", 1, /range "5\.\.1" starts above its end/);
  expectError("Q {#3:-1}", 1, /tolerance .* must not be negative/);
  expectError("Q {#}", 1, /needs a number/);
  expectError("Q {#=3 =}", 1, /needs a number/);
  expectError("Q {#1e999}", 1, /not a number/);
  expectError("Q {#=3 ~#wrong =4}", 1, /comes last, once/);
  expectError("Q {#=3 ~#wrong ~#again}", 1, /comes last, once/);
  expectError("Q {#=3 ~4#wrong}", 1, /takes only #feedback/);
  expectError("Q {#=%-10%3}", 1, /credit must be from 0 to 100/);
});

test("text where answers are expected", () => {
  expectError("Q {Paris}", 1, /expected answers starting with = or ~ but found "Paris"/);
  expectError("Q {true}", 1, /in capitals/);
  expectError("Q {f#feedback}", 1, /in capitals/);
  expectError("Q {x =a ~b}", 1, /found "x"/);
  expectError("// @haidang type=single\nQ {T}", 2, /expected choices/);
});

test("the title must be closed; $CATEGORY: must stand alone", () => {
  expectError("::Title Q {T}", 1, /title is not closed/);
  expectError("$CATEGORY: a\nQ {T}", 2, /must be alone/);
});

test("schema failures are reported on the question's first line", () => {
  expectError(`// c\n::${"t".repeat(256)}:: Q {T}`, 2, /not valid \(title\)/);
  expectError(`Q {=${"a".repeat(1001)}}`, 1, /not valid \(answers\.0\.text\)/);
});

test("several errors are collected, each with its line", () => {
  const errors = errorsOf(
    ["Q1 {~a ~b}", "", "Q2 {T}", "", "Q3 {#x}", "", "// @haidang nope", "Q4 {=a ~b", "", "Q5 {=a -> b}"].join("\n"),
  );
  expect(errors.map((e) => e.line)).toEqual([1, 5, 7, 8, 10]);
  expect(errors.every((e) => e.message.length > 10)).toBe(true);
});

test("reading stops after 100 problems, saying where", () => {
  const errors = errorsOf(Array.from({ length: 150 }, (_, i) => `Q${i} {~a ~b}`).join("\n\n"));
  expect(errors).toHaveLength(101);
  expect(errors[100]).toEqual({ line: 201, message: "more than 100 problems: reading stopped here" });
});

test("the same question can carry several problems", () => {
  const errors = errorsOf("Q {\n~%200%a\n=%50%b\n~\n}");
  expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
  expect(errors.map((e) => e.message)).toEqual([
    'the weight "%200%" must be a number from -100 to 100',
    "in a choice question a weight goes after ~ (~%50%answer); = always means 100%",
    "an answer has no text",
  ]);
  // Broken answers do not lead to guesses about the whole question (no "needs a right answer").
  expect(errorsOf("Q {~%200%a ~b}")).toHaveLength(1);
  expect(errorsOf("Q {=a -> b #fb}")).toHaveLength(1);
});

test("size limits: 2 MB and 2,000 questions, reported at line 1", () => {
  expect(errorsOf("x".repeat(2 * 1024 * 1024 + 1))).toEqual([{ line: 1, message: "the file is larger than 2 MB" }]);
  // Multi-byte characters count as the bytes they take.
  expect(errorsOf("é".repeat(1024 * 1024 + 1))[0]?.line).toBe(1);
  expect(errorsOf("é".repeat(1024 * 1024 - 1))[0]?.message).not.toMatch(/2 MB/); // too long a text, but not too large a file
  const tooMany = Array.from({ length: GIFT_MAX_QUESTIONS + 1 }, (_, i) => `Q${i} {T}`).join("\n\n");
  expect(errorsOf(tooMany)).toEqual([{ line: 1, message: "the file has more than 2000 questions" }]);
  expect(parseOk(Array.from({ length: GIFT_MAX_QUESTIONS }, (_, i) => `Q${i} {T}`).join("\n\n"))).toHaveLength(
    GIFT_MAX_QUESTIONS,
  );
});

// ---------------------------------------------------------------------------------------
// Writing

test("writeGift writes titles, categories when they change, formats only when needed, and directives", () => {
  const written = writeGift([
    q({ type: "truefalse", title: "T1", stem: rt("Sky is blue"), answer: true, feedbackWrong: rt("No") }),
    q({
      type: "single",
      category: "Evidence/Handling",
      stem: rt("Pick", "markdown"),
      choices: [
        { text: rt("a", "markdown"), weight: 100 },
        { text: rt("b"), weight: 0 },
      ],
      shuffle: false,
    }),
    q({ type: "essay", category: "Evidence/Handling", stem: rt("Explain"), rubric: rt("Line 1\nLine 2") }),
    q({ type: "description", category: "", stem: rt("Done.") }),
  ]);
  expect(written).toBe(
    [
      "::T1:: Sky is blue {TRUE#No}",
      "",
      "$CATEGORY: Evidence/Handling",
      "",
      "// @haidang no-shuffle",
      "[markdown]Pick {",
      "\t=a",
      "\t~[moodle]b",
      "}",
      "",
      "// @haidang rubric=Line 1\\nLine 2",
      "Explain {}",
      "",
      "$CATEGORY: $course$/top",
      "",
      "Done.",
      "",
    ].join("\n"),
  );
  expect(writeGift([])).toBe("");
});

test("escapeGift escapes every control character and keeps text on one line", () => {
  expect(escapeGift("a~b=c#d{e}f:g\\h\ni\r\nj")).toBe("a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni\\nj");
  expect(escapeGift("a->b", true)).toBe("a-\\>b");
  expect(escapeGift("a->b")).toBe("a->b");
});

// ---------------------------------------------------------------------------------------
// Round trips

const awkward = [
  "Escapes ~ = # { } : \\ and a literal \\n and \\~",
  "Line one\nLine two\n\nAfter a blank line",
  "Tiếng Việt: Chứng cứ điện tử được thu thập như thế nào?",
  "العربية: ما هو الدليل الرقمي؟",
  "**Markdown** with `code`, a [link](https://example.org) and\n- a list\n- of items",
  "<p>HTML & <b>entities</b> &amp; such</p>",
  "//not a comment",
  "::not a title::",
  "$CATEGORY: not a category",
  "[html] not a format",
  "%50% not a weight",
  "->arrow-> and -> more",
  "####not general feedback",
  "T",
  "Emoji 🎉 and CJK 中文",
];

/** Every type, every feature. */
const corpus: Question[] = [
  q({ type: "description", title: "Intro", stem: rt(awkward[0] as string) }),
  q({ type: "description", stem: rt("# Heading\n\nSome *markdown*.", "markdown") }),
  q({ type: "description", stem: rt("//starts like a comment") }),
  q({ type: "description", stem: rt("[plain] looks like a format") }),
  q({ type: "description", stem: rt("", "html") }),
  q({
    type: "single",
    title: "Single :: with colons",
    category: "Evidence/Handling",
    stem: rt(awkward[1] as string),
    tail: "tail with } and { and # and \\",
    generalFeedback: rt("General\nfeedback", "html"),
    choices: [
      { text: rt("right"), weight: 100, feedback: rt("Yes #1") },
      { text: rt("partial", "markdown"), weight: 50, feedback: null },
      { text: rt("%50% looks like a weight"), weight: 0, feedback: rt("[markdown] is text here") },
      { text: rt("penalised"), weight: -25, feedback: null },
    ],
    shuffle: false,
  }),
  q({
    type: "single",
    stem: rt("Two full-credit answers only"),
    choices: [
      { text: rt("a"), weight: 100 },
      { text: rt("b"), weight: 100 },
    ],
  }),
  q({
    type: "single",
    stem: rt("Partial best"),
    choices: [
      { text: rt("a"), weight: 50 },
      { text: rt("b"), weight: 50 },
    ],
  }),
  q({
    type: "single",
    stem: rt("Partial only one"),
    choices: [
      { text: rt("a"), weight: 50 },
      { text: rt("b"), weight: 0 },
    ],
  }),
  q({
    type: "multiple",
    category: "top/looks like a prefix",
    stem: rt(awkward[2] as string),
    choices: [
      { text: rt(awkward[3] as string), weight: 50 },
      { text: rt(awkward[4] as string, "markdown"), weight: 50, feedback: rt(awkward[5] as string, "html") },
      { text: rt("wrong"), weight: -100 },
      { text: rt("neutral"), weight: 0 },
    ],
  }),
  q({
    type: "multiple",
    stem: rt("One positive only"),
    choices: [
      { text: rt("a"), weight: 100 },
      { text: rt("b"), weight: 0 },
    ],
  }),
  q({
    type: "multiple",
    stem: rt("Decimals"),
    choices: [
      { text: rt("a"), weight: 33.33333 },
      { text: rt("b"), weight: 66.66667 },
    ],
    shuffle: false,
  }),
  q({ type: "truefalse", category: "$course$/literally", stem: rt("True?"), answer: true }),
  q({
    type: "truefalse",
    stem: rt("False?"),
    answer: false,
    feedbackWrong: rt("wrong # feedback"),
    feedbackRight: rt("right feedback", "plain"),
  }),
  q({
    type: "truefalse",
    stem: rt("Right only"),
    answer: true,
    feedbackRight: rt("well done"),
    generalFeedback: rt("general"),
  }),
  q({
    type: "truefalse",
    stem: rt("Wrong only"),
    answer: false,
    feedbackWrong: rt("no"),
    generalFeedback: rt("general"),
  }),
  q({
    type: "short",
    stem: rt("Two plus two equals"),
    tail: ".",
    answers: [
      { text: "four", credit: 100, feedback: rt("Yes") },
      { text: "4" },
      { text: "%4%", credit: 100 },
      { text: "[html]four", credit: 50 },
      { text: "a->b and -> c", credit: 0, feedback: rt("x -> y") },
      { text: "T" },
      { text: "C:\\path\\n" },
    ],
    caseSensitive: true,
  }),
  q({
    type: "numerical",
    stem: rt("Numbers"),
    answers: [
      { kind: "exact", value: 3.14159, tolerance: 0.0005, feedback: rt("pi") },
      { kind: "exact", value: -2, tolerance: 0, credit: 50 },
      { kind: "range", min: -5.5, max: 1e21, credit: 0, feedback: rt("range") },
      { kind: "exact", value: 1e-7, tolerance: 1e-9 },
      { kind: "exact", value: 0.1 + 0.2 },
    ],
    generalFeedback: rt("general"),
  }),
  q({
    type: "numerical",
    stem: rt("One exact"),
    tail: "years",
    answers: [{ kind: "exact", value: 1822, tolerance: 5, feedback: rt("Close") }],
  }),
  q({
    type: "numerical",
    stem: rt("One range"),
    answers: [{ kind: "range", min: 1, max: 5 }],
    generalFeedback: rt("g"),
  }),
  q({
    type: "numerical",
    stem: rt("One with partial credit"),
    answers: [{ kind: "range", min: 1, max: 1, credit: 50 }],
  }),
  q({
    type: "matching",
    title: "Match",
    stem: rt("Match", "markdown"),
    pairs: [
      { left: rt("**left** -> with arrow", "markdown"), right: "right -> with arrow" },
      { left: rt("%weight-like"), right: "[html] bracket" },
      { left: rt("Câu", "plain"), right: "العربية" },
    ],
    generalFeedback: rt("matching feedback"),
  }),
  q({
    type: "matching",
    stem: rt("Match, with distractors"),
    pairs: [
      { left: rt("a"), right: "1" },
      { left: rt("b"), right: "2" },
    ],
    distractors: ["3", "-> 4 #not feedback", "1"],
    idnumber: "MATCH-1",
    tags: ["moodle", "a]b"],
  }),
  q({
    type: "numerical",
    stem: rt("Numerical with feedback for anything else"),
    answers: [{ kind: "exact", value: 3, tolerance: 2 }],
    otherFeedback: rt("Completely wrong ~ = #", "markdown"),
    generalFeedback: rt("g"),
  }),
  q({ type: "truefalse", stem: rt("Tagged only"), answer: true, tags: ["x", "y\\"] }),
  q({
    type: "ordering",
    stem: rt("Order"),
    items: [rt("first ->"), rt("second", "html"), rt("[third]"), rt("%4")],
    generalFeedback: rt("g"),
  }),
  q({ type: "essay", stem: rt("Essay"), rubric: rt("Rubric \\ with backslash\nand [brackets]", "markdown") }),
  q({
    type: "essay",
    stem: rt("Essay 2", "html"),
    rubric: rt("[html] looks like a tag", "html"),
    generalFeedback: rt("gf"),
    tail: "tail",
  }),
  q({ type: "essay", stem: rt(""), tail: "only a tail" }),
  ...awkward.map((text, i) =>
    q({
      type: "single",
      title: text,
      stem: rt(text, TEXT_FORMATS[i % 4]),
      choices: [
        { text: rt(text), weight: 100, feedback: rt(text) },
        { text: rt("x"), weight: 0 },
      ],
    }),
  ),
];

test("the corpus covers every question type", () => {
  expect(new Set(corpus.map((x) => x.type))).toEqual(new Set(QuestionSchema.options.map((o) => o.shape.type.value)));
});

test("parseGift(writeGift(questions)) gives the questions back, for every type and feature", () => {
  expectRoundTrip(corpus);
});

test("each corpus question also survives on its own", () => {
  for (const question of corpus) expectRoundTrip([question]);
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  "a",
  "word",
  " ",
  "  ",
  "\\",
  "\\n",
  "~",
  "=",
  "#",
  "{",
  "}",
  ":",
  "::",
  "->",
  "-",
  ">",
  "%",
  "%50%",
  "%-5%",
  "[",
  "]",
  "[html]",
  "[Note]",
  "[x](y)",
  "//",
  "$CATEGORY:",
  "\n",
  "\n\n",
  "\t",
  "####",
  "#",
  "T",
  "TRUE",
  "1..5",
  "3:2",
  "@haidang",
  "&amp;",
  "<b>",
  "'",
  '"',
  "Tiếng Việt",
  "العربية",
  "**bold**",
  "`code`",
  "é",
  "🎉",
];

function generator(seed: number) {
  const next = random(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const maybe = <T>(make: () => T): T | null => (next() < 0.4 ? make() : null);
  const text = () =>
    Array.from({ length: int(1, 6) }, () => pick(FRAGMENTS))
      .join("")
      .trim() || "x";
  const rich = () => rt(text(), pick(TEXT_FORMATS));
  const weights = (choices: number[], count: number) => {
    const list = Array.from({ length: count }, () => pick(choices));
    if (!list.some((w) => w > 0)) list[0] = 100;
    return list;
  };
  const MARKS = ["Q-1", "a]b", "ends \\", "x\\]y", "[x", "Tiếng Việt", "#=~{}", "::", "// no"];
  const base = () => ({
    title: maybe(text),
    category: pick(["", "Evidence", "Evidence/Handling", "top/x", "$course$/y", "Chứng cứ/Thu thập"]),
    stem: rich(),
    tail: maybe(text),
    generalFeedback: maybe(rich),
    idnumber: maybe(() => pick(MARKS)),
    tags: [...new Set(Array.from({ length: int(0, 3) }, () => pick(MARKS)))],
  });
  const makers: Record<Question["type"], () => Record<string, unknown>> = {
    description: () => ({ ...base(), tail: null, generalFeedback: null }),
    single: () => ({
      ...base(),
      choices: weights([100, 0, 0, 50, 33.333, -25], int(2, 5)).map((weight) => ({
        text: rich(),
        weight,
        feedback: maybe(rich),
      })),
      shuffle: next() < 0.5,
    }),
    multiple: () => ({
      ...base(),
      choices: weights([50, -100, 0, 25, 100, 12.5], int(2, 5)).map((weight) => ({
        text: rich(),
        weight,
        feedback: maybe(rich),
      })),
      shuffle: next() < 0.5,
    }),
    truefalse: () => ({ ...base(), answer: next() < 0.5, feedbackWrong: maybe(rich), feedbackRight: maybe(rich) }),
    short: () => ({
      ...base(),
      answers: Array.from({ length: int(1, 4) }, () => ({
        text: text(),
        credit: pick([100, 100, 50, 0, 12.5]),
        feedback: maybe(rich),
      })),
      caseSensitive: next() < 0.5,
    }),
    numerical: () => ({
      ...base(),
      answers: Array.from({ length: int(1, 3) }, () => {
        const credit = pick([100, 100, 50, 0]);
        const feedback = maybe(rich);
        const a = pick([-5, 0, 3.14159, 1e-7, 1822, 2.5e21, -0.001]);
        const b = pick([0, 0.5, 1e-3, 7]);
        return next() < 0.5
          ? { kind: "exact", value: a, tolerance: b, credit, feedback }
          : { kind: "range", min: a, max: a + b, credit, feedback };
      }),
      otherFeedback: maybe(rich),
    }),
    matching: () => ({
      ...base(),
      pairs: Array.from({ length: int(2, 4) }, () => ({ left: rich(), right: text() })),
      distractors: Array.from({ length: int(0, 2) }, text),
    }),
    ordering: () => ({ ...base(), items: Array.from({ length: int(2, 4) }, rich) }),
    essay: () => ({ ...base(), rubric: maybe(rich) }),
  };
  return () => {
    const type = pick(Object.keys(makers) as Question["type"][]);
    return q({ type, ...makers[type]() });
  };
}

test("random questions made of awkward text survive writing and reading back", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const make = generator(seed);
    const questions = Array.from({ length: 50 }, make);
    expectRoundTrip(questions);
  }
});

// ---------------------------------------------------------------------------------------
// Sample files: parse → write → parse is stable

const moodleSample = [
  "// Moodle's documented examples",
  "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}",
  "",
  "Grant is {~buried =entombed ~living} in Grant's tomb.",
  "",
  "Grant is buried in Grant's tomb.{F}",
  "",
  "Who's buried in Grant's tomb?{=no one =nobody}",
  "",
  "When was Ulysses S. Grant born?{#1822:5}",
  "",
  "Match the following countries with their corresponding capitals.{=Canada->Ottawa =Italy->Rome =Japan->Tokyo}",
  "",
  "$CATEGORY: $course$/top/Default for course",
  "",
  "::Jesus' hometown::Jesus Christ was from {",
  "    ~Jerusalem#This was an important city, but the wrong answer.",
  "    ~%25%Bethlehem#He was born here, but not raised here.",
  "    ~%50%Galilee#You need to be more specific.",
  "    =Nazareth#Yes! That's right!",
  "}.",
  "",
  "What two people are entombed in Grant's tomb? {",
  "    ~%-100%No one",
  "    ~%50%Grant",
  "    ~%50%Grant's wife",
  "    ~%-100%Grant's father",
  "}",
  "",
  "[markdown]Who's buried in **Grant's tomb**?{=no one ~Grant}",
  "",
  "Write a short biography of Dag Hammarskjöld. {}",
  "",
  "You can use your pencil and paper for these next math questions.",
].join("\n");

const haidangSample = [
  "$CATEGORY: Electronic evidence/Preservation",
  "",
  "// @haidang no-shuffle",
  "::EE-01:: [markdown]Which of these is **volatile**?\\n\\nPick one. {",
  "  =RAM #It is lost at power-off.",
  "  ~A hard disk",
  "  ~%25%A USB stick in use #Partly: its cache is volatile.",
  "  ####[markdown]See *order of volatility*.",
  "}",
  "",
  "// @haidang case-sensitive",
  "::EE-02:: The hash of a file is computed with {=SHA-256 =%50%SHA-1 #Weak.} (for example).",
  "",
  "// @haidang type=ordering",
  "::EE-03:: Put the first-response steps in order. {=Secure the scene =Photograph =Seize =Document}",
  "",
  "// @haidang rubric=Mentions the chain of custody\\nand hash values.",
  "::EE-04:: [html]<p>Explain <b>why</b> the chain of custody matters.</p> {}",
  "",
  "::EE-05:: Chứng cứ điện tử có thể bị thay đổi dễ dàng. {TRUE#Sai.#Đúng.}",
  "",
  "::EE-06:: ما هو عدد السنوات؟ {#=5:1 =%50%1..10}",
].join("\n");

test("sample files: parse → write → parse is stable, and writing is a fixed point", () => {
  for (const sample of [moodleSample, haidangSample]) {
    const first = parseOk(sample);
    const written = writeGift(first);
    expect(parseOk(written)).toEqual(first);
    expect(writeGift(parseOk(written))).toBe(written);
  }
  expect(parseOk(haidangSample).map((x) => x.type)).toEqual([
    "single",
    "short",
    "ordering",
    "essay",
    "truefalse",
    "numerical",
  ]);
});

// ---------------------------------------------------------------------------------------
// Speed

test("a 1 MB file of questions parses in well under a second", () => {
  const templates = [
    (i: number) =>
      `// question ${i}\n::Q${i}:: [markdown]Which of these **is** right? Some padding text to make it longer. {\n  =right answer #Well done\n  ~wrong answer one #No\n  ~%50%partly right #Half\n  ~wrong answer three\n  ####General feedback for question ${i}.\n}`,
    (i: number) =>
      `::Q${i}:: Two plus two equals {=four =4 =%50%quatre #close} in decimal, which is the usual base for counting.`,
    (i: number) => `::Q${i}:: When was Ulysses S. Grant born? {#\n  =1822:0 #Correct\n  =%50%1822:2 #Close\n}`,
    (i: number) =>
      `::Q${i}:: Match the countries and capitals. {\n  =Canada -> Ottawa\n  =Italy -> Rome\n  =Japan -> Tokyo\n}`,
    (i: number) =>
      `// @haidang rubric=Look for the chain of custody\\nand hashes.\n::Q${i}:: Explain why evidence must be preserved with care. {}`,
  ];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const part = `${(templates[i % templates.length] as (i: number) => string)(i)}\n// ${"padding ".repeat(80)}`;
    parts.push(part);
    size += part.length + 2;
  }
  const source = parts.join("\n\n");
  expect(parts.length).toBeLessThanOrEqual(GIFT_MAX_QUESTIONS);
  const started = performance.now();
  const result = parseGift(source);
  const elapsed = performance.now() - started;
  expect(result.ok && result.questions.length).toBe(parts.length);
  expect(elapsed).toBeLessThan(1000);
});

test("hostile shapes of 1 MB stay fast", () => {
  const shapes = [
    "\\".repeat(1024 * 1024),
    "{".repeat(1024 * 1024),
    `Q {${"=".repeat(1024 * 1024)}}`,
    `Q {${"~%".repeat(512 * 1024)}}`,
    `::${":".repeat(1024 * 1024)}`,
    `Q {${"#".repeat(1024 * 1024)}}`,
    `Q {#${"..".repeat(512 * 1024)}}`,
    `Q {=a -> ${"->".repeat(512 * 1024)} =b -> c}`,
    `Q {${"\\=".repeat(512 * 1024)}}`,
    `[${"a".repeat(1024 * 1024)}`,
    "a\n".repeat(512 * 1024),
    "// @haidang no-shuffle\n".repeat(40 * 1024),
  ];
  for (const shape of shapes) {
    const started = performance.now();
    parseGift(shape);
    expect(performance.now() - started).toBeLessThan(1000);
  }
});

// ---------------------------------------------------------------------------------------
// Moodle's own importer and exporter tests (question/format/gift/tests/giftformat_test.php
// and its fixtures), restated: each input must read as Moodle reads it and survive the writer.

/** Reads a Moodle case, checks it, and checks that writing it gives it back (and is a fixed point). */
function moodleCase(source: string): Question {
  const question = parseOne(source);
  expectRoundTrip([question]);
  const written = writeGift([question]);
  expect(writeGift(parseOk(written))).toBe(written);
  return question;
}

test("Moodle case: essay", () => {
  expect(moodleCase("// essay\n::Q8:: How are you? {}")).toEqual(
    q({ type: "essay", title: "Q8", stem: rt("How are you?") }),
  );
});

test("Moodle case: matching with formats per item and a distractor (= -> Chat)", () => {
  const question = moodleCase(
    [
      "// question: 2  name: Moodle activities",
      "::Moodle activities::[html]Match the <b>activity</b> to the description.{",
      "    =[html]An activity supporting asynchronous discussions. -> Forum",
      "    =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice",
      "    =[plain]A bank of record entries which participants can add to. -> Database",
      "    =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki",
      "    = -> Chat",
      "}",
    ].join("\n"),
  );
  expect(question).toEqual(
    q({
      type: "matching",
      title: "Moodle activities",
      stem: rt("Match the <b>activity</b> to the description.", "html"),
      pairs: [
        { left: rt("An activity supporting asynchronous discussions.", "html"), right: "Forum" },
        {
          left: rt("A teacher asks a question and specifies a choice of multiple responses.", "moodle"),
          right: "Choice",
        },
        { left: rt("A bank of record entries which participants can add to.", "plain"), right: "Database" },
        { left: rt("A collection of web pages that anyone can add to or edit.", "markdown"), right: "Wiki" },
      ],
      distractors: ["Chat"],
    }),
  );
});

test("Moodle case: matching as Moodle exports it (escaped = in HTML, a distractor last)", () => {
  const question = moodleCase(
    [
      "// question: 666  name: Moodle activities",
      "::Moodle activities::[html]Match the <b>activity</b> to the description.{",
      '\t=<div class\\="frog">An activity supporting asynchronous discussions.</div> -> Forum',
      "\t=[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice",
      "\t=[plain]A bank of record entries which participants can add to. -> Database",
      "\t=[markdown]A collection of web pages that anyone can add to or edit. -> Wiki",
      "\t= -> Chat",
      "}",
    ].join("\n"),
  );
  expect(question.type === "matching" && question.pairs[0]).toEqual({
    left: rt('<div class="frog">An activity supporting asynchronous discussions.</div>', "html"),
    right: "Forum",
  });
  expect(question.type === "matching" && question.distractors).toEqual(["Chat"]);
});

test("Moodle case: single choice with feedback, formats defaulting to the question text's", () => {
  const question = moodleCase(
    [
      "// multiple choice with specified feedback for right and wrong answers",
      "::Q2:: What's between orange and green in the spectrum?",
      "{",
      "    =yellow # right; good!",
      "    ~red # [html]wrong, it's yellow",
      "    ~[plain]blue # wrong, it's yellow",
      "}",
    ].join("\n"),
  );
  expect(question).toEqual(
    q({
      type: "single",
      title: "Q2",
      stem: rt("What's between orange and green in the spectrum?"),
      choices: [
        { text: rt("yellow"), weight: 100, feedback: rt("right; good!") },
        { text: rt("red"), weight: 0, feedback: rt("wrong, it's yellow", "html") },
        // The answer's [plain] is its own: its feedback still defaults to the question text's format.
        { text: rt("blue", "plain"), weight: 0, feedback: rt("wrong, it's yellow") },
      ],
    }),
  );
});

test("Moodle case: multiple response, and the 'tricky' one with a single 100% and negative weights", () => {
  const multi = moodleCase(
    [
      "// multiple choice, multiple response with specified feedback for right and wrong answers",
      "::colours:: What's between orange and green in the spectrum?",
      "{",
      "    ~%50%yellow # right; good!",
      "    ~%-100%red # [html]wrong",
      "    ~%50%off-beige # right; good!",
      "    ~%-100%[plain]blue # wrong",
      "}",
    ].join("\n"),
  );
  expect(multi.type).toBe("multiple");
  expect(multi.type === "multiple" && multi.choices).toEqual([
    { text: rt("yellow"), weight: 50, feedback: rt("right; good!") },
    { text: rt("red"), weight: -100, feedback: rt("wrong", "html") },
    { text: rt("off-beige"), weight: 50, feedback: rt("right; good!") },
    { text: rt("blue", "plain"), weight: -100, feedback: rt("wrong") },
  ]);
  const tricky = moodleCase(
    "::colours:: What's between orange and green in the spectrum?\n{\n ~%100%yellow # right; good!\n ~%-50%red # wrong\n ~%-50%blue # wrong\n}",
  );
  // No "=": Moodle makes it multiple response (single = 0).
  expect(tricky.type === "multiple" && tricky.choices.map((c) => c.weight)).toEqual([100, -50, -50]);
});

test("Moodle case: choice questions as Moodle exports them", () => {
  const single = moodleCase(
    "// question: 666  name: Q8\n::Q8::What's between orange and green in the spectrum?{\n\t=yellow#right; good!\n\t~red#[html]wrong, it's yellow\n\t~[plain]blue#wrong, it's yellow\n}",
  );
  expect(single.type === "single" && single.choices.map((c) => [c.text, c.weight, c.feedback])).toEqual([
    [rt("yellow"), 100, rt("right; good!")],
    [rt("red"), 0, rt("wrong, it's yellow", "html")],
    [rt("blue", "plain"), 0, rt("wrong, it's yellow")],
  ]);
  const tricky = moodleCase(
    "// question: 666  name: Q8\n::Q8::What's between orange and green in the spectrum?{\n\t~%100%yellow#right; good!\n\t~%-50%red#wrong, it's yellow\n\t~%-50%blue#wrong, it's yellow\n}",
  );
  expect(tricky.type).toBe("multiple");
});

test("Moodle case: numerical with feedback for any other answer (~#…)", () => {
  const expected = q({
    type: "numerical",
    title: "Q5",
    stem: rt("What is a number from 1 to 5?"),
    answers: [{ kind: "exact", value: 3, tolerance: 2 }],
    otherFeedback: rt("Completely wrong"),
  });
  expect(moodleCase("// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}")).toEqual(
    expected,
  );
  // As Moodle exports it: weights always written, an empty feedback after #.
  expect(
    moodleCase(
      "// question: 666  name: Q5\n::Q5::What is a number from 1 to 5?{#\n\t=%100%3:2#\n\t~#Completely wrong\n}",
    ),
  ).toEqual(expected);
  // An empty ~# (Moodle writes it for a "*" answer without feedback) adds nothing.
  expect(parseOne("Q {#\n\t=%100%3:0#\n\t~#\n}")).toMatchObject({ otherFeedback: null });
});

test("Moodle case: short answer with weights, a wildcard and general feedback", () => {
  const answers = [
    { text: "Frog", credit: 100, feedback: rt("Good!") },
    { text: "Cat", credit: 50, feedback: rt("What is it with Moodlers and cats?") },
    { text: "*", credit: 0, feedback: rt("Completely wrong") },
  ];
  const source = [
    "// question: 666  name: Shortanswer",
    "::Shortanswer::Which is the best animal?{",
    "    =Frog#Good!",
    "    =%50%Cat#What is it with Moodlers and cats?",
    "    =%0%*#Completely wrong",
  ];
  expect(moodleCase([...source, "}"].join("\n"))).toEqual(
    q({ type: "short", title: "Shortanswer", stem: rt("Which is the best animal?"), answers }),
  );
  expect(moodleCase([...source, "    ####[html]Here is some general feedback!", "}"].join("\n"))).toEqual(
    q({
      type: "short",
      title: "Shortanswer",
      stem: rt("Which is the best animal?"),
      answers,
      generalFeedback: rt("Here is some general feedback!", "html"),
    }),
  );
  // As exported: =%100% on every answer.
  expect(
    moodleCase(
      "// question: 666  name: Shortanswer\n::Shortanswer::Which is the best animal?{\n\t=%100%Frog#Good!\n\t=%50%Cat#What is it with Moodlers and cats?\n\t=%0%*#Completely wrong\n\t####[html]Here is some general feedback!\n}",
    ),
  ).toMatchObject({ answers, generalFeedback: rt("Here is some general feedback!", "html") });
});

test("Moodle case: true/false, the answer on its own line, and T / TRUE", () => {
  expect(
    moodleCase(
      "// true/false\n::Q1:: 42 is the Absolute Answer to everything.{\nFALSE#42 is the Ultimate Answer.#You gave the right answer.}",
    ),
  ).toEqual(
    q({
      type: "truefalse",
      title: "Q1",
      stem: rt("42 is the Absolute Answer to everything."),
      answer: false,
      // Moodle: the first is shown to whoever answered TRUE (wrongly), the second to FALSE.
      feedbackWrong: rt("42 is the Ultimate Answer."),
      feedbackRight: rt("You gave the right answer."),
    }),
  );
  for (const word of ["T", "TRUE"]) {
    expect(moodleCase(`// name 0-11\n::2-08 TSL::TSL is blablabla.{${word}}`)).toEqual(
      q({ type: "truefalse", title: "2-08 TSL", stem: rt("TSL is blablabla."), answer: true }),
    );
  }
  expect(
    moodleCase(
      "// question: 666  name: Q1\n::Q1::42 is the Absolute Answer to everything.{TRUE#[html]42 is the Ultimate Answer.#You gave the right answer.}",
    ),
  ).toMatchObject({ answer: true, feedbackWrong: rt("42 is the Ultimate Answer.", "html") });
});

test("Moodle case: backslashes (MDL-34171), on import and as exported", () => {
  const expected = String.raw`A \ B \\ C`;
  expect(
    moodleCase(String.raw`// essay
::double backslash:: A \\ B \\\\ C{}`),
  ).toMatchObject({ type: "essay", stem: rt(expected) });
  expect(
    moodleCase(String.raw`// question: 666  name: backslash
::backslash::A \\ B \\\\ C{}`),
  ).toMatchObject({ title: "backslash", stem: rt(expected) });
});

test("Moodle case: HTML with <pre> over several lines and escaped braces", () => {
  const question = moodleCase(
    [
      "::Q001::[html]<p>What would running the test method print?</p>",
      "<pre>",
      "    public void test() \\{",
      "        method1();",
      "        method2();",
      "        method3();",
      "    \\}",
      "</pre>",
      "{}",
    ].join("\n"),
  );
  expect(question).toEqual(
    q({
      type: "essay",
      title: "Q001",
      stem: rt(
        "<p>What would running the test method print?</p>\n<pre>\n    public void test() {\n        method1();\n        method2();\n        method3();\n    }\n</pre>",
        "html",
      ),
    }),
  );
});

test("Moodle case: tags and idnumber in the comment lines are kept and written back", () => {
  const question = moodleCase(
    "// This question is to test importing tags: [tag:tag] [tag:other-tag].\n// And an idnumber: [id:myid].\n::Question name:: How are you? {}",
  );
  expect(question).toEqual(
    q({
      type: "essay",
      title: "Question name",
      stem: rt("How are you?"),
      idnumber: "myid",
      tags: ["tag", "other-tag"],
    }),
  );
  expect(writeGift([question])).toBe("// [id:myid] [tag:tag] [tag:other-tag]\n::Question name:: How are you? {}\n");
  // As Moodle 4 exports it.
  expect(
    moodleCase(
      "// question: 12  name: True/false question\n// [id:myid] [tag:tag1] [tag:tag2]\n::True/false question::[html]The answer is true.{TRUE#This is the wrong answer.#This is the right answer.####You should have selected true.}",
    ),
  ).toEqual(
    q({
      type: "truefalse",
      title: "True/false question",
      stem: rt("The answer is true.", "html"),
      answer: true,
      feedbackWrong: rt("This is the wrong answer.", "html"),
      feedbackRight: rt("This is the right answer.", "html"),
      generalFeedback: rt("You should have selected true.", "html"),
      idnumber: "myid",
      tags: ["tag1", "tag2"],
    }),
  );
});

test("Moodle case: idnumber and tags read from comments, as extract_idnumber_and_tags_from_comment does", () => {
  const cases: [string, string | null, string[], string[]][] = [
    ["blank comment", null, [], [""]],
    ["nothing in comment", null, [], ["// A basic comment."]],
    ["idnumber only", "frog", [], ["// A comment with [id:frog] <-- an idnumber."]],
    ["tags only", null, ["frog", "toad"], ["// Look tags: [tag:frog] [tag:toad]."]],
    ["everything", "four", ["add", "basic"], ["// [tag:add] [tag:basic] [id:four]"]],
    [
      "everything mixed up",
      "four",
      ["basic", "add"],
      ["// [tag:  basic] Here is  ", "// a [id:   four   ] que[tag:add   ]stion."],
    ],
    ["split over line", null, [], ["// Ceci n'est pas une [tag:", "\\ frog]."]],
    ["escape ] idnumber", "i]d", [], ["// [id:i\\]d]."]],
    ["escape ] tag", null, ["t]ag"], ["// [tag:t\\]ag]."]],
  ];
  for (const [name, idnumber, tags, lines] of cases) {
    const read = moodleMarks(lines.map((text, i) => ({ text, line: i + 1 })));
    expect({ name, idnumber: read.idnumber, tags: read.tags, problems: read.problems }).toEqual({
      name,
      idnumber,
      tags,
      problems: [],
    });
  }
});

test("tags and idnumber: Moodle's header line is not read, two idnumbers are an error, awkward values survive", () => {
  // A question named "[id:5]" in Moodle's own header does not give it idnumber 5.
  expect(parseOne("// question: 3  name: Check [id:5]\n// [id:real]\nQ {T}")).toMatchObject({ idnumber: "real" });
  expectError("// [id:a]\n// [id:b]\nQ {T}", 2, /one idnumber: \[id:a\]/);
  expect(parseOne("// [id:a] and again [id:a] [tag:x] [tag:x] [tag:]\nQ {T}")).toMatchObject({
    idnumber: "a",
    tags: ["x"],
  });
  // @haidang lines are directives, never marks.
  expect(parseOne("// @haidang rubric=see [tag:x]\nQ {}")).toMatchObject({ tags: [] });
  const awkward = q({
    type: "description",
    stem: rt("Marks"),
    idnumber: "ends with \\",
    tags: ["a]b", "trailing \\", "x\\]y", "[bracket", "Tiếng Việt", "العربية"],
  });
  expectRoundTrip([awkward]);
  expect(writeGift([awkward])).toBe(
    "// [id:ends with \\]\n// [tag:a\\]b] [tag:trailing \\]\n// [tag:x\\\\]y] [tag:[bracket] [tag:Tiếng Việt] [tag:العربية]\nMarks\n",
  );
  // Values the comment syntax cannot carry are refused by the shape.
  for (const bad of [
    { tags: ["a<b"] },
    { tags: [" a"] },
    { tags: ["a", "a"] },
    { idnumber: "x [tag:y" },
    { idnumber: "a\nb" },
  ])
    expect(QuestionSchema.safeParse({ type: "description", stem: rt("x"), ...bad }).success).toBe(false);
});

test("matching distractors: several, with formats dropped, and written after the pairs", () => {
  const question = parseOne("Q {=a -> 1 =[html] -> 3 =b -> 2 = -> 4}");
  expect(question).toMatchObject({
    pairs: [
      { left: rt("a"), right: "1" },
      { left: rt("b"), right: "2" },
    ],
    distractors: ["3", "4"],
  });
  expect(writeGift([question])).toBe("Q {\n\t=a -> 1\n\t=b -> 2\n\t= -> 3\n\t= -> 4\n}\n");
  expectRoundTrip([
    q({
      type: "matching",
      stem: rt("M"),
      pairs: [
        { left: rt("x"), right: "a -> b" },
        { left: rt("y"), right: "c" },
      ],
      distractors: ["-> d", "e #f ~g", "c"],
    }),
  ]);
});

const moodleFixture = [
  "// essay",
  "::Q8:: How are you? {}",
  "",
  "// question: 2  name: Moodle activities",
  "::Moodle activities::[html]Match the <b>activity</b> to the description.{",
  "    =[html]An activity supporting asynchronous discussions. -> Forum",
  "    =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice",
  "    =[plain]A bank of record entries which participants can add to. -> Database",
  "    =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki",
  "    = -> Chat",
  "}",
  "",
  "// multiple choice with specified feedback for right and wrong answers",
  "::Q2:: What's between orange and green in the spectrum?",
  "{",
  "    =yellow # right; good!",
  "    ~red # [html]wrong, it's yellow",
  "    ~[plain]blue # wrong, it's yellow",
  "}",
  "",
  "// multiple choice, multiple response with specified feedback for right and wrong answers",
  "::colours:: What's between orange and green in the spectrum?",
  "{",
  "    ~%50%yellow # right; good!",
  "    ~%-100%red # [html]wrong",
  "    ~%50%off-beige # right; good!",
  "    ~%-100%[plain]blue # wrong",
  "}",
  "",
  "// math range question",
  '::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}";',
  "",
  "// question: 666  name: Shortanswer",
  "::Shortanswer::Which is the best animal?{",
  "    =Frog#Good!",
  "    =%50%Cat#What is it with Moodlers and cats?",
  "    =%0%*#Completely wrong",
  "}",
  "",
  "// true/false, with general feedback",
  "::Q1:: 42 is the Absolute Answer to everything.{",
  "FALSE#42 is the Ultimate Answer.#You gave the right answer.",
  "####This is, of course, a Hitchiker's Guide to the Galaxy reference.}\";",
  "",
  "// name 0-11",
  "::2-08 TSL::TSL is blablabla.{T}",
  "",
  "// name 0-11",
  "::2-08 TSL::TSL is blablabla.{TRUE}",
  "",
].join("\n");

const moodleCategoryFixture = [
  "// question: 0  name: switch category to $course$/Default for New Features",
  "$CATEGORY: $course$/Default for New Features",
  "",
  "// question: 44  name: Moodle activities",
  "::Moodle activities::[html]Match the activity to the description.{",
  "\t=An activity supporting asynchronous discussions. -> Forum",
  "\t=A teacher asks a question and specifies a choice of multiple responses. -> Choice",
  "\t=A bank of record entries which participants can add to. -> Database",
  "\t=A collection of web pages that anyone can add to or edit. -> Wiki",
  "\t= -> Chat",
  "}",
  "",
  "// question: 43  name: Greeting",
  '::Greeting::[html]<a href\\="http\\://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting\\:</a><br /><br />What language is being spoken?{',
  "\t~English#Sorry, listen again.",
  "\t=French#Yes, well done!",
  "\t~German#Sorry, listen again.",
  "\t~Spanish#Sorry, listen again.",
  "}",
  "",
  "// question: 46  name: Moodle user",
  "::Moodle user::[html]Anyone who uses Moodle is a ...{",
  "\t=%100%Moodler#",
  "}",
  "",
  "// question: 45  name: Moodle acronym",
  '::Moodle acronym::[html]Moodle is an acronym for <span style\\="font-style\\: italic;">Modular Object-Oriented Dynamic Learning Environment</span>.{TRUE}',
].join("\n");

test("Moodle's fixture files import whole, and survive writing and reading back", () => {
  const all = parseOk(moodleFixture);
  expect(all.map((x) => x.type)).toEqual([
    "essay",
    "matching",
    "single",
    "multiple",
    "numerical",
    "short",
    "truefalse",
    "truefalse",
    "truefalse",
  ]);
  // The fixture's stray `";` after two answer blocks is text after the blank, as in Moodle.
  expect(all[4]).toMatchObject({ tail: '";', otherFeedback: rt("Completely wrong") });
  expect(all[6]).toMatchObject({
    tail: '";',
    generalFeedback: rt("This is, of course, a Hitchiker's Guide to the Galaxy reference."),
  });
  const inCategory = parseOk(moodleCategoryFixture);
  expect(inCategory.map((x) => [x.category, x.type])).toEqual([
    ["Default for New Features", "matching"],
    ["Default for New Features", "single"],
    ["Default for New Features", "short"],
    ["Default for New Features", "truefalse"],
  ]);
  expect(inCategory[1]?.stem.text).toBe(
    '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting:</a><br /><br />What language is being spoken?',
  );
  expect(inCategory[2]).toMatchObject({ answers: [{ text: "Moodler", credit: 100, feedback: null }] });
  for (const questions of [all, inCategory]) {
    expectRoundTrip(questions);
    const written = writeGift(questions);
    expect(writeGift(parseOk(written))).toBe(written);
  }
});

test("questions stored before tags, idnumbers, distractors and other-answer feedback still read", () => {
  // Rows in Question.data and attempt snapshots written before these fields existed.
  const old = [
    {
      type: "matching",
      title: null,
      category: "",
      stem: rt("M"),
      tail: null,
      generalFeedback: null,
      pairs: [
        { left: rt("a"), right: "1" },
        { left: rt("b"), right: "2" },
      ],
    },
    {
      type: "numerical",
      title: null,
      category: "",
      stem: rt("N"),
      tail: null,
      generalFeedback: null,
      answers: [{ kind: "exact", value: 1, tolerance: 0, credit: 100, feedback: null }],
    },
  ];
  for (const row of old) {
    const question = QuestionSchema.parse(row);
    expect(question).toMatchObject({ ...row, idnumber: null, tags: [] });
    expectRoundTrip([question]);
  }
  expect(QuestionSchema.parse(old[0])).toMatchObject({ distractors: [] });
  expect(QuestionSchema.parse(old[1])).toMatchObject({ otherFeedback: null });
});
