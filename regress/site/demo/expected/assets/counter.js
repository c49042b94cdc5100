/* Gazette visit counter: optional progressive enhancement.
   Without it the page shows "—" (and the <noscript> pixel still counts).
   <span data-counter data-counter-url="/api/visit?id=123">—</span>
   POSTs to the URL; the answer may be {"count": N}, {"visits": N}, a bare
   number in JSON or plain text. Any failure leaves the dash in place. */
(function () {
  "use strict";
  var d = document;

  var btn = d.querySelector("[data-print]");
  if (btn && window.print) {
    btn.hidden = false;
    btn.addEventListener("click", function () { window.print(); });
  }

  var el = d.querySelector("[data-counter][data-counter-url]");
  if (!el || !window.fetch) return;
  var url = el.getAttribute("data-counter-url");
  if (!url || location.protocol === "file:") return;

  fetch(url, { method: "POST", credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
    .then(function (t) {
      var n;
      try {
        var j = JSON.parse(t);
        n = typeof j === "number" ? j : (j && (j.count != null ? j.count : j.visits));
      } catch (e) { n = parseInt(t, 10); }
      n = Number(n);
      if (isFinite(n) && n >= 0) {
        el.textContent = n.toLocaleString(d.documentElement.lang || undefined);
      }
    })
    .catch(function () { /* counters pause when the server is down; keep "—" */ });
})();
