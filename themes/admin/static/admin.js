/* Gazette admin: optional niceties.  Every page works without this file;
 * it only adds, driven by data- attributes that the templates write (all
 * messages come from the page, already in the interface language):
 *
 *   form[data-confirm="…"]         confirm() before the form is sent
 *   form[data-dirty-warn]          count unsaved changes in its
 *                                  [data-dirty-note] (data-msg, "{n}"), and
 *                                  have the browser ask before leaving
 *                                  with them; Ctrl/Cmd+S submits it
 *   form[data-check-dirty]         confirm (data-msg-dirty) when another
 *                                  form on the page has unsaved changes
 *   form[data-require-text="NAME"] the field NAME must hold more than
 *                                  blanks (data-msg-required)
 *   [data-js-only][hidden]         shown once this script runs
 *   form "gz:saved" event          what the form holds is now stored
 *                                  (editor.js autosaved it)
 *
 * A form is sent once: a second submit while the first is on its way is
 * ignored.  Nothing is fetched; no inline code, so a strict CSP holds.
 */
(function () {
	"use strict";

	if (!document.querySelector || !window.addEventListener)
		return;

	document.documentElement.classList.add("js");

	var dirtyForms = [];

	function each(selector, fn) {
		Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
	}

	function fields(form) {
		return Array.prototype.filter.call(form.elements, function (el) {
			return el.name && el.type !== "hidden" && el.type !== "submit" &&
			    el.type !== "button" && !el.disabled;
		});
	}

	function value(el) {
		if (el.type === "checkbox" || el.type === "radio")
			return el.checked ? "1" : "0";
		if (el.tagName === "SELECT")
			return Array.prototype.map.call(el.options, function (o) {
				return o.selected ? "1" : "0";
			}).join("");
		return el.value;
	}

	/* ---- unsaved changes ---- */

	function trackDirty(form) {
		var initial = new Map();
		var note = form.querySelector("[data-dirty-note]");
		var state = { form: form, count: 0, sending: false };

		fields(form).forEach(function (el) {
			initial.set(el, value(el));
		});

		function update() {
			var n = 0;
			initial.forEach(function (v, el) {
				if (value(el) !== v)
					n++;
			});
			state.count = n;
			if (note) {
				if (n > 0) {
					note.textContent = (note.getAttribute("data-msg") || "{n}")
					    .replace("{n}", String(n));
					note.hidden = false;
				} else {
					note.hidden = true;
					note.textContent = "";
				}
			}
		}

		form.addEventListener("input", update);
		form.addEventListener("change", update);
		/* editor.js saved the form in the background (autosave), or
		 * its editor rewrote the body as it loaded: what it holds now
		 * is what is stored. */
		function baseline() {
			fields(form).forEach(function (el) {
				initial.set(el, value(el));
			});
			update();
		}
		form.addEventListener("gz:saved", baseline);
		form.addEventListener("gz:baseline", baseline);
		form.addEventListener("submit", function (ev) {
			if (!ev.defaultPrevented)
				state.sending = true;
		});
		dirtyForms.push(state);
	}

	function unsaved(except) {
		return dirtyForms.some(function (s) {
			return s.form !== except && s.count > 0 && !s.sending;
		});
	}

	window.addEventListener("beforeunload", function (ev) {
		if (!unsaved(null))
			return;
		ev.preventDefault();
		/* Older browsers want a string; they show their own text anyway. */
		ev.returnValue = "";
		return "";
	});

	/* ---- checks before sending ---- */

	function onSubmit(ev) {
		var form = ev.target;
		if (!(form instanceof HTMLFormElement))
			return;

		if (form.getAttribute("data-sending") === "1") {
			ev.preventDefault();
			return;
		}

		var req = form.getAttribute("data-require-text");
		if (req && form.elements[req]) {
			var el = form.elements[req];
			if (el.value.trim() === "") {
				ev.preventDefault();
				el.setCustomValidity(form.getAttribute("data-msg-required") || " ");
				el.reportValidity();
				el.focus();
				return;
			}
		}

		var dropping = form.hasAttribute("data-check-dirty") && unsaved(form);
		if (dropping &&
		    !window.confirm(form.getAttribute("data-msg-dirty") || "?")) {
			ev.preventDefault();
			return;
		}

		var msg = form.getAttribute("data-confirm");
		if (msg && !window.confirm(msg)) {
			ev.preventDefault();
			return;
		}

		/* The user chose to drop the changes: the browser need not ask. */
		if (dropping)
			dirtyForms.forEach(function (s) { s.sending = true; });

		/* Let the other listeners (trackDirty) see the outcome, then mark. */
		window.setTimeout(function () {
			if (!ev.defaultPrevented) {
				form.setAttribute("data-sending", "1");
				form.classList.add("is-submitting");
			}
		}, 0);
	}

	/* A form that is sent and then shown again from the back-forward cache
	 * must work again. */
	window.addEventListener("pageshow", function (ev) {
		if (!ev.persisted)
			return;
		each("form[data-sending]", function (f) {
			f.removeAttribute("data-sending");
			f.classList.remove("is-submitting");
		});
		dirtyForms.forEach(function (s) { s.sending = false; });
	});

	function init() {
		document.addEventListener("submit", onSubmit, true);

		each("form[data-dirty-warn]", trackDirty);

		each("form[data-require-text]", function (form) {
			var el = form.elements[form.getAttribute("data-require-text")];
			if (el)
				el.addEventListener("input", function () {
					el.setCustomValidity("");
				});
		});

		each("[data-js-only][hidden]", function (el) {
			el.hidden = false;
		});

		/* Ctrl+S / Cmd+S saves the page's main form instead of the page. */
		var main = document.querySelector("form[data-dirty-warn]");
		if (main)
			document.addEventListener("keydown", function (ev) {
				if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && !ev.shiftKey &&
				    (ev.key === "s" || ev.key === "S")) {
					ev.preventDefault();
					if (typeof main.requestSubmit === "function")
						main.requestSubmit();
					else
						main.submit();
				}
			});

		/* Opening the site switcher closes it again on Escape. */
		each("details.site-switch", function (d) {
			d.addEventListener("keydown", function (ev) {
				if (ev.key === "Escape" && d.open) {
					d.open = false;
					d.querySelector("summary").focus();
				}
			});
		});
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", init);
	else
		init();
})();
