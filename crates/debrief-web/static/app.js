// Optional enhancement for the home form: offer only the chosen company's levels.
// Without JavaScript every level is listed, grouped by company, and the server checks the pair.
(function () {
  var company = document.getElementById("company");
  var level = document.getElementById("level");
  if (!company || !level || !level.querySelector("optgroup")) return;
  function sync() {
    var current = level.options[level.selectedIndex];
    var wanted = current ? current.value : "";
    var group = null;
    level.querySelectorAll("optgroup").forEach(function (g) {
      var on = g.getAttribute("data-company") === company.value;
      g.disabled = !on;
      g.hidden = !on;
      if (on) group = g;
    });
    if (group && (!current || current.parentNode !== group)) {
      var same = group.querySelector('option[value="' + wanted + '"]');
      var pick = same || group.querySelector("option");
      if (pick) pick.selected = true;
    }
  }
  company.addEventListener("change", sync);
  sync();
})();

// The Practice page: grade as the candidate types. Without JavaScript the form POSTs and the
// server renders the same report. Every piece of text goes in with textContent; the only HTML
// parsed is the server's own /practice page, for the question picker.
(function () {
  "use strict";
  var form = document.getElementById("practice-form");
  var body = document.getElementById("report-body");
  if (!form || !body || !window.fetch || !window.DOMParser) return;
  var $ = function (id) { return document.getElementById(id); };
  var answer = $("answer"), question = $("question"), questionId = $("question-id");
  var company = $("company"), role = $("role"), round = $("round"), transcript = $("transcript");
  var report = $("report"), status = $("report-status"), live = $("report-live");
  var title = $("report-title");
  var PARTS = [["situation", "Situation"], ["task", "Task"], ["action", "Action"], ["result", "Result"]];
  var SEVERITY = { info: 0, warning: 1, error: 2 };
  var RATINGS = ["strong-no-hire", "no-hire", "hire", "strong-hire"];
  var RATING_LABELS = { "strong-no-hire": "Strong no hire", "no-hire": "No hire", hire: "Hire", "strong-hire": "Strong hire" };
  var timer = 0, inflight = null, seq = 0, lastSent = "", rubrics = {};
  // Every POST carries the page's CSRF token (see src/guard.rs); the server refuses it otherwise.
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") || "" : "";

  form.querySelectorAll(".js-hide").forEach(function (n) { n.hidden = true; });
  status.textContent = status.textContent || "Grades as you type";

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c !== null && c !== undefined) parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function cap(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }
  function category(id) { return cap(String(id).replace(/[-_]/g, " ")); }
  function clock(s) { return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2); }
  function shorten(text) {
    var chars = Array.from(String(text).trim());
    return chars.length > 160 ? chars.slice(0, 160).join("").trimEnd() + "…" : chars.join("");
  }
  // Core messages start lowercase and quote with backticks; show a sentence.
  function sentence(m) {
    var open = false;
    m = cap(String(m).replace(/`/g, function () { open = !open; return open ? "“" : "”"; }));
    return /[.?!]$/.test(m) ? m : m + ".";
  }
  function section(id, heading, count) {
    var s = el("section", "card report-section");
    s.setAttribute("aria-labelledby", id);
    var h = el("h3", null, heading);
    h.id = id;
    if (count !== undefined) add(h, " ", el("span", "count", count));
    return add(s, h);
  }
  function percentStyle(node, prop, value) { node.style[prop] = value + "%"; return node; }

  // Byte offsets (UTF-8) of the report to indexes into the JavaScript (UTF-16) string, in one
  // pass over the text. Offsets that do not fall on a character boundary are left out.
  function byteIndex(text, offsets) {
    var wanted = offsets.slice().sort(function (a, b) { return a - b; });
    var map = new Map(), k = 0, byte = 0, i = 0;
    while (k < wanted.length) {
      while (k < wanted.length && wanted[k] <= byte) {
        if (wanted[k] === byte) map.set(byte, i);
        k++;
      }
      if (i >= text.length) break;
      var c = text.codePointAt(i);
      byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c > 0xffff ? 2 : 1;
    }
    return map;
  }

  // The answer with findings as nested <mark>s and text runs shaded by STAR part; the same
  // shape the server writes (see practice.rs, mark_up).
  function markUp(text, r, box) {
    var offsets = [];
    r.findings.forEach(function (f) { offsets.push(f.start, f.end); });
    var star = [];
    PARTS.forEach(function (p, n) {
      (r.star[p[0]] || []).forEach(function (s) { offsets.push(s.start, s.end); star.push([s.start, s.end, n]); });
    });
    var at = byteIndex(text, offsets);
    var span = function (s, e) {
      var a = at.get(s), b = at.get(e);
      return a === undefined || b === undefined || a >= b ? null : [a, b];
    };
    var lead = text.length - text.replace(/^\s+/, "").length, tail = text.replace(/\s+$/, "").length;
    var wide = [], order = [], markOf = {};
    r.findings.forEach(function (f, i) {
      var s = span(f.start, f.end);
      if (!s) return;
      if (s[0] <= lead && s[1] >= tail) wide.push(i); else order.push([s[0], s[1], i]);
    });
    order.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var roots = [];
    function insert(nodes, f) {
      var last = nodes[nodes.length - 1];
      if (last && f[0] < last.end) {
        if (f[1] <= last.end) insert(last.children, f);
        else { last.findings.push(f[2]); last.end = f[1]; }
        return;
      }
      nodes.push({ start: f[0], end: f[1], findings: [f[2]], children: [] });
    }
    order.forEach(function (f) { insert(roots, f); });
    function depth(n) { return n.children.reduce(function (d, c) { return Math.max(d, depth(c) + 1); }, 0); }
    var parts = star.map(function (s) { var x = span(s[0], s[1]); return x && [x[0], x[1], s[2]]; })
      .filter(Boolean).sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var kept = [];
    parts.forEach(function (p) { if (!kept.length || kept[kept.length - 1][1] <= p[0]) kept.push(p); });
    var next = 0, lastPart = -1, id = 0;
    function run(from, to, parent) {
      var pos = from;
      while (pos < to) {
        while (next < kept.length && kept[next][1] <= pos) next++;
        var p = kept[next], stop = to, cls = "";
        if (p && p[0] <= pos) {
          if (p[0] === pos) {
            if (lastPart !== p[2]) {
              var tag = el("span", "part-tag part-" + PARTS[p[2]][0], PARTS[p[2]][1].charAt(0));
              tag.setAttribute("aria-hidden", "true");
              add(parent, tag, el("span", "visually-hidden", PARTS[p[2]][1] + ": "));
            }
            lastPart = p[2];
          }
          stop = Math.min(p[1], to);
          cls = "star-" + PARTS[p[2]][0];
        } else if (p) {
          stop = Math.min(p[0], to);
        }
        var t = text.slice(pos, stop);
        add(parent, cls ? el("span", cls, t) : t);
        pos = stop;
      }
    }
    function walk(nodes, from, to, parent) {
      var pos = from;
      nodes.forEach(function (n) {
        run(pos, n.start, parent);
        var me = id++, worst = "info";
        n.findings.forEach(function (i) {
          var s = r.findings[i].severity;
          if (SEVERITY[s] > SEVERITY[worst]) worst = s;
        });
        var m = el("mark", "finding sev-" + worst + " d" + Math.min(depth(n), 3));
        m.id = "m-" + me;
        m.tabIndex = 0;
        m.setAttribute("aria-describedby", "tip-" + me);
        walk(n.children, n.start, n.end, m);
        var tip = el("span", "tip");
        tip.id = "tip-" + me;
        tip.setAttribute("role", "tooltip");
        n.findings.forEach(function (i) {
          var f = r.findings[i];
          markOf[i] = me;
          add(tip, add(el("span", "tip-item"),
            el("span", "tip-head", category(f.category) + " · " + cap(f.severity)),
            el("span", "tip-msg", f.message),
            add(el("span", "tip-sugg"), el("strong", null, "Instead:"), " " + f.suggestion)));
        });
        add(parent, add(m, tip));
        pos = n.end;
      });
      run(pos, to, parent);
    }
    walk(roots, 0, text.length, box);
    return { wide: wide, markOf: markOf, star: kept.length > 0 };
  }

  function findingItem(f, mark) {
    var li = el("li", "finding-item sev-" + f.severity);
    add(li,
      add(el("p", "finding-head"), el("span", "sev-badge sev-" + f.severity, cap(f.severity)), " ", el("q", null, shorten(f.text))),
      el("p", "finding-msg", f.message),
      add(el("p", "finding-sugg"), el("strong", null, "Instead:"), " " + f.suggestion));
    if (mark !== undefined) {
      var a = el("a", "finding-link", "Show in answer");
      a.href = "#m-" + mark;
      li.appendChild(a);
    }
    return li;
  }

  function lean(v) {
    v = Math.max(-1, Math.min(1, Number(v) || 0));
    var label = v >= 0.6 ? "Strong PM framing" : v >= 0.15 ? "Leans PM" : v <= -0.6 ? "Strong PMM framing" : v <= -0.15 ? "Leans PMM" : "Balanced";
    var value = (v < 0 ? "-" : "+") + Math.abs(v).toFixed(2);
    return { label: label, value: value, percent: Math.round((v + 1) * 50) };
  }

  function anchorFor(r, d) {
    var ids = String(r.rubric).split("+");
    for (var i = 0; i < ids.length; i++) {
      var rub = rubrics[ids[i]];
      var dims = (rub && rub.dimension) || [];
      for (var j = 0; j < dims.length; j++) {
        if (dims[j].id === d.id && dims[j].anchors) return dims[j].anchors[RATINGS[d.score - 1].replace(/-/g, "_")] || "";
      }
    }
    return "";
  }

  function render(r, text) {
    var frag = document.createDocumentFragment();
    var th = function (name) { return Number(report.getAttribute("data-" + name)) || 0; };
    var rating = RATING_LABELS[r.rating] || r.rating;
    var l = lean(r.role_lean);
    var over = r.spoken_seconds > r.budget_seconds;
    var roundName = r.round;
    Array.prototype.forEach.call(round.options, function (o) { if (o.value === r.round) roundName = o.textContent; });

    // Summary.
    var summary = el("div", "card report-summary");
    var track = el("div", "score-track");
    track.setAttribute("aria-hidden", "true");
    add(track, percentStyle(el("span", "score-fill rating-fill-" + r.rating), "width", r.score));
    ["no-hire", "hire", "strong-hire"].forEach(function (n) { add(track, percentStyle(el("span", "score-tick"), "left", th(n))); });
    var scale = el("div", "lean-scale");
    scale.setAttribute("role", "img");
    scale.setAttribute("aria-label", "Role lean " + l.value + " on a scale from −1, PMM framing, to +1, PM framing: " + l.label);
    add(scale, el("span", "lean-end", "PMM"), add(el("span", "lean-track"), percentStyle(el("span", "lean-dot"), "left", l.percent)), el("span", "lean-end", "PM"));
    var stats = el("dl", "report-stats");
    var stat = function (dt, dd, cls) { return add(stats, add(el("div", cls), el("dt", null, dt), dd)); };
    stat("Words", el("dd", null, r.words));
    stat("Spoken", add(el("dd", null, clock(r.spoken_seconds) + " "), el("span", "of", "of " + clock(r.budget_seconds))), over ? "over" : null);
    stat("Numbers", el("dd", null, r.metrics.length));
    stat("Findings", el("dd", null, r.findings.length));
    if (r.fillers_per_minute !== null && r.fillers_per_minute !== undefined) stat("Fillers a minute", el("dd", null, Number(r.fillers_per_minute).toFixed(1)));
    var time = el("div", "time-track" + (over ? " over" : ""));
    time.setAttribute("aria-hidden", "true");
    add(time, percentStyle(el("span"), "width", Math.min(100, Math.floor(r.spoken_seconds * 100 / Math.max(1, r.budget_seconds)))));
    add(frag, add(summary,
      add(el("div", "score-row"),
        add(el("p", "score"), el("span", "score-num", r.score), el("span", "score-of", "/100")),
        add(el("p", "rating-line"), el("span", "visually-hidden", "Rating: "), el("span", "badge rating rating-" + r.rating, rating))),
      track,
      add(el("div", "lean"), add(el("p", "lean-head"), el("span", "lean-title", "Role lean"), " ", el("strong", null, l.label), " ", el("span", "muted", "(" + l.value + ")")), scale),
      stats, time,
      el("p", "graded-as", "Graded as a " + roundName + " answer for " + (r.role ? r.role.toUpperCase() : "either role") + (over ? ", over the time budget" : "") + " · rubric " + r.rubric)));

    // The answer, marked up.
    var marked = section("marked-title", "Your answer, marked up");
    var legend = el("ul", "legend");
    legend.setAttribute("aria-label", "Legend");
    var box = el("div", "marked");
    box.id = "marked";
    var m = markUp(text, r, box);
    if (m.star) PARTS.forEach(function (p) { add(legend, add(el("li"), el("span", "swatch star-" + p[0]), p[1])); });
    add(legend, add(el("li"), el("span", "swatch swatch-mark"), "Finding: hover or focus it for what to do"));
    add(marked, legend);
    if (m.wide.length) {
      var wide = el("ul", "wide-notes");
      m.wide.forEach(function (i) {
        var f = r.findings[i];
        add(wide, add(el("li", "sev-" + f.severity), el("strong", null, "Whole answer:"), " " + f.message + " ", el("span", "wide-sugg", f.suggestion)));
      });
      add(marked, wide);
    }
    add(frag, add(marked, box));

    // Dimensions.
    var dims = section("dims-title", "Rubric dimensions");
    var table = el("table", "dims"), tbody = el("tbody");
    var head = el("tr");
    ["Dimension", "Score", "Weight", "Evidence"].forEach(function (h) { var c = el("th", null, h); c.scope = "col"; head.appendChild(c); });
    add(table, add(el("thead"), head), tbody);
    r.dimensions.forEach(function (d) {
      var name = el("th");
      name.scope = "row";
      var anchor = anchorFor(r, d);
      add(name, el("span", "dim-label", d.label), anchor ? el("span", "dim-anchor", anchor) : null);
      var ev = el("td", "dim-evidence");
      if (!d.evidence.length) add(ev, el("span", "muted", "None found"));
      else {
        var ul = el("ul");
        var byNote = [];
        d.evidence.forEach(function (e) {
          var g = byNote.filter(function (x) { return x.note === e.note; })[0];
          if (!g) byNote.push(g = { note: e.note, quotes: [] });
          var q = shorten(e.text);
          if (g.quotes.indexOf(q) < 0) g.quotes.push(q);
        });
        byNote.forEach(function (g) {
          var li = add(el("li"), el("span", "ev-note", g.note + ":"), " ");
          g.quotes.forEach(function (q, i) { add(li, i ? ", " : null, el("q", null, q)); });
          add(ul, li);
        });
        add(ev, ul);
      }
      add(tbody, add(el("tr"), name,
        add(el("td", "dim-score"), add(el("span", "points points-" + d.score, d.score), el("span", "points-of", "/4")), " ", el("span", "points-word", RATING_LABELS[RATINGS[d.score - 1]] || "")),
        el("td", "dim-weight", d.weight + "%"), ev));
    });
    add(frag, add(dims, table));

    // Findings by category, in answer order.
    var list = section("findings-title", "Findings", r.findings.length);
    if (!r.findings.length) add(list, el("p", "muted", "No rule fired. The dimensions above say what would lift the score."));
    var groups = [];
    r.findings.forEach(function (f, i) {
      var label = category(f.category), g = groups.filter(function (x) { return x.label === label; })[0];
      if (!g) groups.push(g = { label: label, items: [] });
      g.items.push(findingItem(f, m.markOf[i]));
    });
    groups.forEach(function (g) {
      add(list, add(el("h4", "group-title", g.label + " "), el("span", "count", g.items.length)));
      var ul = el("ul", "finding-list");
      g.items.forEach(function (li) { ul.appendChild(li); });
      add(list, ul);
    });
    add(frag, list);

    // Numbers.
    var nums = section("numbers-title", "Numbers found", r.metrics.length);
    if (!r.metrics.length) add(nums, el("p", "muted", "None yet. A result lands with a number: a baseline, the change and the timeframe."));
    else {
      var chips = el("ul", "chips");
      r.metrics.forEach(function (n) { add(chips, add(el("li"), el("span", "chip metric-chip", n.text))); });
      add(nums, chips);
    }
    add(frag, nums);
    body.replaceChildren(frag);
    live.textContent = "Score " + r.score + " of 100, " + rating + ", " + r.findings.length + (r.findings.length === 1 ? " finding." : " findings.");
  }

  function showError(message) {
    var box = el("div", "callout error");
    box.setAttribute("role", "alert");
    add(box, el("p", null, sentence(message)));
    body.replaceChildren(box);
  }

  function showEmpty() {
    var t = $("report-empty");
    body.replaceChildren(t ? t.content.cloneNode(true) : el("p", "muted", "Write your answer to see the debrief."));
    status.textContent = "Grades as you type";
  }

  // Fetches the anchors of the report's rubrics once each; a failure only leaves them out.
  function loadRubrics(ids) {
    return Promise.all(ids.filter(function (id) { return !(id in rubrics); }).map(function (id) {
      return fetch("/api/rubrics/" + encodeURIComponent(id))
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (j) { rubrics[id] = j; }, function () { rubrics[id] = null; });
    }));
  }

  function questionText() {
    var o = questionId.options[questionId.selectedIndex];
    return o && o.value ? o.textContent : question.value;
  }

  function grade(force) {
    clearTimeout(timer);
    var text = answer.value;
    if (!text.trim()) { if (inflight) inflight.abort(); lastSent = ""; showEmpty(); return Promise.resolve(); }
    var payload = JSON.stringify({
      answer: text, role: role.value || null, round: round.value || null,
      question: questionText().trim() || null, company: company.value || null, transcript: transcript.checked
    });
    if (payload === lastSent && !force) return Promise.resolve();
    lastSent = payload;
    if (inflight) inflight.abort();
    var ctl = inflight = window.AbortController ? new AbortController() : null;
    var mine = ++seq;
    status.textContent = "Grading…";
    return fetch("/api/grade", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf }, body: payload, signal: ctl ? ctl.signal : undefined
    }).then(function (res) {
      return res.json().then(function (j) { return { ok: res.ok, j: j }; });
    }).then(function (out) {
      if (!out.ok) { if (mine === seq) { showError(out.j.error || "The answer could not be graded."); status.textContent = "Not graded"; } return; }
      return loadRubrics(String(out.j.rubric).split("+")).then(function () {
        if (mine !== seq) return;
        render(out.j, text);
        status.textContent = "Graded as you type";
      });
    }).catch(function (e) {
      if (e && e.name === "AbortError") return;
      if (mine === seq) { lastSent = ""; status.textContent = "Could not reach the grader; use the button to try again"; }
    });
  }

  function later() { clearTimeout(timer); timer = setTimeout(grade, 300); }

  // Company, role, round or question changed: ask the server for the matching rounds, question
  // list and question card (the same page, without the answer), then grade again.
  function refreshPicker() {
    var q = new URLSearchParams();
    q.set("company", company.value);
    q.set("role", role.value);
    q.set("round", round.value);
    q.set("question", questionId.value);
    return fetch("/practice?" + q.toString(), { headers: { Accept: "text/html" } })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        [["round", round], ["question-id", questionId], ["prompt", $("prompt")]].forEach(function (pair) {
          var fresh = doc.getElementById(pair[0]);
          if (!fresh || !pair[1]) return;
          pair[1].replaceChildren.apply(pair[1], Array.prototype.map.call(fresh.childNodes, function (n) { return document.importNode(n, true); }));
        });
        var hint = doc.getElementById("question-id-hint");
        if (hint) $("question-id-hint").textContent = hint.textContent;
      })
      .catch(function () {})
      .then(later);
  }

  answer.addEventListener("input", later);
  transcript.addEventListener("change", later);
  question.addEventListener("input", function () {
    if (questionId.value) { questionId.value = ""; $("prompt").replaceChildren(); }
    later();
  });
  // Keep the round and the picked question in step: a question brings its round, and a new
  // round lets go of a question of another kind.
  function kindOf() {
    var o = questionId.options[questionId.selectedIndex];
    return o && o.value ? o.getAttribute("data-round") : "";
  }
  questionId.addEventListener("change", function () {
    var k = kindOf();
    if (k && k !== round.value && round.querySelector('option[value="' + CSS.escape(k) + '"]')) round.value = k;
    refreshPicker();
  });
  round.addEventListener("change", function () {
    var k = kindOf();
    if (k && k !== round.value) questionId.value = "";
    refreshPicker();
  });
  [company, role].forEach(function (s) { s.addEventListener("change", refreshPicker); });
  var keep = $("keep");
  form.addEventListener("submit", function (e) {
    // "Update the question list" and a graded answer to keep go to the server as a real POST:
    // only the server records an answer in the history (the live grading keeps nothing).
    var filter = e.submitter && e.submitter.name === "action";
    if (!filter && !answer.value.trim()) { e.preventDefault(); answer.focus(); showError("The answer is empty; write or paste an answer to grade"); return; }
    if (filter || (keep && keep.checked)) return;
    e.preventDefault();
    grade(true).then(function () { title.focus(); });
  });
  // A restored form (back button) comes without its report: grade what is there.
  if (answer.value.trim() && !body.querySelector(".report-summary")) later();
  // Escape hides an open tooltip until the pointer or focus moves on.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && report.contains(document.activeElement)) report.classList.add("tips-off");
  });
  ["focusin", "pointerover"].forEach(function (t) {
    report.addEventListener(t, function () { report.classList.remove("tips-off"); });
  });
})();


// A mock loop's answer box: the round's clock, and the answer saved as it is typed.
// Without JavaScript the page shows the time used when it was loaded, and the "Save draft"
// and "Hand in answer" buttons post the same form.
(function () {
  "use strict";
  var form = document.getElementById("mock-form");
  var text = document.getElementById("mock-text");
  if (!form || !text) return;
  var status = document.getElementById("save-status");
  var draftUrl = form.getAttribute("data-draft");
  var key = form.getAttribute("data-slot-key");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") || "" : "";
  form.querySelectorAll(".js-hide").forEach(function (n) { n.hidden = true; });

  function two(n) { return ("0" + n).slice(-2); }
  function clock(s) { s = Math.max(0, Math.floor(s)); return Math.floor(s / 60) + ":" + two(s % 60); }
  function hms(d) { return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()); }

  // The clock: the server rendered the seconds already used in this round, so a reload or a
  // server restart keeps it right; here it only ticks on. Past the budget it turns into an
  // "over by" warning, announced once (the live region is silent on every other tick).
  var box = document.getElementById("mock-clock");
  if (box) {
    var used = Number(box.getAttribute("data-used")) || 0;
    var budget = Number(box.getAttribute("data-budget")) || 0;
    var started = Date.now();
    var usedEl = document.getElementById("clock-used");
    var overEl = document.getElementById("clock-over");
    var overBy = document.getElementById("clock-over-by");
    var live = document.getElementById("clock-live");
    var wasOver = used > budget;
    var tick = function () {
      var now = used + (Date.now() - started) / 1000;
      usedEl.textContent = clock(now);
      var over = budget > 0 && now > budget;
      box.classList.toggle("over", over);
      overEl.hidden = !over;
      if (over) overBy.textContent = clock(now - budget);
      if (over && !wasOver) live.textContent = "Time is up for this round: you are over its " + clock(budget) + " budget. You can keep going; the overrun is recorded.";
      wasOver = over;
    };
    tick();
    setInterval(tick, 1000);
  }

  // Autosave: at most one save a second while typing, and at once when the box loses focus or
  // the page is hidden or closed, so at most the last second or two of typing can be lost.
  // Failures retry with a growing pause; typing is never blocked. A copy also stays in
  // localStorage as a second safety net until the server has the same text.
  var saved = text.value, sending = false, timer = 0, retryDelay = 2000, lastSave = 0, stopped = false;
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }

  function say(message, bad) {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("bad", !!bad);
  }
  function remember() {
    if (!store || !key) return;
    try { store.setItem(key, JSON.stringify({ text: text.value, at: Date.now() })); } catch (e) { /* full or off */ }
  }
  function forget() {
    if (store && key) { try { store.removeItem(key); } catch (e) { /* off */ } }
  }
  function body() {
    var data = new URLSearchParams();
    ["round", "question", "probe"].forEach(function (n) { data.set(n, form.elements[n].value); });
    data.set("text", text.value);
    return data;
  }

  function save(urgent) {
    clearTimeout(timer);
    if (stopped || text.value === saved) return;
    if (sending && !urgent) { timer = setTimeout(save, 1000); return; }
    var value = text.value, payload = body();
    // keepalive lets the save finish while the page closes; browsers cap such bodies at 64 KB.
    var keepalive = !!urgent && payload.toString().length < 60000;
    sending = true;
    lastSave = Date.now();
    say("Saving…");
    fetch(draftUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf, Accept: "application/json" },
      body: payload,
      keepalive: keepalive,
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (j) { return { res: res, j: j }; });
    }).then(function (out) {
      sending = false;
      if (out.res.ok) {
        saved = value;
        retryDelay = 2000;
        // "Saved" only when the server holds exactly what is in the box.
        if (text.value === saved) {
          forget();
          say("Saved " + hms(new Date()));
        } else {
          timer = setTimeout(save, 1000);
        }
        return;
      }
      if (out.res.status >= 400 && out.res.status < 500 && out.res.status !== 408 && out.res.status !== 429) {
        // Refused for good (the box was handed in from another tab, the page is out of date):
        // retrying cannot help. The text stays in the box and in localStorage.
        stopped = true;
        say("Not saved: " + (out.j.error || "the server refused the draft") + " Copy your text, then reload the page.", true);
        return;
      }
      retry();
    }).catch(function () {
      sending = false;
      retry();
    });
  }
  function retry() {
    say("Not saved — retrying", true);
    clearTimeout(timer);
    timer = setTimeout(save, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  text.addEventListener("input", function () {
    remember();
    if (stopped) return;
    if (status && status.textContent.indexOf("Saved") === 0) say("Saving…");
    var wait = Math.max(0, 1000 - (Date.now() - lastSave));
    clearTimeout(timer);
    timer = setTimeout(save, wait);
  });
  text.addEventListener("blur", function () { save(true); });
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") save(true); });
  window.addEventListener("pagehide", function () { save(true); });
  form.addEventListener("submit", function (e) {
    // Handing in sends the text itself; no draft save should race it.
    stopped = true;
    clearTimeout(timer);
    if (e.submitter && e.submitter.id === "hand-in" && !text.value.trim()) {
      e.preventDefault();
      stopped = false;
      say("The answer is empty: write it in the box, then hand it in.", true);
      text.focus();
    }
  });

  // The localStorage copy comes back only when it is newer than the server's text: the box
  // arrived empty, or the copy was written after the server last saved this mock (typing went
  // on while the server was down, or the last save was still on its way when the page
  // reloaded). A copy is dropped as soon as the server confirms the same text, so one that is
  // still here was never confirmed. Otherwise the server's text wins.
  if (store && key) {
    try {
      var copy = JSON.parse(store.getItem(key) || "null");
      var serverAt = Number(form.getAttribute("data-saved-at")) || 0;
      if (copy && typeof copy.text === "string" && copy.text !== text.value && copy.text.trim() &&
          (!text.value.trim() || Number(copy.at) > serverAt)) {
        text.value = copy.text;
        say("Restored from this browser; saving…");
        save();
      } else if (copy) {
        forget();
      }
    } catch (e) { forget(); }
  }
  if (status && !status.textContent) say(text.value ? "Saved" : "Saves as you type");
  // Copies of this mock's earlier boxes are done with: they were handed in.
  if (store && key) {
    try {
      var prefix = key.split("-").slice(0, 3).join("-") + "-";
      for (var i = store.length - 1; i >= 0; i--) {
        var k = store.key(i);
        if (k && k !== key && k.indexOf(prefix) === 0) store.removeItem(k);
      }
    } catch (e) { /* storage off */ }
  }
})();

// The debrief's print button: the page's print stylesheet hides menus and forms.
(function () {
  var button = document.getElementById("print-debrief");
  if (!button || !window.print) return;
  button.hidden = false;
  document.querySelectorAll(".print-hint").forEach(function (n) { n.hidden = true; });
  button.addEventListener("click", function () { window.print(); });
})();
