// Behaviour that pages declare with data- attributes (the Content-Security-Policy forbids inline script).
//   data-print            a button or link that prints the page
//   data-confirm="..."    a button (or a whole form) that asks before it submits: an irreversible
//                         action (finalise, lock, disable, revoke, delete). A UX guard only: the
//                         server never depends on it.
//   data-filter-by="NAME" a select whose options each list in data-when the values of the form's
//                         field NAME they belong to (space-separated); the others are hidden
//   data-search="ID"      a text box that narrows the select ID to the options whose words contain what
//                         is typed (the console's school filter: 2,000 schools); its first option ("all")
//                         and the chosen one always stay. Without script the whole list shows.
//   data-check-all="NAME" a checkbox that ticks or unticks every checkbox named NAME of its form (and is
//                         unticked when one of them is); the form also sends it, so it works without script
//   data-download="ID"    a link, or a GET form, whose download shows its progress in the element ID
//                         (a <progress> and a [data-download-status] inside; its words in data-text-*):
//                         the file is fetched, counted as it arrives (rows by X-Export-Rows, or bytes by
//                         Content-Length) and then saved. Without script, or a browser that cannot read
//                         a response as a stream, the link downloads as any link does.
//   data-menu             a button (aria-controls="ID", aria-expanded) that shows or hides the element ID:
//                         on a phone the side navigation folds behind it. Without script the
//                         navigation stays open above the content (the page only folds it once this
//                         script has marked <html> with the class "js-menu").
if (document.documentElement) document.documentElement.classList.add("js-menu");

document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-print], [data-confirm], [data-download], [data-menu]");
  if (!target) return;
  if (target.hasAttribute("data-menu")) {
    Zhibu.toggleMenu(target);
  } else if (target.hasAttribute("data-download")) {
    if (target.tagName === "A" && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
        && Zhibu.download(target.href, document.getElementById(target.getAttribute("data-download")))) {
      event.preventDefault();
    }
  } else if (target.hasAttribute("data-print")) {
    event.preventDefault();
    window.print();
  } else if (!window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var open = document.querySelector('[data-menu][aria-expanded="true"]');
  if (open) {
    Zhibu.toggleMenu(open, false);
    open.focus();
  }
});

document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.hasAttribute("data-confirm") && !window.confirm(form.getAttribute("data-confirm"))) {
    event.preventDefault();
    return;
  }
  if (!form.hasAttribute("data-download") || (form.method || "get").toLowerCase() !== "get") return;
  var url = new URL(form.action, window.location.href);
  url.search = new URLSearchParams(new FormData(form)).toString();
  if (Zhibu.download(url.href, document.getElementById(form.getAttribute("data-download")))) {
    event.preventDefault();
  }
});

document.addEventListener("change", function (event) {
  var field = event.target;
  if (!field.form || !field.name) return;
  Zhibu.filterOptions(field.form, field.name, field.value);
});

if (document.querySelectorAll) document.querySelectorAll("[data-search]").forEach(function (box) { box.hidden = false; });

document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box || !box.hasAttribute || !box.hasAttribute("data-search")) return;
  Zhibu.narrow(document.getElementById(box.getAttribute("data-search")), box.value);
});

var Zhibu = {
  // The select's options whose words contain ``text`` (any case), its first and its chosen one always;
  // the others are taken out, not hidden (Safari on a phone lists hidden options), and put back in
  // their order as the text shortens. Returns how many options stay.
  narrow: function (select, text) {
    if (!select) return 0;
    if (!select.zhibuOptions) select.zhibuOptions = Array.prototype.slice.call(select.options);
    var wanted = String(text || "").trim().toLowerCase();
    var kept = select.zhibuOptions.filter(function (option, i) {
      return i === 0 || option.selected || !wanted || option.text.toLowerCase().indexOf(wanted) !== -1;
    });
    select.replaceChildren.apply(select, kept);
    return kept.length;
  },

  // Options of the form's selects filtered by ``name`` that do not belong to ``value`` are hidden
  // (and a chosen one is let go); an option without data-when always shows.
  filterOptions: function (form, name, value) {
    var selects = form.querySelectorAll('select[data-filter-by="' + name + '"]');
    for (var i = 0; i < selects.length; i++) {
      var options = selects[i].options;
      for (var j = 0; j < options.length; j++) {
        var when = options[j].getAttribute("data-when");
        var fits = when === null || (" " + when + " ").indexOf(" " + value + " ") >= 0;
        options[j].hidden = !fits;
        options[j].disabled = !fits;
        if (!fits && options[j].selected) options[j].selected = false;
      }
    }
  },


  // Open or close the element a [data-menu] button controls (``open`` forces a state); its state is
  // told to assistive technology by aria-expanded and shown by the class "open". Returns the new state.
  toggleMenu: function (button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return false;
    var expanded = open === undefined ? button.getAttribute("aria-expanded") !== "true" : !!open;
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    menu.classList.toggle("open", expanded);
    return expanded;
  },

  // Whether this browser can read a download as it arrives and save it (else the link does its usual).
  canStream: function () {
    return !!(window.fetch && window.ReadableStream && window.Blob && window.URL && URL.createObjectURL);
  },

  // "已导出 {n} / {m} 条" with the values put in.
  words: function (template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  },

  // The file name a response's Content-Disposition gives (RFC 6266 filename* first).
  filename: function (header, fallback) {
    var star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header || "");
    if (star) return decodeURIComponent(star[1]);
    var plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header || "");
    return plain ? plain[1] : fallback;
  },

  // What the bar shows once ``received`` bytes (holding ``newlines`` line ends) of a file have come:
  // rows of ``rows`` (a CSV or JSONL file: one line per row after a first line of headers) or, when
  // the length is known (an .xlsx file, written whole before it is sent), the share of its bytes.
  progress: function (rows, length, received, newlines) {
    if (length > 0) {
      var share = Math.min(100, Math.floor(received * 100 / length));
      return {value: received, max: length, key: "bytes", values: {p: share + "%", m: rows}};
    }
    var done = Math.max(0, Math.min(rows, newlines - 1));
    return {value: done, max: Math.max(rows, 1), key: "rows", values: {n: done, m: rows}};
  },

  // Fetch ``url``, show its progress in ``box`` and save it; false when the page should let the
  // browser download it instead (no box, a browser without streams, a download already running).
  download: function (url, box) {
    if (!box || !Zhibu.canStream() || box.getAttribute("data-busy")) return false;
    var bar = box.querySelector("progress"), status = box.querySelector("[data-download-status]");
    var say = function (key, values) { status.textContent = Zhibu.words(box.getAttribute("data-text-" + key), values || {}); };
    box.setAttribute("data-busy", "1");
    box.hidden = false;
    bar.removeAttribute("value");   // indeterminate while the export is sealed, verified and counted
    say("preparing");
    var finish = function () { box.removeAttribute("data-busy"); };
    window.fetch(url, {credentials: "same-origin"}).then(function (response) {
      var rows = response.headers.get("X-Export-Rows");
      if (!response.ok || rows === null || !response.body) {   // a message page, an error: shown as usual
        box.hidden = true;
        finish();
        window.location.assign(url);
        return null;
      }
      rows = parseInt(rows, 10) || 0;
      var length = parseInt(response.headers.get("Content-Length") || "0", 10) || 0;
      var reader = response.body.getReader(), parts = [], received = 0, newlines = 0;
      var step = function (result) {
        if (result.done) {
          Zhibu.save(new Blob(parts, {type: response.headers.get("Content-Type") || ""}),
                     Zhibu.filename(response.headers.get("Content-Disposition"), "export"));
          bar.max = 1;
          bar.value = 1;
          say("done", {m: rows});
          finish();
          return null;
        }
        var chunk = result.value;
        parts.push(chunk);
        received += chunk.length;
        for (var i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
        var shown = Zhibu.progress(rows, length, received, newlines);
        bar.max = shown.max;
        bar.value = shown.value;
        say(shown.key, shown.values);
        return reader.read().then(step);
      };
      return reader.read().then(step);
    }).catch(function () {
      bar.value = 0;
      say("failed");
      finish();
    });
    return true;
  },

  save: function (blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }
};

document.addEventListener("change", function (event) {
  var box = event.target, form = box.form;
  if (!form || box.type !== "checkbox") return;
  if (box.hasAttribute("data-check-all")) {
    form.querySelectorAll('input[type="checkbox"][name="' + box.getAttribute("data-check-all") + '"]')
      .forEach(function (other) { other.checked = box.checked; });
  } else if (!box.checked) {
    form.querySelectorAll('input[data-check-all="' + box.name + '"]').forEach(function (all) { all.checked = false; });
  }
});
