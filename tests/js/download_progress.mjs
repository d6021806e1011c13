// Runs core/static/zhibu.js in a bare page (no browser): a download link's file is fetched from a
// canned response, its progress recorded, and the saved file compared with what was sent.
// Usage: node download_progress.mjs SCRIPT CASE.json  → prints the outcome as JSON.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import vm from "node:vm";

const [script, casePath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(casePath, "utf8"));
const body = spec.body_file ? readFileSync(spec.body_file) : Buffer.alloc(0);

const seen = { statuses: [], bars: [], saved: [], assigned: [], prevented: false, hiddenAtEnd: null };
const listeners = {};

function element(attributes = {}) {
  return {
    attributes: { ...attributes }, hidden: true,
    getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
    setAttribute(name, value) { this.attributes[name] = String(value); },
    removeAttribute(name) { delete this.attributes[name]; },
    hasAttribute(name) { return name in this.attributes; },
  };
}
const bar = element();
let value = 0, max = 1;
Object.defineProperty(bar, "value", { get: () => value, set: (v) => { value = v; seen.bars.push([v, max]); } });
Object.defineProperty(bar, "max", { get: () => max, set: (v) => { max = v; } });
const status = element();
Object.defineProperty(status, "textContent", { set: (text) => seen.statuses.push(text), get: () => seen.statuses.at(-1) });
const box = element(spec.texts);
box.querySelector = (selector) => (selector === "progress" ? bar : status);
const link = element({ "data-download": "export-progress" });
link.tagName = "A";
link.href = spec.url;
link.closest = () => link;

const document = {
  addEventListener: (type, handler) => { listeners[type] = handler; },
  getElementById: (id) => (id === "export-progress" ? box : null),
  createElement: () => ({ click() { seen.saved.push({ href: this.href, name: this.download }); }, remove() {} }),
  body: { appendChild() {} },
};
const blobs = {};
class PageURL extends URL {}
PageURL.createObjectURL = (blob) => { const id = `blob:${Object.keys(blobs).length}`; blobs[id] = blob; return id; };
PageURL.revokeObjectURL = () => {};

function respond() {
  const chunks = [];
  for (let at = 0; at < body.length; at += spec.chunk) chunks.push(body.subarray(at, at + spec.chunk));
  const stream = new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(new Uint8Array(next)); else controller.close();
    },
  });
  return new Response(stream, { status: spec.status, headers: spec.headers });
}

const window = {
  fetch: async () => respond(), ReadableStream, Blob, URL: PageURL,
  location: { assign: (url) => seen.assigned.push(url), href: spec.url },
  setTimeout: () => 0, confirm: () => true, print: () => {},
};
const context = vm.createContext({ window, document, URL: PageURL, URLSearchParams, Blob, ReadableStream, console });
vm.runInContext(readFileSync(script, "utf8"), context);

// A click on the link, as the browser would send it.
listeners.click({ target: link, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false,
                  preventDefault: () => { seen.prevented = true; } });
for (let i = 0; i < 2000 && box.getAttribute("data-busy"); i++) await new Promise((r) => setImmediate(r));
seen.hiddenAtEnd = box.hidden;
seen.busyAtEnd = box.getAttribute("data-busy");
for (const item of seen.saved) {
  const data = Buffer.from(await blobs[item.href].arrayBuffer());
  item.sha256 = createHash("sha256").update(data).digest("hex");
  item.size = data.length;
}
seen.units = {
  words: context.Zhibu.words("已导出 {n} / {m} 条", { n: 3, m: 10 }),
  filename: [context.Zhibu.filename("attachment; filename=\"audit-1.csv\"", "x"),
             context.Zhibu.filename("attachment; filename*=UTF-8''%E5%AF%BC%E5%87%BA.xlsx", "x"),
             context.Zhibu.filename(null, "export")],
};
console.log(JSON.stringify(seen));
