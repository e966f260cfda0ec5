/* checker review page. Builds the page from the JSON data block with textContent only:
   no text from articles is ever parsed as markup, and nothing is fetched. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("checker-data").textContent);
  var KEY = "checker-review:" + DATA.key;
  var STATES = ["right", "wrong", "unsure"];
  var LETTER = { r: "right", w: "wrong", u: "unsure" };
  var store = {};
  try { store = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { store = {}; }
  var original = {};
  var widgets = {};
  var rowViews = [];
  var filters = { verdict: "", kind: "", story: "", outlet: "", q: "", only: null, onlyLabel: "" };

  function el(tag, props) {
    var node = document.createElement(tag);
    var key;
    if (props) {
      for (key in props) {
        if (!Object.prototype.hasOwnProperty.call(props, key)) continue;
        var value = props[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") node.textContent = String(value);
        else if (key === "class") node.className = value;
        else if (key.indexOf("on") === 0) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }
  function add(node, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(node, k); }); return; }
    node.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }
  function marked(text, marks) {
    var frag = document.createDocumentFragment();
    var at = 0;
    (marks || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (m) {
      if (m[0] < at) return;
      frag.appendChild(document.createTextNode(text.slice(at, m[0])));
      frag.appendChild(el("mark", { text: text.slice(m[0], m[1]) }));
      at = m[1];
    });
    frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }
  function plural(n, word) { return n + " " + word + (Number(n) === 1 ? "" : "s"); }

  /* --- reviews ------------------------------------------------------------------------- */
  function current(id) { return store[id] || original[id] || { review: "", note: "" }; }
  function save(onlyCount) {
    if (!onlyCount) {
      try { window.localStorage.setItem(KEY, JSON.stringify(store)); } catch (e) { /* private mode */ }
    }
    var n = Object.keys(store).length;
    document.getElementById("review-count").textContent =
      plural(n, "review") + " made on this page (kept in this browser)";
  }
  function setReview(id, review, note) {
    var now = current(id);
    var next = { review: review === undefined ? now.review : review,
                 note: note === undefined ? now.note : note };
    var was = original[id] || { review: "", note: "" };
    if (next.review === was.review && next.note === was.note) delete store[id];
    else store[id] = next;
    save();
    (widgets[id] || []).forEach(function (update) { update(); });
  }
  function reviewWidget(id, what) {
    var box = el("div", { class: "review", role: "group", "aria-label": "Review of this " + what });
    var buttons = STATES.map(function (state) {
      return el("button", { type: "button", "data-review": state, "aria-pressed": "false",
        title: state + " (key " + state[0] + ")",
        onclick: function (ev) {
          ev.stopPropagation();
          setReview(id, current(id).review === state ? "" : state);
        } }, state);
    });
    var note = el("input", { type: "text", "aria-label": "Note on this " + what,
      placeholder: "note", "data-note": "1",
      onclick: function (ev) { ev.stopPropagation(); },
      oninput: function () { setReview(id, undefined, note.value); } });
    var state = el("span", { class: "state" });
    add(box, [el("span", { class: "muted", text: "Review:" }), buttons, note, state]);
    function update() {
      var now = current(id);
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-review") === now.review));
      });
      if (document.activeElement !== note) note.value = now.note;
      var where = store[id] ? "changed on this page" : (now.review || now.note ? "from the report" : "");
      state.textContent = (now.review ? "“" + now.review + "” " : "") + (where || "not reviewed");
    }
    (widgets[id] = widgets[id] || []).push(update);
    update();
    return box;
  }
  function csvCell(value) {
    var text = String(value || "");
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  /* formula-neutral, as the CSV report */
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function exportText() {
    var lines = ["pair_id,finding_id,review,review_note"];
    Object.keys(store).sort().forEach(function (id) {
      var entry = store[id];
      var pair = id.indexOf("p:") === 0 ? id.slice(2) : "";
      var finding = id.indexOf("f:") === 0 ? id.slice(2) : "";
      lines.push([pair, finding, entry.review, entry.note].map(csvCell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function exportReviews() {
    var blob = new Blob([exportText()], { type: "text/csv;charset=utf-8" });
    var link = el("a", { href: URL.createObjectURL(blob),
      download: (DATA.title || "report") + "-reviews.csv" });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  window.checkerExportText = exportText;

  /* --- findings ------------------------------------------------------------------------ */
  function statementView(s) {
    var who = el("div", { class: "who" }, s.outlet,
      el("span", { class: "muted", text: " says " + s.value + (s.published ? " · " + s.published : "") }));
    var claim = s.claim
      ? el("p", { class: "claim" }, marked(s.claim, s.marks))
      : el("p", { class: "claim empty", text: "(its claim is not among the report's rows)" });
    var ctx = s.context ? el("p", { class: "ctx" }, el("b", { text: "Context: " }), s.context) : null;
    var link = s.pairs && s.pairs.length ? el("button", { type: "button", class: "pairs-link",
      onclick: function () { showOnly(s.pairs, s.outlet + "'s claim"); } },
      "its " + plural(s.pairs.length, "pair row")) : null;
    return el("div", { class: "stmt" }, who, claim, ctx, link);
  }
  function findingCard(f) {
    original["f:" + f.id] = { review: f.review || "", note: f.note || "" };
    var meta = [f.kind, plural(f.outlets, "outlet"), plural(f.pairs.length, "pair row"),
      "confidence " + f.confidence].concat(f.status === "stale" ? ["stale"] : []).join(" · ");
    var values = f.timed
      ? el("ol", { class: "values", "aria-label": "Values in order of first publication" },
          f.values.map(function (v) {
            return el("li", null, el("b", { text: v.value }), " — " + v.outlets.join(", ") +
              " (first: " + v.first + ", " + v.first_outlet + ")");
          }))
      : el("p", { class: "muted", text: "No publication times in the report: values fewest outlets first." });
    var statements = [];
    f.values.forEach(function (v) { v.statements.forEach(function (s) { statements.push(statementView(s)); }); });
    var card = el("article", { class: "card item", tabindex: "0", "data-id": "f:" + f.id,
      "data-kind": f.kind, "aria-label": "Finding: " + f.summary },
      el("p", { class: "line", text: f.summary }),
      el("p", { class: "muted", text: meta }),
      reviewWidget("f:" + f.id, "finding"),
      values,
      el("div", { class: "stmts" }, statements),
      el("p", null, el("button", { type: "button", class: "pairs-link",
        onclick: function () { showOnly(f.pairs, "finding “" + f.summary + "”"); } },
        "Show the " + plural(f.pairs.length, "pair row") + " behind it")),
      el("p", { class: "muted", text: "finding_id " + f.id }));
    card._finding = f;
    return card;
  }

  /* --- pair rows ----------------------------------------------------------------------- */
  function verdictBadge(row) {
    var out = [el("span", { class: "badge v-" + row.verdict, text: row.verdict || "—" })];
    if (row.status === "stale") out.push(" ", el("span", { class: "badge v-stale", text: "stale" }));
    return out;
  }
  function sideView(label, s) {
    var url = safeUrl(s.url);
    return el("section", null,
      el("h4", null, label + ": " + s.outlet),
      el("p", { class: "who-small", text: [s.published, s.file, s.certainty, s.speaker ? "speaker " + s.speaker : ""]
        .filter(Boolean).join(" · ") }),
      el("p", { text: s.claim }),
      s.context ? el("p", { class: "ctx" }, el("b", { text: "Context: " }), s.context) : null,
      url ? el("p", { class: "who-small" }, el("a", { href: url, rel: "noopener noreferrer", text: url })) : null);
  }
  function detailView(row) {
    var scores = [["same_event", row.scores.same_event], ["similarity", row.scores.similarity],
      ["p_contradiction", row.scores.p_contradiction], ["p_entailment", row.scores.p_entailment],
      ["p_neutral", row.scores.p_neutral], ["confidence", row.confidence],
      ["candidate", row.candidate || "—"], ["found_by", row.found_by], ["story", row.story],
      ["offsets", row.a.offsets + " | " + row.b.offsets], ["pair_id", row.id]];
    return el("div", null,
      el("div", { class: "side" }, sideView("A", row.a), sideView("B", row.b)),
      el("h4", { text: "Why" }),
      el("ul", { class: "reasons" }, row.reasons.map(function (r) { return el("li", { text: r }); })),
      el("dl", { class: "scores" }, scores.map(function (s) {
        return [el("dt", { text: s[0] }), el("dd", { text: s[1] })];
      })),
      reviewWidget("p:" + row.id, "pair row"));
  }
  function rowView(row) {
    var id = "p:" + row.id;
    original[id] = { review: row.review || "", note: row.note || "" };
    var reviewCell = el("td", { "data-label": "Review" });
    var tr = el("tr", { class: "item", tabindex: "0", "data-id": id, "aria-expanded": "false" },
      el("td", { "data-label": "Verdict" }, verdictBadge(row)),
      el("td", { "data-label": "Kind", text: row.kind || "—" }),
      el("td", { "data-label": "Conf.", text: row.confidence }),
      el("td", { "data-label": "Claim A" }, el("div", { text: row.a.claim }),
        el("div", { class: "who-small", text: row.a.outlet })),
      el("td", { "data-label": "Claim B" }, el("div", { text: row.b.claim }),
        el("div", { class: "who-small", text: row.b.outlet })),
      reviewCell);
    var detail = el("tr", { class: "detail", hidden: true });
    var view = { row: row, tr: tr, detail: detail, built: false, open: false,
      hay: [row.a.claim, row.b.claim, row.a.outlet, row.b.outlet, row.id, row.reasons.join(" "),
        row.a.context, row.b.context].join("\n").toLowerCase() };
    function toggle(open) {
      view.open = open === undefined ? !view.open : open;
      if (view.open && !view.built) {
        detail.appendChild(el("td", { colspan: "6" }, detailView(row)));
        view.built = true;
      }
      detail.hidden = !view.open || tr.hidden;
      tr.setAttribute("aria-expanded", String(view.open));
    }
    view.toggle = toggle;
    tr.addEventListener("click", function () { toggle(); });
    tr._view = view;
    (widgets[id] = widgets[id] || []).push(function () {
      var now = current(id);
      reviewCell.textContent = now.review || (now.note ? "note" : "");
    });
    widgets[id][widgets[id].length - 1]();
    rowViews.push(view);
    return [tr, detail];
  }

  /* --- filters ------------------------------------------------------------------------- */
  function matches(view) {
    var row = view.row;
    if (filters.only && !filters.only.has(row.id)) return false;
    if (filters.verdict === "stale" ? row.status !== "stale"
      : filters.verdict && row.verdict !== filters.verdict) return false;
    if (filters.kind && (row.kind || "—") !== filters.kind) return false;
    if (filters.story && row.story !== filters.story) return false;
    if (filters.outlet && row.a.outlet !== filters.outlet && row.b.outlet !== filters.outlet) return false;
    if (filters.q && view.hay.indexOf(filters.q) < 0) return false;
    return true;
  }
  function apply() {
    var shown = {};
    rowViews.forEach(function (view) {
      var ok = matches(view);
      view.tr.hidden = !ok;
      view.detail.hidden = !ok || !view.open;
      if (ok) shown[view.row.story] = (shown[view.row.story] || 0) + 1;
    });
    document.querySelectorAll("section.story").forEach(function (section) {
      var story = section.getAttribute("data-story");
      section.hidden = Boolean(filters.story) && story !== filters.story;
      var count = section.querySelector(".shown");
      if (count) count.textContent = (shown[story] || 0) + " shown";
      section.querySelectorAll("article.card").forEach(function (card) {
        var f = card._finding;
        var ok = (!filters.kind || f.kind === filters.kind) &&
          (!filters.outlet || f.values.some(function (v) { return v.outlets.indexOf(filters.outlet) >= 0; })) &&
          (!filters.q || (f.summary + "\n" + f.values.map(function (v) {
            return v.statements.map(function (s) { return s.claim; }).join("\n");
          }).join("\n")).toLowerCase().indexOf(filters.q) >= 0);
        card.hidden = !ok;
      });
    });
    var banner = document.getElementById("only");
    banner.hidden = !filters.only;
    if (filters.only) banner.firstChild.textContent = "Showing the pair rows of " + filters.onlyLabel + ". ";
    var total = rowViews.filter(function (v) { return !v.tr.hidden; }).length;
    document.getElementById("shown-count").textContent = total + " of " + plural(rowViews.length, "pair row") + " shown";
  }
  function showOnly(ids, label) {
    filters.only = new Set(ids);
    filters.onlyLabel = label;
    apply();
    var first = rowViews.filter(function (v) { return !v.tr.hidden; })[0];
    if (first) { first.toggle(true); first.tr.focus(); first.tr.scrollIntoView({ block: "start" }); }
  }
  function select(name, label, options) {
    var box = el("select", { id: "filter-" + name, "aria-label": label,
      onchange: function () { filters[name] = box.value; apply(); } },
      el("option", { value: "", text: "all" }),
      options.map(function (o) { return el("option", { value: o, text: o }); }));
    return el("label", null, label, box);
  }
  function distinct(values) {
    return values.filter(function (v, i, all) { return v && all.indexOf(v) === i; }).sort();
  }

  /* --- keyboard ------------------------------------------------------------------------ */
  function items() {
    return Array.prototype.filter.call(document.querySelectorAll(".item"), function (n) {
      return n.offsetParent !== null;
    });
  }
  function move(step) {
    var list = items();
    if (!list.length) return;
    var at = list.indexOf(document.activeElement.closest ? document.activeElement.closest(".item") : null);
    var next = list[Math.max(0, Math.min(list.length - 1, at < 0 ? 0 : at + step))];
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (ev) {
    var target = ev.target;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (ev.key === "Escape" && typing) {
      var owner = target.closest(".card") || (target.closest("tr.detail") || {}).previousSibling;
      target.blur();
      if (owner && owner.focus) owner.focus();
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var item = target.closest ? target.closest(".item") : null;
    if (!item && target.closest && target.closest("tr.detail")) item = target.closest("tr.detail").previousSibling;
    if (ev.key === "j" || ev.key === "k") { ev.preventDefault(); move(ev.key === "j" ? 1 : -1); }
    else if (LETTER[ev.key] && item) {
      ev.preventDefault();
      var id = item.getAttribute("data-id");
      setReview(id, current(id).review === LETTER[ev.key] ? "" : LETTER[ev.key]);
    } else if ((ev.key === "Enter" || ev.key === "o") && item && item._view && target === item) {
      ev.preventDefault(); item._view.toggle();
    } else if (ev.key === "n" && item) {
      ev.preventDefault();
      if (item._view) item._view.toggle(true);
      var scope = item._view ? item._view.detail : item;
      var input = scope.querySelector("input[data-note]");
      if (input) input.focus();
    } else if (ev.key === "/") { ev.preventDefault(); document.getElementById("search").focus(); }
  });

  /* --- the page ------------------------------------------------------------------------ */
  function build() {
    var app = document.getElementById("app");
    var rows = DATA.rows;
    var outlets = distinct([].concat.apply([], rows.map(function (r) { return [r.a.outlet, r.b.outlet]; })));
    var nFindings = DATA.stories.reduce(function (n, s) { return n + s.findings.length; }, 0);
    var search = el("input", { type: "search", id: "search", placeholder: "claims, outlets, pair_id…",
      oninput: function () { filters.q = search.value.trim().toLowerCase(); apply(); } });
    var bar = el("header", { class: "bar" },
      el("h1", { text: DATA.title }),
      el("span", { class: "muted", text: (DATA.stories.length === 1 ? "1 story" : DATA.stories.length + " stories") + " · " +
        plural(nFindings, "finding") + " · " + plural(rows.length, "pair row") }),
      select("verdict", "Verdict", ["contradiction", "agreement", "neutral", "stale"].filter(function (v) {
        return rows.some(function (r) { return v === "stale" ? r.status === "stale" : r.verdict === v; });
      })),
      select("kind", "Kind", distinct(rows.map(function (r) { return r.kind || "—"; }))),
      select("story", "Story", DATA.stories.map(function (s) { return s.id; })),
      select("outlet", "Outlet", outlets),
      el("label", null, "Search", search),
      el("button", { type: "button", id: "export", onclick: exportReviews }, "Export reviews (CSV)"),
      el("span", { id: "review-count", class: "muted" }),
      el("span", { id: "shown-count", class: "muted" }));
    var only = el("p", { id: "only", class: "filtered", hidden: true }, el("span"),
      el("button", { type: "button", onclick: function () { filters.only = null; apply(); } }, "Show all rows"));
    var main = el("main", null,
      el("p", { class: "keys" }, "Keys: ", el("kbd", { text: "j" }), "/", el("kbd", { text: "k" }),
        " next/previous · ", el("kbd", { text: "r" }), " right · ", el("kbd", { text: "w" }), " wrong · ",
        el("kbd", { text: "u" }), " unsure · ", el("kbd", { text: "n" }), " note · ",
        el("kbd", { text: "Enter" }), " open a row · ", el("kbd", { text: "/" }), " search. Generated " +
        DATA.generated + ". Reviews stay in this browser until you export them and run ",
        el("code", { text: "checker review import FILE REPORT" }), "."),
      only);
    var byStory = {};
    rows.forEach(function (r) { (byStory[r.story] = byStory[r.story] || []).push(r); });
    DATA.stories.forEach(function (story) {
      var mine = byStory[story.id] || [];
      var section = el("section", { class: "story", "data-story": story.id, "aria-label": "Story " + story.id },
        el("h2", null, "Story " + story.id + " — " + plural(story.articles.length, "article") + ", " +
          plural(story.findings.length, "finding") + ", " + plural(mine.length, "pair row")),
        el("ul", { class: "strip", "aria-label": "Articles" }, story.articles.map(function (a) {
          var url = safeUrl(a.url);
          return el("li", { title: a.title || a.file },
            url ? el("a", { href: url, rel: "noopener noreferrer" }, el("b", { text: a.outlet })) : el("b", { text: a.outlet }),
            [a.language, a.published || "no date", a.file.split(/[\\/]/).pop()].filter(Boolean)
              .map(function (t) { return " · " + t; }).join(""));
        })),
        el("h3", { text: "Findings" }),
        story.findings.length ? story.findings.map(findingCard)
          : el("p", { class: "empty", text: "No findings in this story." }),
        el("h3", null, "Pair rows ", el("span", { class: "muted shown" })));
      var table = el("table", null,
        el("caption", { class: "muted", text: "Select a row (click or Enter) for both claims in context, reasons and scores." }),
        el("colgroup", null, el("col", { class: "c-verdict" }), el("col", { class: "c-kind" }),
          el("col", { class: "c-conf" }), el("col"), el("col"), el("col", { class: "c-review" })),
        el("thead", null, el("tr", null, ["Verdict", "Kind", "Conf.", "Claim A", "Claim B", "Review"]
          .map(function (h) { return el("th", { scope: "col", text: h }); }))),
        el("tbody", null, mine.map(rowView)));
      section.appendChild(table);
      main.appendChild(section);
    });
    app.appendChild(bar);
    app.appendChild(main);
    save(true);
    apply();
    document.body.setAttribute("data-built-ms", String(Math.round(performance.now())));
    document.body.setAttribute("data-ready", "1");
  }
  build();
})();
