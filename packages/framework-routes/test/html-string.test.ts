import { expect, test } from "vitest";
import { HtmlString, escapeHtml, raw, renderHtml } from "../src/html-string.js";
import { html } from "../src/route-response.js";

test("escapeHtml escapes the five HTML specials and leaves other text alone", () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  expect(escapeHtml("plain café")).toBe("plain café");
});

test("html`` escapes interpolated values by default", () => {
  const userInput = `<script>alert("x")</script>`;
  const markup = html`<p title="${userInput}">${userInput}</p>`;
  expect(markup).toBeInstanceOf(HtmlString);
  expect(markup.value).toBe("<p title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>");
});

test("raw() and nested html`` are inserted without escaping", () => {
  const bold = html`<b>${"a&b"}</b>`;
  expect(html`<p>${bold} ${raw("<i>trusted</i>")}</p>`.value).toBe("<p><b>a&amp;b</b> <i>trusted</i></p>");
});

test("arrays render item by item; null, undefined and false render nothing; numbers and Dates as text", () => {
  const items = ["<one>", "two"];
  expect(html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`.value).toBe("<ul><li>&lt;one&gt;</li><li>two</li></ul>");
  expect(html`[${null}${undefined}${false}]`.value).toBe("[]");
  expect(html`${0} ${true} ${12.5}`.value).toBe("0 true 12.5");
  expect(html`${new Date(0).getUTCFullYear()}`.value).toBe("1970");
});

test("renderHtml is the tag's engine and HtmlString prints its markup", () => {
  expect(renderHtml(["a", "c"], ["<b>"]).value).toBe("a&lt;b&gt;c");
  expect(String(raw("<x>"))).toBe("<x>");
});
