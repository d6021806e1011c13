// Runs core/static/zhibu.js in a bare page (no browser) with a search box (data-search) above a select,
// types into the box step by step, and prints which options the select holds after each step.
// Usage: node search_select.mjs SCRIPT CASE.json → {"shown": bool, "steps": [[option text, …], …]}.
// A case: {"options": ["全部", "第一中学", …], "chosen": index or null, "typed": ["一", "", …]}.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [script, casePath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(casePath, "utf8"));
const listeners = {};

const options = spec.options.map((text, i) => ({ text, value: `v${i}`, selected: i === spec.chosen }));
const select = {
  children: [...options],
  get options() { return this.children; },
  replaceChildren(...kept) { this.children = kept; },
};
const box = {
  hidden: true, value: "", attributes: { "data-search": "school" },
  hasAttribute(name) { return name in this.attributes; },
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
};
const document = {
  addEventListener: (type, handler) => { (listeners[type] ||= []).push(handler); },
  querySelectorAll: (selector) => (selector === "[data-search]" ? [box] : []),
  getElementById: (id) => (id === "school" ? select : null),
};
const window = {};
vm.runInContext(readFileSync(script, "utf8"), vm.createContext({ window, document, URL, console }));

const shown = !box.hidden;
const steps = [];
for (const text of spec.typed) {
  box.value = text;
  (listeners.input || []).forEach((handler) => handler({ target: box }));
  steps.push(select.options.map((o) => o.text));
}
console.log(JSON.stringify({ shown, steps }));
