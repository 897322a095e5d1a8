import { expect, test } from "vitest";
import { MAX_MARKDOWN_CHARS, renderMarkdown, type RenderOptions } from "./markdown.server";

const options: RenderOptions = {
  media: {
    "chain.png": { width: 640, height: 480 },
    "schéma des preuves.png": { width: 100, height: 50 },
  },
  mediaUrl: (name) => `/courses/electronic-evidence/media/${encodeURIComponent(name)}`,
};

const render = (source: string, opts: RenderOptions = options) => renderMarkdown(source, opts);
const html = (source: string) => render(source).html;

/**
 * Every start tag of the output with its quoted attribute values emptied: text such as
 * `&lt;img onerror=…&gt;` is no tag, and `title="a&quot; onmouseover=…"` is no attribute.
 */
const tags = (out: string) => (out.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"|'[^']*'/g, '""'));

function expectNothingActive(out: string) {
  expect(out).not.toMatch(/<script/i);
  expect(out).not.toMatch(/<iframe/i);
  expect(out).not.toMatch(/<style/i);
  expect(out).not.toMatch(/<svg/i);
  expect(out).not.toMatch(/<object|<embed|<form|<base|<meta|<link/i);
  for (const tag of tags(out)) expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
  expect(out).not.toMatch(/href\s*=\s*["']?\s*(?:javascript|vbscript|data:|file:)/i);
  expect(out).not.toMatch(/src\s*=\s*["']?\s*(?:javascript|vbscript|data:|file:)/i);
}

// ---------------------------------------------------------------------------------------
// Basic rendering

test("a paragraph and a list", () => {
  expect(html("Hello *world*.\n\n- one\n- two\n")).toBe(
    "<p>Hello <em>world</em>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
  );
});

test("tables are wrapped in a scrolling container", () => {
  const out = html("| Step | Who |\n|---|---|\n| Seize | Officer |\n");
  expect(out).toMatch(/^<div class="table-scroll">\n<table>\n<thead>/);
  expect(out).toMatch(/<\/table>\n<\/div>\n$/);
  expect(out).toContain("<td>Seize</td>");
  expect(out.match(/<div class="table-scroll">/g)).toHaveLength(1);
});

test("fenced code is escaped, with a language class and no highlighting", () => {
  expect(html('```html\n<script>alert("x")</script>\n```\n')).toBe(
    '<pre><code class="language-html">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n</code></pre>\n',
  );
  expect(html("```\nplain\n```\n")).toBe("<pre><code>plain\n</code></pre>\n");
});

test("footnotes", () => {
  const out = html("The Convention[^conv] applies.\n\n[^conv]: UN Convention against Cybercrime, art. 1.\n");
  expect(out).toContain('<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
  expect(out).toContain('<section class="footnotes">');
  expect(out).toContain('<li id="fn1" class="footnote-item"><p>UN Convention against Cybercrime, art. 1.');
});

test("links: allowed kinds, and rel on external ones", () => {
  const out = html(
    "[a](https://unodc.org/x) [b](http://example.org) [c](02.preservation.md) [d](#scope) [e](mailto:help@example.org) [f](//cdn.example.org/x)",
  );
  expect(out).toContain('<a href="https://unodc.org/x" rel="noopener noreferrer">a</a>');
  expect(out).toContain('<a href="http://example.org" rel="noopener noreferrer">b</a>');
  expect(out).toContain('<a href="02.preservation.md">c</a>');
  expect(out).toContain('<a href="#scope">d</a>');
  expect(out).toContain('<a href="mailto:help@example.org">e</a>');
  expect(out).toContain('<a href="//cdn.example.org/x" rel="noopener noreferrer">f</a>');
});

test("linkify turns bare URLs and e-mail addresses into links", () => {
  const out = html("See https://unodc.org or write to help@example.org.");
  expect(out).toContain('<a href="https://unodc.org" rel="noopener noreferrer">https://unodc.org</a>');
  expect(out).toContain('<a href="mailto:help@example.org">help@example.org</a>');
});

test("schemes other than http, https and mailto never become links", () => {
  for (const url of ["ftp://example.org/f", "tel:+431234", "sms:123", "irc://x", "intent://x", "chrome://settings"]) {
    // Refused by the parser itself: the Markdown stays as written.
    expect(html(`[x](${url})`), url).toBe(`<p>[x](${url})</p>\n`);
  }
  expect(html("<ftp://example.org/f>")).toBe("<p>&lt;ftp://example.org/f&gt;</p>\n");
});

test("links are checked again after parsing (a data: image URL accepted by the parser is no link)", () => {
  expect(html("[x](data:image/png;base64,AAAA)")).toBe("<p>x</p>\n");
  expect(html("[x](DATA:image/gif;base64,AAAA)")).toBe("<p>x</p>\n");
});

// ---------------------------------------------------------------------------------------
// Headings

test("headings get ids and link to themselves", () => {
  expect(html("## Chain of custody")).toBe(
    '<h2 id="chain-of-custody" tabindex="-1"><a class="header-anchor" href="#chain-of-custody">Chain of custody</a></h2>\n',
  );
});

test("Arabic, Vietnamese and Chinese headings get non-empty ids in their own script", () => {
  const { html: out, headings } = render("## الأدلة الإلكترونية\n\n## Thu thập chứng cứ điện tử\n\n### 电子证据\n");
  expect(headings).toEqual([
    { level: 2, id: "الأدلة-الإلكترونية", text: "الأدلة الإلكترونية" },
    { level: 2, id: "thu-thập-chứng-cứ-điện-tử", text: "Thu thập chứng cứ điện tử" },
    { level: 3, id: "电子证据", text: "电子证据" },
  ]);
  expect(out).toContain(
    '<h2 id="الأدلة-الإلكترونية" tabindex="-1"><a class="header-anchor" href="#الأدلة-الإلكترونية">',
  );
});

test("Vietnamese in decomposed form gets the same id as composed", () => {
  const decomposed = "Thu thập chứng cứ".normalize("NFD");
  expect(render(`## ${decomposed}`).headings[0]?.id).toBe("thu-thập-chứng-cứ");
});

test("duplicate and symbol-only headings get unique ids", () => {
  const { headings } = render("## Scope\n\n## Scope\n\n## Scope\n\n## !!!\n\n## ???\n");
  expect(headings.map((h) => h.id)).toEqual(["scope", "scope-2", "scope-3", "section-4", "section-5"]);
});

test("ids do not leak between calls", () => {
  expect(render("## Scope").headings[0]?.id).toBe("scope");
  expect(render("## Scope").headings[0]?.id).toBe("scope");
});

test("the table of contents lists levels 2 and 3 only, with plain text", () => {
  const { html: out, headings } = render("# Title\n\n## *Seizing* `devices`\n\n### Phones\n\n#### Detail\n");
  expect(headings).toEqual([
    { level: 2, id: "seizing-devices", text: "Seizing devices" },
    { level: 3, id: "phones", text: "Phones" },
  ]);
  expect(out).toContain('<h1 id="title"');
  expect(out).toContain('<h4 id="detail"');
});

test("a link inside a heading is unwrapped (links cannot nest)", () => {
  const out = html("## See [the guide](https://example.org) now");
  expect(out).toBe(
    '<h2 id="see-the-guide-now" tabindex="-1"><a class="header-anchor" href="#see-the-guide-now">See the guide now</a></h2>\n',
  );
});

// ---------------------------------------------------------------------------------------
// Callouts

test("note callout", () => {
  expect(html("::: note\nSomething worth knowing.\n:::\n")).toBe(
    '<aside class="callout callout-note" aria-label="Note">\n<p>Something worth knowing.</p>\n</aside>\n',
  );
});

test("warning callout", () => {
  expect(html("::: warning\nSomething that can go wrong.\n:::\n")).toBe(
    '<aside class="callout callout-warning" aria-label="Warning">\n<p>Something that can go wrong.</p>\n</aside>\n',
  );
});

test("legal callout", () => {
  expect(html("::: legal\nArticle 1.\n:::\n")).toBe(
    '<aside class="callout callout-legal" aria-label="Legal text">\n<p>Article 1.</p>\n</aside>\n',
  );
});

test("callout labels come from the options, escaped", () => {
  const out = render("::: note\nx\n:::\n\n::: legal\ny\n:::\n", {
    ...options,
    labels: { note: "Remarque", warning: "Avertissement", legal: 'Texte "juridique"' },
  }).html;
  expect(out).toContain('<aside class="callout callout-note" aria-label="Remarque">');
  expect(out).toContain('<aside class="callout callout-legal" aria-label="Texte &quot;juridique&quot;">');
  // The next call without labels is back to English.
  expect(html("::: note\nx\n:::\n")).toContain('aria-label="Note"');
});

test("an unknown container stays plain text", () => {
  expect(html("::: tip\nHello\n:::\n")).toBe("<p>::: tip\nHello\n:::</p>\n");
  expect(html("::: note onclick=alert(1)\nHello\n:::\n")).not.toContain("<aside");
});

// ---------------------------------------------------------------------------------------
// Images

test("an image from media/ gets its URL, size and lazy loading", () => {
  const { html: out, problems } = render('![Chain of custody form](media/chain.png "The form")');
  expect(out).toBe(
    '<p><img src="/courses/electronic-evidence/media/chain.png" alt="Chain of custody form" width="640" height="480" title="The form" loading="lazy" decoding="async"></p>\n',
  );
  expect(problems).toEqual([]);
});

test("an image whose name needs encoding is found", () => {
  const { html: out, problems } = render("![Schéma](<media/schéma des preuves.png>)");
  expect(out).toContain(
    `<img src="/courses/electronic-evidence/media/${encodeURIComponent("schéma des preuves.png")}" alt="Schéma" width="100" height="50"`,
  );
  expect(problems).toEqual([]);
});

test("an unknown media name renders the alt text and reports its line", () => {
  const { html: out, problems } = render("Intro.\n\nFirst line\nsecond ![A <b>diagram</b>](media/x.png) line\n");
  expect(out).toBe(
    '<p>First line\nsecond <span class="missing-image">A &lt;b&gt;diagram&lt;/b&gt;</span> line</p>\n'.replace(
      /^/,
      "<p>Intro.</p>\n",
    ),
  );
  expect(out).not.toContain("<img");
  expect(problems).toEqual([
    { line: 4, message: "image media/x.png is not in the course's media/ folder", media: "x.png" },
  ]);
});

test("a link to a PDF in media/ goes to its URL and downloads; a missing one is reported with its name", () => {
  const opts: RenderOptions = {
    ...options,
    media: { ...options.media, "convention.pdf": { width: null, height: null, kind: "pdf" } },
  };
  const ok = render("Read [the Convention](media/convention.pdf).", opts);
  expect(ok.html).toBe(
    '<p>Read <a href="/courses/electronic-evidence/media/convention.pdf" download="convention.pdf">the Convention</a>.</p>\n',
  );
  expect(ok.problems).toEqual([]);
  const missing = render("Intro\n\n[Handout](media/handout.pdf)", opts);
  expect(missing.problems).toEqual([
    {
      line: 3,
      message: "link media/handout.pdf goes to a file that is not in the course's media/ folder",
      media: "handout.pdf",
    },
  ]);
  // A PDF is linked, never shown as an image.
  const asImage = render("![The Convention](media/convention.pdf)", opts);
  expect(asImage.html).not.toContain("<img");
  expect(asImage.problems).toEqual([
    {
      line: 1,
      message: "media/convention.pdf is a PDF, not an image: link to it with [Title](media/convention.pdf)",
      media: "convention.pdf",
    },
  ]);
});

test("a remote image is refused", () => {
  const { html: out, problems } = render("Text.\n\n![Logo](https://evil.example/logo.png)\n");
  expect(out).toBe('<p>Text.</p>\n<p><span class="missing-image">Logo</span></p>\n');
  expect(problems).toEqual([{ line: 3, message: "images must come from the course's media/ folder" }]);
  expect(render("![Logo](//evil.example/logo.png)").problems).toEqual([
    { line: 1, message: "images must come from the course's media/ folder" },
  ]);
});

test("a data: image is refused", () => {
  const { html: out, problems } = render("\n\n\n![Pixel](data:image/png;base64,iVBORw0KGgo=)");
  expect(out).toBe('<p><span class="missing-image">Pixel</span></p>\n');
  expect(out).not.toContain("data:");
  expect(problems).toEqual([{ line: 4, message: "images must come from the course's media/ folder" }]);
});

test("path traversal and subfolders are refused, even percent-encoded", () => {
  const media = { ...options.media, "x.png": { width: 1, height: 1 }, "..": { width: 1, height: 1 } };
  const opts = { ...options, media };
  const cases: Array<[string, string]> = [
    ["media/../x.png", "image media/../x.png is not in the course's media/ folder"],
    ["media/%2E%2E/x.png", "image media/../x.png is not in the course's media/ folder"],
    ["media/..%2Fx.png", "image media/../x.png is not in the course's media/ folder"],
    ["media/sub/x.png", "image media/sub/x.png is not in the course's media/ folder"],
    ["media/..", "image media/.. is not in the course's media/ folder"],
    ["./media/x.png", "image ./media/x.png is not in the course's media/ folder"],
    ["/media/x.png", "image /media/x.png is not in the course's media/ folder"],
    ["x.png", "image x.png is not in the course's media/ folder"],
  ];
  for (const [src, message] of cases) {
    const { html: out, problems } = render(`Line one\n\n![X](${src})`, opts);
    expect(out, src).not.toContain("<img");
    expect(out, src).toContain('<span class="missing-image">X</span>');
    expect(problems, src).toEqual([{ line: 3, message }]);
  }
  // The same file, addressed properly, is fine.
  expect(render("![X](media/x.png)", opts).html).toContain("<img ");
});

test("image problems carry the line in tables, lists, callouts and footnotes", () => {
  const source = [
    "| A |", //                                1
    "|---|", //                               2
    "| ![a](media/a.png) |", //               3
    "", //                                    4
    "- item", //                              5
    "- ![b](media/b.png)", //                 6
    "", //                                    7
    "::: note", //                            8
    "![c](media/c.png)", //                   9
    ":::", //                                 10
    "", //                                    11
    "Text[^1] and^[inline ![d](media/d.png)].", // 12
    "", //                                    13
    "[^1]: See ![e](media/e.png).", //         14
  ].join("\n");
  expect(render(source).problems.map((p) => [p.line, p.message.split(" ")[1]])).toEqual([
    [3, "media/a.png"],
    [6, "media/b.png"],
    [9, "media/c.png"],
    [12, "media/d.png"],
    [14, "media/e.png"],
  ]);
});

test("images that the parser refuses outright (javascript:) are not images at all", () => {
  const out = html("![x](javascript:alert(1))");
  expect(out).not.toContain("<img");
  expectNothingActive(out);
});

// ---------------------------------------------------------------------------------------
// Hostile input

const hostile: Array<[string, string]> = [
  ["<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"],
  ["<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"],
  ['<a href="javascript:alert(1)">x</a>', "<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>\n"],
  ["[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"],
  ["[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"],
  ["[x](%6Aavascript:alert(1))", "<p>[x](%6Aavascript:alert(1))</p>\n"],
  ["[x](java&#115;cript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"],
  ["[x](vbscript:msgbox)", "<p>[x](vbscript:msgbox)</p>\n"],
  ["[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>\n"],
  ["[x](file:///etc/passwd)", "<p>[x](file:///etc/passwd)</p>\n"],
  ["<iframe src=//evil>", "<p>&lt;iframe src=//evil&gt;</p>\n"],
  ["<style>body{display:none}</style>", "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>\n"],
  ["<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>\n"],
  ["<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"],
  ["<JAVASCRIPT:alert(1)>", "<p>&lt;JAVASCRIPT:alert(1)&gt;</p>\n"],
  ["<vbscript:msgbox>", "<p>&lt;vbscript:msgbox&gt;</p>\n"],
  ["[x]( javascript:alert(1) )", "<p>[x]( javascript:alert(1) )</p>\n"],
  ["[x](<javascript:alert(1)>)", "<p>[x](&lt;javascript:alert(1)&gt;)</p>\n"],
  ["[x](<java script:alert(1)>)", "<p>[x](&lt;java script:alert(1)&gt;)</p>\n"],
  ["[x](&#106;avascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"],
  ["[x](&#x4A;avascript&colon;alert(1))", "<p>[x](Javascript:alert(1))</p>\n"],
  ["[x](javascript%3Aalert(1))", "<p>[x](javascript%3Aalert(1))</p>\n"],
  ["[x][r]\n\n[r]: javascript:alert(1)", "<p>[x][r]</p>\n<p>[r]: javascript:alert(1)</p>\n"],
  [
    '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    '<p><a href="https://ok.example" title="a&quot; onmouseover=&quot;alert(1)" rel="noopener noreferrer">x</a></p>\n',
  ],
  ['```js" onclick="alert(1)\ncode\n```', '<pre><code class="language-js&quot;">code\n</code></pre>\n'],
  [
    "## <script>alert(1)</script>",
    '<h2 id="script-alert-1-script" tabindex="-1"><a class="header-anchor" href="#script-alert-1-script">&lt;script&gt;alert(1)&lt;/script&gt;</a></h2>\n',
  ],
  [
    '![x" onerror="alert(1)](media/chain.png)',
    '<p><img src="/courses/electronic-evidence/media/chain.png" alt="x&quot; onerror=&quot;alert(1)" width="640" height="480" loading="lazy" decoding="async"></p>\n',
  ],
];

for (const [input, expected] of hostile) {
  test(`hostile input is inert: ${JSON.stringify(input)}`, () => {
    const out = html(input);
    expect(out).toBe(expected);
    expectNothingActive(out);
  });
}

test("hostile inputs stay inert inside lists, quotes, tables, callouts and footnotes", () => {
  const inputs = hostile.map(([input]) => input.replace(/\n/g, " "));
  const source = [
    ...inputs.map((i) => `- ${i}`),
    "",
    ...inputs.map((i) => `> ${i}`),
    "",
    "| a |",
    "|---|",
    ...inputs.map((i) => `| ${i.replace(/\|/g, "\\|")} |`),
    "",
    "::: warning",
    ...inputs,
    ":::",
    "",
    "Note[^1].",
    "",
    `[^1]: ${inputs.join(" ")}`,
  ].join("\n");
  const out = html(source);
  expectNothingActive(out);
  expect(out).toContain("&lt;script&gt;");
  expect(out).toContain('<aside class="callout callout-warning"');
  expect(out).toContain('<section class="footnotes">');
});

test("the safety checks themselves catch what they are meant to catch", () => {
  expect(() => expectNothingActive('<p><a href="JavaScript:alert(1)">x</a></p>')).toThrow();
  expect(() => expectNothingActive('<p><img src="x" onerror="alert(1)"></p>')).toThrow();
  expect(() => expectNothingActive("<p><script>alert(1)</script></p>")).toThrow();
  expect(() => expectNothingActive('<p><a href="data:text/html,x">x</a></p>')).toThrow();
  expect(() => expectNothingActive("<p><a href=x onclick=alert(1)>x</a></p>")).toThrow();
  expect(() => expectNothingActive("<p>&lt;img src=x onerror=alert(1)&gt;</p>")).not.toThrow();
  expect(() => expectNothingActive('<p><a href="#" title="&quot; onclick=&quot;x">x</a></p>')).not.toThrow();
});

test(`a text longer than ${MAX_MARKDOWN_CHARS} characters is not rendered`, () => {
  expect(MAX_MARKDOWN_CHARS).toBe(200_000);
  const result = render("a".repeat(200_001));
  expect(result).toEqual({
    html: "",
    headings: [],
    problems: [{ line: 1, message: "the text is longer than 200000 characters" }],
  });
  const atLimit = render(`## Scope\n\n${"a".repeat(200_000 - 10)}`);
  expect(atLimit.problems).toEqual([]);
  expect(atLimit.html.startsWith('<h2 id="scope"')).toBe(true);
});

test("10,000 nested quotes neither throw nor take long", () => {
  for (const source of [`${">".repeat(10_000)} deep`, `${"> ".repeat(10_000)}deep`, "- ".repeat(10_000) + "deep"]) {
    const started = performance.now();
    const out = html(source);
    expect(performance.now() - started).toBeLessThan(1_000);
    // markdown-it's default maxNesting (100) stops the nesting.
    expect((out.match(/<blockquote>|<ul>/g) ?? []).length).toBeLessThanOrEqual(100);
    expectNothingActive(out);
  }
});

test("many duplicate headings stay fast (unique ids in linear time)", () => {
  const started = performance.now();
  const { headings } = render("## a\n\n".repeat(10_000));
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(headings).toHaveLength(10_000);
  expect(headings[9_999]?.id).toBe("a-10000");
  expect(new Set(headings.map((h) => h.id)).size).toBe(10_000);
});
