// debrief's page scripts: optional enhancement, every page works without them. Each part
// returns early on pages without its elements. Every POST sends the page's CSRF token in the
// X-CSRF-Token header (see "CSRF" in src/lib.rs); the server refuses it otherwise.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") || "" : "";
  var post = function (url, data, more) {
    more = more || {};
    var headers = { "X-CSRF-Token": csrf };
    if (more.accept) headers.Accept = more.accept;
    return fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: headers, signal: more.signal, keepalive: !!more.keepalive });
  };
  var jsHide = function (root) { root.querySelectorAll(".js-hide").forEach(function (n) { n.hidden = true; }); };
  var two = function (n) { return ("0" + n).slice(-2); };
  var clock = function (s) { s = Math.max(0, Math.floor(s)); return Math.floor(s / 60) + ":" + two(s % 60); };

  // Loop-shaped forms (home, plan, mock): offer only the chosen company's levels. Without
  // JavaScript every level is listed, grouped by company, and the server checks the pair.
  (function () {
    var company = $("company"), level = $("level");
    if (!company || !level || !level.querySelector("optgroup")) return;
    function sync() {
      var current = level.options[level.selectedIndex], wanted = current ? current.value : "", group = null;
      level.querySelectorAll("optgroup").forEach(function (g) {
        var on = g.getAttribute("data-company") === company.value;
        g.disabled = g.hidden = !on;
        if (on) group = g;
      });
      if (group && (!current || current.parentNode !== group)) {
        var pick = group.querySelector('option[value="' + CSS.escape(wanted) + '"]') || group.querySelector("option");
        if (pick) pick.selected = true;
      }
    }
    company.addEventListener("change", sync);
    sync();
  })();

  // The Practice page: the report follows the answer as it is typed. The server renders the
  // report column from the same template as the page without JavaScript (POST
  // /practice/report, which keeps nothing); this only sends the form and swaps the column in.
  (function () {
    var form = $("practice-form"), body = $("report-body");
    if (!form || !body || !window.fetch || !window.AbortController) return;
    var answer = $("answer"), questionId = $("question-id"), round = $("round"), keep = $("keep");
    var status = $("report-status"), live = $("report-live"), report = $("report");
    var timer = 0, inflight = null, lastSent = "";
    jsHide(form);
    status.textContent = status.textContent || "Grades as you type";

    function grade(force) {
      clearTimeout(timer);
      if (!answer.value.trim() && !force) {
        if (inflight) inflight.abort();
        lastSent = "";
        body.replaceChildren($("report-empty").content.cloneNode(true));
        status.textContent = "Grades as you type";
        return Promise.resolve();
      }
      var data = new URLSearchParams(new FormData(form));
      data.delete("keep"); // the live report keeps nothing, so the box does not change it
      if (data.toString() === lastSent && !force) return Promise.resolve();
      lastSent = data.toString();
      if (inflight) inflight.abort();
      var mine = inflight = new AbortController();
      status.textContent = "Grading…";
      return post("/practice/report", data, { signal: mine.signal }).then(function (res) {
        // 400 and 413 bring the column with the request's mistakes in it; any other failure
        // (a refusal page) is not a column.
        if (!res.ok && res.status !== 400 && res.status !== 413) throw res;
        return res.text().then(function (html) {
          if (mine !== inflight) return;
          body.innerHTML = html;
          var summary = body.querySelector(".report-summary");
          live.textContent = summary ? summary.getAttribute("data-live") : "";
          status.textContent = summary ? "Graded as you type" : "Not graded";
        });
      }).catch(function (e) {
        if (e && e.name === "AbortError") return;
        lastSent = "";
        status.textContent = e && e.status === 403 ? "This page is out of date: copy your answer, then reload the page"
          : "Could not reach the grader; use the button to try again";
      });
    }
    function later() { clearTimeout(timer); timer = setTimeout(grade, 300); }

    // Company, role, round or question changed: the server's page for the new choice brings
    // the matching rounds, question list and question card; then grade again.
    function refreshPicker() {
      var q = new URLSearchParams();
      ["company", "role", "round"].forEach(function (n) { q.set(n, form.elements[n].value); });
      q.set("question", questionId.value);
      fetch("/practice?" + q, { headers: { Accept: "text/html" } })
        .then(function (res) { return res.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          ["round", "question-id", "question-id-hint", "prompt"].forEach(function (id) {
            var fresh = doc.getElementById(id);
            if (fresh) $(id).replaceChildren.apply($(id), Array.from(fresh.childNodes, function (n) { return document.importNode(n, true); }));
          });
        })
        .catch(function () {})
        .then(later);
    }
    // Keep the round and the picked question in step: a question brings its round, and a new
    // round lets go of a question of another kind.
    function kindOf() {
      var o = questionId.options[questionId.selectedIndex];
      return o && o.value ? o.getAttribute("data-round") : "";
    }
    questionId.addEventListener("change", function () {
      var k = kindOf();
      if (k && round.querySelector('option[value="' + CSS.escape(k) + '"]')) round.value = k;
      refreshPicker();
    });
    round.addEventListener("change", function () {
      if (kindOf() && kindOf() !== round.value) questionId.value = "";
      refreshPicker();
    });
    [form.elements.company, form.elements.role].forEach(function (s) { s.addEventListener("change", refreshPicker); });
    answer.addEventListener("input", later);
    $("transcript").addEventListener("change", later);
    $("question").addEventListener("input", function () {
      if (questionId.value) { questionId.value = ""; $("prompt").replaceChildren(); }
      later();
    });
    form.addEventListener("submit", function (e) {
      // "Update the question list" and an answer to keep go to the server as a real POST: only
      // it records an answer in the history. The rest is graded here, an empty answer too, so
      // the server's column says what is wrong.
      var filter = e.submitter && e.submitter.name === "action";
      if (filter || (keep && keep.checked && answer.value.trim())) return;
      e.preventDefault();
      grade(true).then(function () { (answer.value.trim() ? $("report-title") : answer).focus(); });
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

  // A timed writing box: a mock loop's answer box, or an artifact drill's document. Both have
  // the clock and the autosave. Without JavaScript the page shows the time used when it was
  // loaded, and the form's buttons post it ("Save draft" and "Hand in answer" in a mock, "Check
  // it" in a drill).
  (function () {
    var form = document.querySelector("form[data-slot-key]");
    var text = form && form.querySelector("textarea[data-autosave]"), status = $("save-status");
    if (!form || !text || !status || !window.fetch) return;
    jsHide(form);

    // The server rendered the seconds already used (in this round, or since the drill began),
    // so a reload or a restart keeps the clock right; here it only ticks. Past the budget it
    // warns once, in the page's own words (data-over-text).
    var box = document.querySelector(".clock[data-budget]");
    if (box) {
      var used = Number(box.getAttribute("data-used")) || 0, budget = Number(box.getAttribute("data-budget")) || 0;
      var started = Date.now(), wasOver = used > budget;
      var tick = function () {
        var now = used + (Date.now() - started) / 1000, over = budget > 0 && now > budget;
        $("clock-used").textContent = clock(now);
        box.classList.toggle("over", over);
        $("clock-over").hidden = !over;
        if (over) $("clock-over-by").textContent = clock(now - budget);
        if (over && !wasOver) $("clock-live").textContent = box.getAttribute("data-over-text") || "Time is up.";
        wasOver = over;
      };
      tick();
      setInterval(tick, 1000);
    }

    // Autosave: at most one save a second while typing, and at once when the box loses focus
    // or the page is hidden or closed, so at most the last second or two of typing is lost.
    // Failures retry with a growing pause; typing is never blocked. A copy also stays in
    // localStorage, a second net, until the server holds the same text. A form with no draft
    // address saves only that copy, and drops it when the text is sent.
    var key = form.getAttribute("data-slot-key"), draft = form.getAttribute("data-draft");
    var saved = text.value, sending = false, stopped = false;
    var timer = 0, retryDelay = 2000, lastSave = 0, store = null;
    try { store = window.localStorage; } catch (e) { store = null; }
    var keep = function (f) { if (store && key) { try { f(); } catch (e) { /* full or off */ } } };
    var say = function (message, bad) { status.textContent = message; status.classList.toggle("bad", !!bad); };
    var forget = function () { keep(function () { store.removeItem(key); }); };
    var later = function (ms) { clearTimeout(timer); timer = setTimeout(save, ms); };
    var retry = function () {
      say("Not saved — retrying", true);
      later(retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    };

    function save(urgent) {
      clearTimeout(timer);
      if (stopped || text.value === saved) return;
      if (!draft) {
        saved = text.value;
        keep(function () { store.setItem(key, JSON.stringify({ text: saved, at: Date.now() })); });
        return say(store ? "Saved in this browser " + new Date().toTimeString().slice(0, 8) : "Not saved: this browser keeps no copy. Check it before you close the page.", !store);
      }
      if (sending && !urgent) return later(1000);
      var value = text.value, data = new URLSearchParams();
      form.querySelectorAll("input[type=hidden]").forEach(function (n) { if (n.name !== "csrf") data.set(n.name, n.value); });
      data.set("text", value);
      sending = true;
      lastSave = Date.now();
      say("Saving…");
      // keepalive lets the save finish while the page closes; browsers cap such bodies at 64 KB.
      post(draft, data, { accept: "application/json", keepalive: !!urgent && data.toString().length < 60000 })
        .then(function (res) {
          return res.json().catch(function () { return {}; }).then(function (j) {
            sending = false;
            if (res.ok) {
              saved = value;
              retryDelay = 2000;
              // "Saved" only when the server holds exactly what is in the box.
              if (text.value === saved) { forget(); say("Saved " + new Date().toTimeString().slice(0, 8)); } else later(1000);
            } else if (res.status === 413) {
              // Over the answer limit: saving resumes once the text is short enough.
              say("Not saved: " + (j.error || "the answer is over the limit.") + " Shorten it; it stays in this box and in this browser.", true);
            } else if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
              // Refused for good (handed in from another tab, the page is out of date): the
              // text stays in the box and in localStorage.
              stopped = true;
              say("Not saved: " + (j.error || "the server refused the draft") + " Copy your text, then reload the page.", true);
            } else retry();
          });
        })
        .catch(function () { sending = false; retry(); });
    }

    text.addEventListener("input", function () {
      keep(function () { store.setItem(key, JSON.stringify({ text: text.value, at: Date.now() })); });
      if (stopped) return;
      if (status.textContent.indexOf("Saved") === 0) say("Saving…");
      later(Math.max(0, 1000 - (Date.now() - lastSave)));
    });
    text.addEventListener("blur", function () { save(true); });
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") save(true); });
    window.addEventListener("pagehide", function () { save(true); });
    form.addEventListener("submit", function (e) {
      // Handing in sends the text itself; no draft save should race it. A drill's copy is done
      // with once it is sent to be checked: the server keeps what is sent, a refusal shows the
      // text again, and the next drill of the same prompt starts from the template.
      stopped = true;
      clearTimeout(timer);
      if (!draft || (e.submitter && e.submitter.id === "check-button")) forget();
      if (e.submitter && e.submitter.id === "hand-in" && !text.value.trim()) {
        e.preventDefault();
        stopped = false;
        say("The answer is empty: write it in the box, then hand it in.", true);
        text.focus();
      }
    });

    // The copy comes back only when it is newer than the server's text: the box arrived
    // empty, or the copy was written after the server last saved this mock. A confirmed save
    // drops the copy, so one still here was never confirmed. Otherwise the server's text wins.
    // Copies of this mock's earlier boxes are done with: they were handed in.
    keep(function () {
      var copy;
      try { copy = JSON.parse(store.getItem(key) || "null"); } catch (e) { copy = {}; }
      var serverAt = Number(form.getAttribute("data-saved-at")) || 0;
      if (copy && typeof copy.text === "string" && copy.text !== text.value && copy.text.trim() &&
          (!text.value.trim() || Number(copy.at) > serverAt)) {
        text.value = copy.text;
        say("Restored from this browser; saving…");
        save();
      } else if (copy) forget();
      var prefix = form.getAttribute("data-slot-prefix");
      for (var i = store.length - 1; prefix && i >= 0; i--) {
        var k = store.key(i);
        if (k && k !== key && k.indexOf(prefix) === 0) store.removeItem(k);
      }
    });
    if (!status.textContent) say(draft && text.value ? "Saved" : "Saves as you type");
  })();

  // The debrief's print button: the page's print stylesheet hides menus and forms.
  (function () {
    var button = $("print-debrief");
    if (!button || !window.print) return;
    button.hidden = false;
    document.querySelectorAll(".print-hint").forEach(function (n) { n.hidden = true; });
    button.addEventListener("click", function () { window.print(); });
  })();
})();
