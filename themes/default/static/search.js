/* The search field of every page. The site's index (search.json, written by
   `mentorfolio build`) is fetched from the site itself the first time the field is used,
   then searched here, in the reader's browser: nothing is sent anywhere. On a protected
   site the index is sealed like the pages and opened with the key the lock screen kept.
   Without this script the form leads to the list of meetings. */
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  var box = document.getElementById("site-search-results");
  if (!form || !box || !window.fetch || !String.prototype.normalize) return;
  var input = form.querySelector("input[type=search]");
  var SHOWN = 20; /* base.html says the same number in data-first */
  var docs = null;
  var complete = false;
  var loading = null;
  var timer = 0;
  /* The sentences, in the site's language, from the form's data- attributes. */
  function phrase(name) { return form.getAttribute("data-" + name) || ""; }

  /* Letters without accents, in lower case: "Résumé" finds "resume" and back. */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function bytes(b64) {
    var s = atob(b64), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  }
  async function unseal(sealed) {
    var name = form.getAttribute("data-key"), raw = null;
    try { raw = sessionStorage.getItem(name) || localStorage.getItem(name); } catch (e) { raw = null; }
    if (!raw) throw new Error("locked");
    var key = await crypto.subtle.importKey("raw", bytes(raw), "AES-GCM", false, ["decrypt"]);
    var clear = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(sealed.nonce) }, key, bytes(sealed.data));
    return JSON.parse(new TextDecoder().decode(clear));
  }
  function fetched(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      })
      .then(function (data) { return form.hasAttribute("data-key") ? unseal(data) : data; });
  }
  /* The manifest, then each part, newest first; every part searched as it arrives. */
  function load() {
    if (!loading) {
      docs = [];
      loading = fetched(form.getAttribute("data-index")).then(async function (manifest) {
        for (var i = 0; i < manifest.parts.length; i++) {
          var list = await fetched(manifest.parts[i]);
          list.forEach(function (d) {
            docs.push({ url: d[0], title: d[1], date: d[2], kind: d[3], text: d[4], words: fold(d[1] + "\n" + d[4]) });
          });
          complete = i + 1 === manifest.parts.length;
          if (input.value) show(input.value);
        }
        complete = true;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }
  function words(query) {
    return fold(query).split(/\s+/).filter(function (w) { return w.length > 0; });
  }
  /* The stretch of text around the first word found, with that word marked. */
  function passage(text, ws) {
    var folded = fold(text), at = -1, len = 0;
    ws.forEach(function (w) {
      var i = folded.indexOf(w);
      if (i >= 0 && (at < 0 || i < at)) { at = i; len = w.length; }
    });
    if (at < 0) return [clip(text, 0, 160), "", ""];
    if (folded.length !== text.length) {
      /* Folding changed lengths (a letter and its accent): map back letter by letter. */
      var map = [];
      for (var k = 0; k < text.length; k++) {
        for (var n = fold(text[k]).length; n > 0; n--) map.push(k);
      }
      var end = at + len < map.length ? map[at + len] : text.length;
      at = map[at];
      len = end - at;
    }
    var from = Math.max(0, at - 70), to = Math.min(text.length, at + len + 90);
    /* Whole words only: a cut moves to the nearest space inside the passage. */
    if (from > 0) { var s = text.indexOf(" ", from - 1); if (s >= 0 && s < at) from = s + 1; }
    if (to < text.length) { var e = text.lastIndexOf(" ", to); if (e > at + len) to = e; }
    return [(from > 0 ? "…" : "") + text.slice(from, at), text.slice(at, at + len), text.slice(at + len, to) + (to < text.length ? "…" : "")];
  }
  function clip(text, from, to) {
    if (to >= text.length) return text;
    var e = text.lastIndexOf(" ", to);
    return text.slice(from, e > from ? e : to) + "…";
  }
  function element(tag, text) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    return e;
  }
  function say(message) {
    box.replaceChildren(element("p", message));
    box.hidden = false;
  }
  function show(query) {
    var ws = words(query);
    if (ws.length === 0) { box.hidden = true; box.replaceChildren(); return; }
    var found = docs.filter(function (d) {
      return ws.every(function (w) { return d.words.indexOf(w) >= 0; });
    });
    var more = complete ? "" : " " + phrase("more");
    if (found.length === 0) { say(phrase(complete ? "none" : "none-yet") + more); return; }
    var count = (found.length === 1 ? phrase("one") : phrase("many").replace("{n}", found.length)) + more;
    if (found.length > SHOWN) count += " " + phrase("first");
    var list = element("ol");
    found.slice(0, SHOWN).forEach(function (d) {
      var item = element("li");
      var link = element("a", d.title);
      link.href = d.url;
      item.appendChild(link);
      var meta = [d.kind, d.date].filter(Boolean).join(", ");
      item.appendChild(document.createTextNode(" (" + meta + ")"));
      var p = passage(d.text, ws);
      var quote = element("p", p[0]);
      if (p[1]) quote.appendChild(element("mark", p[1]));
      quote.appendChild(document.createTextNode(p[2]));
      item.appendChild(quote);
      list.appendChild(item);
    });
    box.replaceChildren(element("p", count), list);
    box.hidden = false;
  }
  function search() {
    if (docs && docs.length) show(input.value);
    load().then(function () { show(input.value); }, function (err) {
      say(phrase(err && err.message === "locked" ? "locked" : "failed"));
    });
  }
  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; box.hidden = true; box.replaceChildren(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search();
  });
  if (input.value) search();
})();
