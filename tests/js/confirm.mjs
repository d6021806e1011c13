// Runs core/static/zhibu.js in a bare page (no browser) and sends it the clicks and submits of
// irreversible actions marked data-confirm, with confirm() answering as the case says.
// Usage: node confirm.mjs SCRIPT CASE.json  → prints, for each step, whether the action was prevented
// and the question asked, as JSON. A step: {"event": "click"|"submit", "on": "button"|"form",
// "confirm": "…" (the element's data-confirm, or null), "answer": true|false}. A last check runs the
// option filter: {"filter": {"value": "…", "options": [data-when or null, …]}} → which options show.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [script, casePath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(casePath, "utf8"));
const listeners = {};
let answer = true;
const asked = [];

function element(tagName, attributes) {
  return {
    tagName, attributes: { ...attributes },
    getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
    hasAttribute(name) { return name in this.attributes; },
    closest(selector) {
      const names = [...selector.matchAll(/\[([a-z-]+)\]/g)].map((m) => m[1]);
      return names.some((n) => this.hasAttribute(n)) ? this : null;
    },
  };
}

const document = { addEventListener: (type, handler) => { (listeners[type] ||= []).push(handler); } };
const send = (type, event) => (listeners[type] || []).forEach((handler) => handler(event));
const window = { confirm: (question) => { asked.push(question); return answer; }, print: () => {} };
const context = vm.createContext({ window, document, URL, URLSearchParams, console });
vm.runInContext(readFileSync(script, "utf8"), context);

const outcome = [];
for (const step of spec.steps) {
  answer = step.answer;
  asked.length = 0;
  const attributes = step.confirm === null ? {} : { "data-confirm": step.confirm };
  const target = element(step.on === "form" ? "FORM" : "BUTTON", attributes);
  target.method = "post";
  let prevented = false;
  send(step.event, { target, preventDefault: () => { prevented = true; } });
  outcome.push({ prevented, asked: [...asked] });
}

let shown = null;
if (spec.filter) {
  const options = spec.filter.options.map((when) => ({ ...element("OPTION", when === null ? {} : { "data-when": when }),
                                                       hidden: false, disabled: false, selected: true }));
  const select = { options };
  const form = { querySelectorAll: () => [select] };
  send("change", { target: { form, name: "type", value: spec.filter.value } });
  shown = options.map((o) => ({ hidden: o.hidden, disabled: o.disabled, selected: o.selected }));
}
console.log(JSON.stringify({ steps: outcome, shown }));
