import { expect, test } from "vitest";
import { TEXT_FORMATS, type TextFormat } from "./questions";
import { renderRichText } from "./rich-text.server";

const render = (text: string, format: TextFormat) => renderRichText({ text, format });

/**
 * Every start tag of the output with its quoted attribute values emptied: text such as
 * `&lt;img onerror=…&gt;` is no tag, and `title="a&quot; onmouseover=…"` is no attribute.
 */
const tags = (out: string) => (out.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"|'[^']*'/g, '""'));

function expectNothingActive(out: string) {
  expect(out).not.toMatch(/<script/i);
  expect(out).not.toMatch(/<iframe/i);
  expect(out).not.toMatch(/<style/i);
  expect(out).not.toMatch(/<img/i);
  expect(out).not.toMatch(/<svg|<math|<object|<embed|<form|<input|<button|<base|<meta|<link|<textarea/i);
  for (const tag of tags(out)) {
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/\sstyle\s*=/i);
    expect(tag).not.toMatch(/\ssrc\s*=/i);
  }
  expect(out).not.toMatch(/href\s*=\s*["']?\s*(?:javascript|vbscript|data:|file:)/i);
}

const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src="x" onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">click</a>',
  '<a href="  javascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  "<style>body{display:none}</style>",
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload="alert(1)"><circle/></svg>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<p onclick="alert(1)" onmouseover="alert(2)">hi</p>',
  '<span title="a&quot; onmouseover=&quot;alert(1)">t</span>',
  '<form action="https://evil.example"><input name="p"><button>go</button></form>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
  "<textarea><script>alert(1)</script></textarea>",
  "<xmp><img src=x onerror=alert(1)></xmp>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "[click](javascript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD4=)",
  "![x](data:image/png;base64,iVBORw0KGgo=)",
  '![x](https://evil.example/track.png "t")',
  "<https://example.org/?q=<script>>",
  "[x](<javascript:alert(1)>)",
  "[x](java%73cript:alert(1))",
  "``<script>`` `<img src=x onerror=alert(1)>`",
];

test("hostile input is neutralised in every format", () => {
  for (const format of TEXT_FORMATS) {
    for (const text of HOSTILE) expectNothingActive(render(text, format));
    expectNothingActive(render(HOSTILE.join("\n\n"), format));
  }
});

test("plain and moodle: escaped text with line breaks", () => {
  for (const format of ["plain", "moodle"] as const) {
    expect(render("a < b && c > \"d\" 'e'", format)).toBe("a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;");
    expect(render("line 1\nline 2\r\nline 3", format)).toBe("line 1<br>\nline 2<br>\nline 3");
    expect(render("<b>bold</b>", format)).toBe("&lt;b&gt;bold&lt;/b&gt;");
    expect(render("**not markdown**", format)).toBe("**not markdown**");
  }
});

test("markdown: one paragraph renders inline, longer text as blocks", () => {
  expect(render("Which is **volatile**?", "markdown")).toBe("Which is <strong>volatile</strong>?");
  expect(render("First.\n\n- a\n- b", "markdown")).toBe("<p>First.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
  expect(render("`code` and [a link](https://example.org)", "markdown")).toBe(
    '<code>code</code> and <a href="https://example.org" rel="noopener noreferrer">a link</a>',
  );
});

test("markdown: raw HTML stays text, unsafe links stay text, images become their alt text", () => {
  expect(render("<b>x</b>", "markdown")).toBe("&lt;b&gt;x&lt;/b&gt;");
  expect(render("[click](javascript:alert(1))", "markdown")).toBe("[click](javascript:alert(1))");
  expect(render("![a chart](https://example.org/c.png)", "markdown")).toBe(
    '<span class="missing-image">a chart</span>',
  );
});

test("html: the allow-list keeps formatting, lists, tables and code", () => {
  const html =
    "<p>A <strong>b</strong> <em>c</em> <b>d</b> <i>e</i> <u>f</u> H<sub>2</sub>O x<sup>2</sup><br>" +
    "<code>g</code></p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote>q</blockquote><pre>p</pre>" +
    "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table><span>s</span>";
  expect(render(html, "html")).toBe(html.replace("<br>", "<br />"));
});

test("html: links keep http, https and mailto targets only, always with rel=noopener noreferrer", () => {
  expect(render('<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="opener">x</a>', "html")).toBe(
    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">x</a>',
  );
  expect(render('<a href="http://example.org">x</a>', "html")).toBe(
    '<a href="http://example.org" rel="noopener noreferrer">x</a>',
  );
  expect(render('<a href="mailto:someone@example.org">mail</a>', "html")).toBe(
    '<a href="mailto:someone@example.org" rel="noopener noreferrer">mail</a>',
  );
  for (const href of [
    "javascript:alert(1)",
    "data:text/html,x",
    "/relative",
    "//evil.example/x",
    "ftp://example.org",
    "#top",
    "",
  ]) {
    expect(render(`<a href="${href}">x</a>`, "html")).toBe("<span>x</span>");
  }
  expect(render("<a>no href</a>", "html")).toBe("<span>no href</span>");
});

test("html: dropped tags keep their text, except scripts and styles", () => {
  expect(render("<div><h1>Title</h1><font color=red>text</font></div>", "html")).toBe("Titletext");
  expect(render("a<script>alert(1)</script>b<style>p{}</style>c", "html")).toBe("abc");
  expect(render('<p class="x" id="y" style="color:red" title="t" onclick="z">p</p>', "html")).toBe("<p>p</p>");
  expect(render('<img src="https://example.org/x.png" alt="alt">after', "html")).toBe("after");
});

test("Vietnamese and Arabic text survive every format", () => {
  for (const format of TEXT_FORMATS) {
    expect(render("Chứng cứ điện tử — ما هو الدليل الرقمي؟", format)).toContain(
      "Chứng cứ điện tử — ما هو الدليل الرقمي؟",
    );
  }
});
