// panels: an entity, a fact with its evidence in its paragraph, a document, the documents
(function (K) {
  "use strict";
  var DATA = K.data, el = K.el, details = K.byId("kg-details");
  var P = K.panels = {};
  var byNode = DATA.nodes.map(function () { return []; });
  DATA.facts.forEach(function (f, i) {
    byNode[f.s].push(i);
    if (f.o !== null && f.o !== f.s) byNode[f.o].push(i);
  });
  function section(parent, title) {
    parent.appendChild(el("h3", null, title));
    var ul = el("ul", "items");
    parent.appendChild(ul);
    return ul;
  }
  function kv(parent, name, value) {
    var d = el("div");
    d.appendChild(el("span", "k", name + ": "));
    d.appendChild(document.createTextNode(String(value)));
    parent.appendChild(d);
  }
  function factLine(i) {
    var f = DATA.facts[i];
    return K.nodeText(f.s) + " \u2014 " + K.predName(f.p) + " \u2192 " + K.factObject(f) + (f.d && f.o !== null ? " (" + f.d + ")" : "");
  }
  function factList(parent, ids, title) {
    var ul = section(parent, title + " (" + ids.length + ")");
    ids.slice(0, 200).forEach(function (i) {
      var li = el("li");
      li.appendChild(K.button(factLine(i), null, function () { K.select({t: "f", i: i}, true); }));
      ul.appendChild(li);
    });
  }
  function docButton(d) {
    var doc = DATA.docs[d];
    return K.button(doc.title + (doc.date ? " (" + doc.date + ")" : ""), null, function () { K.pickDoc(d, true); });
  }
  function show(box) { details.replaceChildren(box); K.showTab("details"); }

  P.node = function (i) {
    var n = DATA.nodes[i], box = el("div", "kg-node");
    box.appendChild(el("h2", null, n.label));
    var cls = DATA.classes.filter(function (c) { return c.cls === n.cls; })[0];
    kv(box, "Type", cls ? cls.name : n.cls);
    if (n.date) kv(box, "Date", n.date);
    kv(box, "Mentions", n.mentions);
    if (n.events && n.events.length) {  // the agreement's timeline, already in date order
      var ev = section(box, "Events");
      n.events.forEach(function (e) {
        var words = e[1].replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
        ev.appendChild(el("li", "kg-event", e[0] + " \u2014 " + words + (e[2] ? " in " + e[2] : "") +
          (e[3].length ? " (" + e[3].join(", ") + ")" : "")));
      });
    }
    if (!n.drawn && !n.part) box.appendChild(el("p", "hint", "Not drawn: beyond the most connected nodes the graph shows."));
    var why = {}, names = n.aliases.slice();
    n.res.forEach(function (r) {
      if (!why[r[0]]) { why[r[0]] = []; if (names.indexOf(r[0]) < 0) names.push(r[0]); }
      why[r[0]].push(r);
    });
    if (names.length) {
      var ul = section(box, "Also known as");
      names.forEach(function (a) {
        var li = el("li", null, a);
        (why[a] || []).forEach(function (r) {
          var docs = r[2].map(function (d) { return DATA.docs[d].title; }).join("; ");
          li.appendChild(el("div", "why", "merged by rule " + r[1] + (docs ? " in " + docs : "")));
        });
        ul.appendChild(li);
      });
    }
    factList(box, byNode[i], "Facts");
    var docs = section(box, "Documents (" + n.docs.length + ")");
    n.docs.forEach(function (d) { var li = el("li"); li.appendChild(docButton(d)); docs.appendChild(li); });
    show(box);
  };

  // the sentence, highlighted inside its paragraph of the document's text
  P.evidence = function (f) {
    var q = el("blockquote", "evidence"), doc = f.doc >= 0 ? DATA.docs[f.doc] : null;
    var chars = doc ? (doc.chars = doc.chars || Array.from(doc.text)) : [];
    var sentence = chars.slice(f.a, f.b).join("");
    if (!doc || sentence.trim() !== String(f.e).trim()) {
      q.appendChild(el("mark", null, f.e));
      return q;
    }
    var a = f.a, b = f.b;
    while (a > 0 && chars[a - 1] !== "\n") a--;
    while (b < chars.length && chars[b] !== "\n") b++;
    q.appendChild(document.createTextNode(chars.slice(a, f.a).join("")));
    q.appendChild(el("mark", null, sentence));
    q.appendChild(document.createTextNode(chars.slice(f.b, b).join("")));
    return q;
  };
  P.fact = function (i) {
    var f = DATA.facts[i], box = el("div", "kg-fact");
    box.appendChild(el("h2", null, factLine(i)));
    kv(box, "Confidence", f.c.toFixed(2));
    if (f.d) kv(box, "Date", f.d);
    kv(box, "Rule", f.x);
    box.appendChild(el("h3", null, "Evidence"));
    box.appendChild(P.evidence(f));
    if (f.doc >= 0) box.appendChild(docButton(f.doc));
    var ends = el("div", "ends");
    [f.s, f.o].forEach(function (n) {
      if (n !== null) ends.appendChild(K.button(DATA.nodes[n].label, "Entity " + DATA.nodes[n].label,
                                               function () { K.select({t: "n", i: n}, true); }));
    });
    box.appendChild(ends);
    show(box);
  };
  P.edge = function (j) {
    var e = DATA.edges[j];
    if (e.f.length === 1) return P.fact(e.f[0]);
    var box = el("div", "kg-edge");
    box.appendChild(el("h2", null, K.nodeText(e.from) + " \u2192 " + e.label + " \u2192 " + K.nodeText(e.to)));
    kv(box, "Confidence", e.c.toFixed(2));
    e.f.forEach(function (i) {
      var f = DATA.facts[i];
      box.appendChild(P.evidence(f));
      box.appendChild(el("div", "src", K.docTitle(f.doc) + (f.doc >= 0 && DATA.docs[f.doc].date ? ", " + DATA.docs[f.doc].date : "") +
        " \u00b7 confidence " + f.c.toFixed(2) + " \u00b7 " + f.x));
    });
    show(box);
  };
  P.doc = function (d) {
    var doc = DATA.docs[d], box = el("div", "kg-doc");
    box.appendChild(el("h2", null, doc.title));
    if (doc.date) kv(box, "Date", doc.date);
    kv(box, "Identifier", doc.id);
    var ul = section(box, "Entities");
    DATA.nodes.forEach(function (n, i) {
      if (n.docs.indexOf(d) < 0) return;
      var li = el("li");
      li.appendChild(K.button(n.label, null, function () { K.select({t: "n", i: i}, true); }));
      ul.appendChild(li);
    });
    factList(box, DATA.facts.map(function (_, i) { return i; }).filter(function (i) { return DATA.facts[i].doc === d; }), "Facts");
    box.appendChild(K.button("Show all documents", null, function () { K.pickDoc(-1, true); }));
    show(box);
  };
  P.hint = function () {
    details.replaceChildren(el("p", "hint", "Click a node, an edge, a table row or a timeline mark: its facts, " +
      "aliases, documents and evidence appear here."));
  };

  var list = K.byId("kg-doc-list");
  DATA.docs.forEach(function (doc, d) {
    var li = el("li");
    var b = docButton(d);
    b.setAttribute("data-doc", String(d));
    li.appendChild(b);
    list.appendChild(li);
  });
  P.markDoc = function () {
    list.querySelectorAll("button[data-doc]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(Number(b.getAttribute("data-doc")) === K.state.doc));
    });
  };
})(KG);
