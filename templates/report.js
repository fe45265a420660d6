/* argmap report: diagrams on demand, pan and zoom, diagram <-> outline links,
   search and filters. Plain JavaScript, no library, nothing loaded from anywhere.
   Built for big maps: a diagram is made from its inert <template> only when it
   is shown; the search index is read once, on the first search; a search
   changes only the entries whose visibility changes. */
(function () {
  "use strict";
  var doc = document;
  var outline = doc.getElementById("outline");
  var diagram = doc.getElementById("diagram");
  var picker = doc.getElementById("figure-picker");
  var search = doc.getElementById("search");
  var kindFilter = doc.getElementById("kind-filter");
  var status = doc.getElementById("filter-status");
  var noMatch = doc.getElementById("no-match");
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var READABLE_PX = 10; /* node text at least this many CSS pixels when a diagram opens */
  var MAX_SCALE = 1.25; /* a small drawing is not blown up beyond this */
  var MARKED = 300; /* search matches underlined when there are at most this many */
  var EAGER_BYTES = 400000; /* packed drawings up to this size are unpacked in the background */

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function clearClass(root, name) { each(root.querySelectorAll("." + name), function (el) { el.classList.remove(name); }); }
  function setOpen(li, open) {
    if (li.classList.contains("collapsed") !== !open) {
      li.classList.toggle("collapsed", !open);
      var head = li.firstElementChild;
      if (head && head.classList.contains("head")) { head.setAttribute("aria-expanded", open ? "true" : "false"); }
    }
  }
  function openAncestors(el) {
    for (var p = el.parentElement; p; p = p.parentElement) { if (p.classList && p.classList.contains("collapsed")) { setOpen(p, true); } }
  }

  /* ---------------------------------------------------------- outline side */
  function highlightEntry(id) {
    var entry = doc.getElementById("entry-" + id);
    if (!entry) { return null; }
    if (entry.hidden) { resetFilters(); }
    clearClass(outline, "is-highlighted");
    openAncestors(entry);
    entry.classList.add("is-highlighted");
    var head = entry.firstElementChild;
    if (head && head.classList.contains("head")) { head.focus({ preventScroll: true }); }
    entry.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "instant" });
    return entry;
  }

  /* ---------------------------------------------------------- diagrams */
  /* Each diagram is a gzip'd, base64'd SVG in a data attribute: a few bytes for
     the parser, turned into a drawing only when it is shown (or printed). */
  var templates = Array.prototype.slice.call(doc.querySelectorAll("template.diagram-figure"));
  var texts = [];         /* index -> a promise of the SVG text */
  var unpacked = [];      /* index -> the SVG text, once unpacked (printing needs it at once) */
  var made = [];          /* index -> the <svg> made from it (kept for a quick return) */
  var current = -1, wanted = -1, svg = null, base = null, view = null, font = 11;
  var nodeFigures = null; /* node id -> [figure index], read on first use */

  function svgText(index) {
    if (!texts[index]) {
      var packed = templates[index].getAttribute("data-svg") || "";
      texts[index] = new Promise(function (resolve, reject) {
        if (!window.DecompressionStream) { reject(new Error("this browser cannot unpack the diagrams")); return; }
        var bin = atob(packed), bytes = new Uint8Array(bin.length);
        for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        new Response(stream).text().then(function (text) { unpacked[index] = text; resolve(text); }, reject);
      });
    }
    return texts[index];
  }
  function makeSvg(index, text) {
    var parsed = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    if (!parsed || parsed.nodeName !== "svg") { return null; }
    var el = doc.importNode(parsed, true);
    var vb = (el.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
    if (vb.length !== 4 || vb.some(isNaN)) {
      vb = [0, 0, Number(templates[index].getAttribute("data-width")) || 100, Number(templates[index].getAttribute("data-height")) || 100];
    }
    el.removeAttribute("width");
    el.removeAttribute("height");
    el.setAttribute("preserveAspectRatio", "xMinYMin meet");
    el.setAttribute("focusable", "false");
    el.base = { x: vb[0], y: vb[1], w: vb[2] || 1, h: vb[3] || 1 };
    each(el.querySelectorAll("g[id^='node-']"), function (g) {
      var id = g.id.slice(5);
      var title = g.querySelector("title");
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", "Node " + id + (title && title.textContent !== id ? ": " + title.textContent : "") + ". Show in the outline");
    });
    return el;
  }
  function unpackAll() {
    var next = 0;
    function step() {
      while (next < templates.length && texts[next]) { next++; }
      if (next < templates.length) { svgText(next).then(function () { setTimeout(step, 0); }, function () {}); }
    }
    step();
  }
  function figureSvg(index) {
    if (made[index]) { return Promise.resolve(made[index]); }
    return svgText(index).then(function (text) { made[index] = made[index] || makeSvg(index, text); return made[index]; });
  }
  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  }
  function paneBox() { return diagram.getBoundingClientRect(); }
  /* Fit the drawing to the pane's width, top first; where that would make
     the text smaller than READABLE_PX, the readable scale instead. */
  function fitWidth() {
    var box = paneBox(), cw = box.width || 1, ch = box.height || 1;
    var fit = Math.min(cw / base.w, MAX_SCALE); /* CSS pixels per drawing unit at the pane's width */
    var scale = fit * font >= READABLE_PX ? fit : READABLE_PX / font;
    var w = cw / scale, h = ch / scale;
    var x = base.w < w ? base.x - (w - base.w) / 2 : base.x;
    var y = base.y - (base.h < h ? 12 / scale : 0); /* the top first, a small drawing at the top too */
    setView({ x: x, y: y, w: w, h: h });
  }
  function fitAll() {
    var box = paneBox(), cw = box.width || 1, ch = box.height || 1;
    var w = base.w, h = base.h;
    if (base.w / base.h > cw / ch) { h = base.w * ch / cw; } else { w = base.h * cw / ch; }
    setView({ x: base.x - (w - base.w) / 2, y: base.y - (h - base.h) / 2, w: w, h: h });
  }
  /* Show figure ``index``; the promise resolves once it is in the pane. */
  function show(index) {
    if (!templates[index]) { return Promise.resolve(null); }
    if (index === current) { return Promise.resolve(svg); }
    wanted = index;
    if (picker && picker.value !== String(index)) { picker.value = String(index); }
    diagram.setAttribute("aria-busy", "true");
    return figureSvg(index).then(function (el) {
      if (wanted !== index || !el) { return svg; }
      if (svg && svg.parentNode) { svg.parentNode.removeChild(svg); }
      var note = diagram.querySelector(".diagram-note");
      if (note) { diagram.removeChild(note); }
      svg = el;
      base = svg.base;
      font = Number(templates[index].getAttribute("data-font")) || 11;
      diagram.appendChild(svg);
      current = index;
      diagram.removeAttribute("aria-busy");
      fitWidth();
      return svg;
    }, function (error) {
      diagram.removeAttribute("aria-busy");
      var note = doc.createElement("p");
      note.className = "diagram-note";
      note.textContent = "The diagram cannot be shown: " + error.message + ".";
      diagram.appendChild(note);
      return null;
    });
  }
  /* The whole map when its text is readable at the pane's width, else the first section. */
  function firstFigure() {
    if (!templates.length) { return -1; }
    var width = paneBox().width || 800;
    var first = templates[0];
    if (first.getAttribute("data-key") === "*" && templates.length > 1) {
      var fits = width / (Number(first.getAttribute("data-width")) || 1) * (Number(first.getAttribute("data-font")) || 11);
      return fits >= READABLE_PX ? 0 : 1;
    }
    return 0;
  }
  function figuresOf(id) {
    if (!nodeFigures) {
      nodeFigures = new Map();
      templates.forEach(function (t, i) {
        (t.getAttribute("data-nodes") || "").split(" ").forEach(function (n) {
          if (!n) { return; }
          if (!nodeFigures.has(n)) { nodeFigures.set(n, []); }
          nodeFigures.get(n).push(i);
        });
      });
    }
    return nodeFigures.get(id) || [];
  }
  function figureFor(id) {
    var found = figuresOf(id);
    if (found.indexOf(current) !== -1) { return current; }
    var sections = found.filter(function (i) { return templates[i].getAttribute("data-key") !== "*"; });
    return sections.length ? sections[0] : (found.length ? found[0] : -1);
  }
  function svgNode(id) {
    var el = svg ? doc.getElementById("node-" + id) : null;
    return el && svg.contains(el) ? el : null;
  }
  function toView(clientX, clientY) {
    var box = paneBox();
    return { x: view.x + (clientX - box.left) * view.w / box.width, y: view.y + (clientY - box.top) * view.h / box.height };
  }
  function zoom(factor, at) {
    var c = at || { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    var w = Math.min(Math.max(view.w / factor, base.w / 40), base.w * 8);
    var f = view.w / w;
    setView({ x: c.x - (c.x - view.x) / f, y: c.y - (c.y - view.y) / f, w: w, h: view.h / f });
  }
  function pan(dx, dy) { setView({ x: view.x + dx, y: view.y + dy, w: view.w, h: view.h }); }
  function centreOn(el) {
    var r = el.getBoundingClientRect();
    var c = toView(r.left + r.width / 2, r.top + r.height / 2);
    setView({ x: c.x - view.w / 2, y: c.y - view.h / 2, w: view.w, h: view.h });
  }
  function highlightNode(id, centre) {
    if (!templates.length) { return Promise.resolve(null); }
    var index = figureFor(id);
    if (index === -1) { return Promise.resolve(null); }
    return show(index).then(function () {
      if (!svg) { return null; }
      clearClass(svg, "is-active");
      var el = svgNode(id);
      if (!el) { return null; }
      el.classList.add("is-active");
      if (centre) { centreOn(el); }
      return el;
    });
  }

  if (diagram && templates.length) {
    show(firstFigure()).then(function () {
      /* a small report unpacks its other drawings while the reader reads (printing needs
         them at once); a big one when they are shown, or when a print asks for them */
      var packed = templates.reduce(function (sum, t) { return sum + (t.getAttribute("data-svg") || "").length; }, 0);
      if (packed <= EAGER_BYTES) { setTimeout(unpackAll, 200); }
    });
    window.addEventListener("resize", function () { if (svg) { fitWidth(); } });
    if (picker) { picker.addEventListener("change", function () { show(Number(picker.value)); }); }

    var drag = null, moved = false;
    diagram.addEventListener("pointerdown", function (ev) {
      if (ev.button !== 0 || !svg) { return; }
      drag = { x: ev.clientX, y: ev.clientY, view: view };
      moved = false;
    });
    diagram.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
      if (!moved) { moved = true; diagram.classList.add("dragging"); diagram.setPointerCapture(ev.pointerId); }
      var box = paneBox();
      setView({ x: drag.view.x - dx * view.w / box.width, y: drag.view.y - dy * view.h / box.height, w: view.w, h: view.h });
    });
    function endDrag() { drag = null; diagram.classList.remove("dragging"); }
    diagram.addEventListener("pointerup", endDrag);
    diagram.addEventListener("pointercancel", endDrag);
    /* the wheel scrolls the drawing; with Ctrl (or a pinch) it zooms */
    diagram.addEventListener("wheel", function (ev) {
      if (!svg) { return; }
      ev.preventDefault();
      var unit = ev.deltaMode === 1 ? 16 : 1;
      if (ev.ctrlKey || ev.metaKey) {
        zoom(Math.exp(-ev.deltaY * unit * 0.0015), toView(ev.clientX, ev.clientY));
      } else {
        var box = paneBox();
        pan(ev.deltaX * unit * view.w / box.width, ev.deltaY * unit * view.h / box.height);
      }
    }, { passive: false });
    function activate(target) {
      var g = target.closest ? target.closest("g[id^='node-']") : null;
      if (!g || !svg || !svg.contains(g)) { return false; }
      var id = g.id.slice(5);
      clearClass(svg, "is-active");
      g.classList.add("is-active");
      highlightEntry(id);
      return true;
    }
    diagram.addEventListener("click", function (ev) {
      if (moved) { moved = false; return; }
      activate(ev.target);
    });
    diagram.addEventListener("keydown", function (ev) {
      if (!svg) { return; }
      var step = 0.1, k = ev.key;
      if ((k === "Enter" || k === " ") && ev.target !== diagram) { if (activate(ev.target)) { ev.preventDefault(); } return; }
      if (k === "+" || k === "=") { zoom(1.25); } else if (k === "-" || k === "_") { zoom(0.8); } else if (k === "0") { fitWidth(); }
      else if (k === "ArrowLeft") { pan(-view.w * step, 0); } else if (k === "ArrowRight") { pan(view.w * step, 0); }
      else if (k === "ArrowUp") { pan(0, -view.h * step); } else if (k === "ArrowDown") { pan(0, view.h * step); }
      else { return; }
      ev.preventDefault();
    });
    doc.getElementById("zoom-in").addEventListener("click", function () { if (svg) { zoom(1.25); } });
    doc.getElementById("zoom-out").addEventListener("click", function () { if (svg) { zoom(0.8); } });
    doc.getElementById("zoom-reset").addEventListener("click", function () { if (svg) { fitWidth(); } });
  }

  doc.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("button.locate") : null;
    if (button) {
      var li = button.closest("li.entry");
      clearClass(outline, "is-highlighted");
      li.classList.add("is-highlighted");
      highlightNode(li.id.slice(6), true).then(function (el) {
        var box = diagram ? paneBox() : null;
        if (el && (box.bottom < 0 || box.top > window.innerHeight)) { diagram.scrollIntoView({ block: "start" }); }
      });
      return;
    }
    var link = ev.target.closest ? ev.target.closest("a.ref-link") : null;
    if (link) {
      ev.preventDefault();
      var target = link.getAttribute("data-node");
      highlightEntry(target);
      if (figuresOf(target).indexOf(current) !== -1) { highlightNode(target, false); }
    }
  });

  /* ---------------------------------------------------------- search, filters */
  var index = null; /* read on the first search: entries, their text, parents, parts */
  function kindOf(li) { var m = /(?:^| )kind-(\S+)/.exec(li.className); return m ? m[1] : ""; }
  function searchText(li) { /* what an entry says (number, verb, kind, id, status, text, facts), in lower case */
    var head = li.firstElementChild, words = [];
    if (head && head.className === "head") {
      words.push(head.textContent);
      var body = head.nextElementSibling;
      for (var c = body ? body.firstElementChild : null; c; c = c.nextElementSibling) {
        if (c.className === "meta") { words.push(c.textContent); }
      }
    } else {
      words.push(li.textContent);
    }
    return words.join(" ").toLowerCase().replace(/\s+/g, " ");
  }
  /* The index is read in slices between frames, soon after the page opens;
     a search that comes first reads what is left at once. */
  var reading = null;
  function startIndex() {
    var entries = Array.prototype.slice.call(outline.querySelectorAll("li.entry"));
    var parts = Array.prototype.slice.call(outline.querySelectorAll("section.part[data-part]"));
    reading = { entries: entries, parts: parts, next: 0, position: new Map(),
                parent: [], partOf: [], text: [], kind: [], ref: [] };
  }
  function readSlice(limit) {
    var r = reading, end = Math.min(r.entries.length, r.next + limit);
    for (var i = r.next; i < end; i++) {
      var li = r.entries[i];
      r.position.set(li, i);
      var up = li.parentElement ? li.parentElement.parentElement : null; /* li > ul.tree > li */
      var parent = up && up.tagName === "LI" ? r.position.get(up) : undefined;
      r.parent.push(parent === undefined ? -1 : parent);  /* a parent comes before its children */
      r.partOf.push(parent === undefined ? r.parts.indexOf(li.closest("section.part")) : r.partOf[parent]);
      r.text.push(searchText(li));
      r.kind.push(kindOf(li));
      r.ref.push(li.classList.contains("ref"));
    }
    r.next = end;
    if (end < r.entries.length) { return false; }
    index = {
      entries: r.entries, parent: r.parent, partOf: r.partOf, parts: r.parts, text: r.text, kind: r.kind, ref: r.ref,
      shown: r.entries.map(function () { return true; }),
      match: r.entries.map(function () { return false; }),
      total: r.ref.filter(function (ref) { return !ref; }).length
    };
    reading = null;
    return true;
  }
  function buildIndex() {
    if (!reading) { startIndex(); }
    readSlice(Infinity);
  }
  function readInSlices(deadline) {
    if (index) { return; }
    if (!reading) { startIndex(); }
    /* in idle time, as much as the browser allows; else 100 entries a task */
    var done = false;
    do { done = readSlice(100); } while (!done && deadline && deadline.timeRemaining() > 3);
    if (!done) { later(readInSlices); }
  }
  var later = window.requestIdleCallback ? function (fn) { window.requestIdleCallback(fn, { timeout: 100 }); }
                                         : function (fn) { setTimeout(fn, 0); };
  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var kind = kindFilter.value;
    var active = q !== "" || kind !== "";
    if (!index) { if (!active) { return; } buildIndex(); }
    var n = index.entries.length, show = new Array(n), match = new Array(n), matches = 0, i;
    var partShown = index.parts.map(function () { return false; });
    for (i = 0; i < n; i++) {
      match[i] = active && (!q || index.text[i].indexOf(q) !== -1) && (!kind || index.kind[i] === kind);
      show[i] = !active || match[i];
      if (match[i] && !index.ref[i]) { matches++; }
    }
    for (i = n - 1; i >= 0; i--) { /* children come after their parents: a shown child shows its parent */
      if (show[i] && index.parent[i] !== -1) { show[index.parent[i]] = true; }
    }
    var mark = matches <= MARKED; /* underline the matches when there are few (a single letter matches all) */
    for (i = 0; i < n; i++) {
      var li = index.entries[i];
      if (show[i] !== index.shown[i]) { li.hidden = !show[i]; index.shown[i] = show[i]; }
      var marked = match[i] && mark;
      if (marked !== index.match[i]) { li.classList.toggle("is-match", marked); index.match[i] = marked; }
      if (show[i]) { partShown[index.partOf[i]] = true; }
      if (active && show[i] && !match[i] && li.classList.contains("collapsed")) { setOpen(li, true); }
    }
    index.parts.forEach(function (part, k) { if (part.hidden === partShown[k]) { part.hidden = !partShown[k]; } });
    noMatch.hidden = !active || matches > 0;
    status.textContent = active ? matches + " of " + index.total + " entries match" : index.total + " entries";
  }
  var pending = 0, last = -1;
  function schedule() { /* at once; at most one filter per frame, however fast the keys come */
    var now = performance.now();
    if (now - last >= 16) { last = now; applyFilters(); return; }
    if (!pending) { pending = window.requestAnimationFrame(function () { pending = 0; last = performance.now(); applyFilters(); }); }
  }
  function resetFilters() { search.value = ""; kindFilter.value = ""; applyFilters(); }
  search.addEventListener("input", schedule);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { resetFilters(); } });
  kindFilter.addEventListener("change", applyFilters);
  function setAll(open) { each(outline.querySelectorAll("li.entry:not(.ref)"), function (li) { setOpen(li, open); }); }
  /* the head of an entry folds it (a click, Enter or Space) */
  outline.addEventListener("click", function (ev) {
    var head = ev.target.closest ? ev.target.closest(".head") : null;
    if (head && outline.contains(head) && !ev.target.closest("a, button")) { setOpen(head.parentElement, head.parentElement.classList.contains("collapsed")); }
  });
  outline.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList && ev.target.classList.contains("head")) {
      ev.preventDefault();
      setOpen(ev.target.parentElement, ev.target.parentElement.classList.contains("collapsed"));
    }
  });
  doc.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  doc.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  status.textContent = outline.querySelectorAll("li.entry:not(.ref)").length + " entries";
  /* read the search index while the reader reads, so that the first key is quick */
  later(readInSlices);

  /* ---------------------------------------------------------- print: every diagram, each on its own page */
  var saved = null, printed = null, ready = [];
  templates.forEach(function (t, i) { /* the whole map is printed only when there is nothing else */
    if (t.getAttribute("data-key") === "*" && templates.length > 1) { return; }
    ready.push(i);
  });
  window.addEventListener("beforeprint", function () {
    saved = Array.prototype.map.call(outline.querySelectorAll("li.collapsed"), function (li) { return li; });
    setAll(true);
    if (ready.length && !printed) {
      printed = doc.createElement("section");
      printed.className = "print-figures";
      ready.forEach(function (i) {
        var figure = doc.createElement("figure");
        var caption = doc.createElement("figcaption");
        caption.textContent = picker ? picker.options[i].textContent : "";
        figure.appendChild(caption);
        var el = unpacked[i] !== undefined ? makeSvg(i, unpacked[i]) : null;
        if (el) {
          figure.appendChild(el);
        } else {
          var note = doc.createElement("p");
          note.textContent = "(not ready to print yet: print again in a moment)";
          figure.appendChild(note);
          unpackAll();
        }
        printed.appendChild(figure);
      });
      outline.parentNode.insertBefore(printed, outline.nextSibling);
    }
  });
  window.addEventListener("afterprint", function () {
    if (saved) { saved.forEach(function (li) { setOpen(li, false); }); saved = null; }
    if (printed) { printed.parentNode.removeChild(printed); printed = null; }
  });
})();
