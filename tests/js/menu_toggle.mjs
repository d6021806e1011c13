// Runs core/static/zhibu.js in a bare page (no browser) holding the menu button and the navigation as
// the app's page gives them: the script marks <html> so the stylesheet may fold the navigation, a
// click opens it, a second click closes it, Escape closes it and gives the focus back to the button.
// Usage: node menu_toggle.mjs SCRIPT CASE.json  → prints the states seen as JSON.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [script, casePath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(casePath, "utf8"));   // {button: {attr: value}, nav_id: "..."}
const listeners = {};

function classes() {
  const set = new Set();
  return {
    add: (name) => set.add(name), remove: (name) => set.delete(name), contains: (name) => set.has(name),
    toggle: (name, force) => {
      const on = force === undefined ? !set.has(name) : !!force;
      if (on) set.add(name); else set.delete(name);
      return on;
    },
    list: () => [...set],
  };
}

function element(tag, attributes = {}) {
  return {
    tagName: tag, attributes: { ...attributes }, classList: classes(), focused: false,
    getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; },
    setAttribute(name, value) { this.attributes[name] = String(value); },
    removeAttribute(name) { delete this.attributes[name]; },
    hasAttribute(name) { return name in this.attributes; },
    closest(selector) { return selector.includes("[data-menu]") && this.hasAttribute("data-menu") ? this : null; },
    focus() { this.focused = true; },
  };
}

const html = element("HTML");
const button = element("BUTTON", spec.button);
const nav = element("ASIDE", { id: spec.nav_id });
const label = element("SPAN");
label.closest = (selector) => button.closest(selector);   // a click on the word inside the button

const document = {
  documentElement: html,
  addEventListener: (type, handler) => { listeners[type] = handler; },
  getElementById: (id) => (id === spec.nav_id ? nav : null),
  querySelector: (selector) => (selector === '[data-menu][aria-expanded="true"]'
                                && button.getAttribute("aria-expanded") === "true" ? button : null),
};
const window = { confirm: () => true, print: () => {} };
vm.runInContext(readFileSync(script, "utf8"), vm.createContext({ window, document, URL, console }));

const state = () => ({ expanded: button.getAttribute("aria-expanded"), open: nav.classList.contains("open") });
const click = (target) => listeners.click({ target, preventDefault() {} });
const seen = { marked: html.classList.contains("js-menu"), start: state() };
click(label);
seen.first = state();
click(button);
seen.second = state();
click(button);
listeners.keydown({ key: "Escape" });
seen.escape = { ...state(), focused: button.focused };
listeners.keydown({ key: "Enter" });
seen.other_key = state();
console.log(JSON.stringify(seen));
