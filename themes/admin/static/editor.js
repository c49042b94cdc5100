/* Gazette admin: the article editor.  Optional like admin.js: without it
 * (or without Jodit, vendor-jodit.min.js) the body is a plain text area
 * and every form still works.  Driven by attributes the templates write:
 *
 *   textarea[data-editor]      the body; data-convert (URL of
 *                              POST /api/convert), data-media (URL of
 *                              POST /api/media), data-lang ("zh", "en"),
 *                              data-msg-images-dropped, data-msg-upload-failed,
 *                              data-msg-library(-empty, -hint), data-msg-close
 *   form[data-autosave="URL"]  saved to URL (POST /api/articles/ID) every
 *                              data-autosave-seconds (30) while it has
 *                              unsaved changes; data-msg-autosaved ("{t}":
 *                              the time)
 *   [data-editor-status]       where the editor says what it did
 *
 * In "html" format the body is edited in Jodit, a rich-text editor; in
 * "markdown" format in the text area.  Switching converts: HTML to
 * Markdown with Turndown in the page, Markdown to HTML on the server
 * (the same rendering publishing uses).  What is pasted from Word or WPS
 * (any pasted HTML) goes to the server first, which keeps headings,
 * lists, tables, bold/italic and links, and keeps pasted images in the
 * media library;
 * images dropped or chosen in the editor are uploaded there too.  The
 * server cleans every body again when it is saved, whatever is sent.
 */
(function () {
	"use strict";

	var ta = document.querySelector("textarea[data-editor]");
	if (!ta || !window.fetch || !window.FormData)
		return;
	var form = ta.form;
	var csrfInput = form && form.querySelector("input[name=csrf]");
	var csrf = csrfInput ? csrfInput.value : "";
	var radios = form ? form.querySelectorAll("input[name=format]") : [];
	var status = document.querySelector("[data-editor-status]");
	var jodit = null;

	function say(msg) {
		if (!status)
			return;
		status.textContent = msg || "";
		status.hidden = !msg;
	}

	function format() {
		var f = "markdown";
		Array.prototype.forEach.call(radios, function (r) {
			if (r.checked)
				f = r.value;
		});
		return f;
	}

	/* Tell admin.js (unsaved changes) that the body changed. */
	function changed() {
		ta.dispatchEvent(new Event("input", { bubbles: true }));
	}

	function answer(r) {
		return r.json().then(function (j) {
			if (!r.ok)
				throw new Error(j.error || String(r.status));
			return j;
		});
	}

	function postJSON(url, body) {
		return fetch(url, {
			method: "POST", credentials: "same-origin",
			headers: { "X-CSRF-Token": csrf,
			    "Content-Type": "application/json" },
			body: JSON.stringify(body)
		}).then(answer);
	}

	function upload(blob, name) {
		var fd = new FormData();
		fd.append("file", blob, name);
		return fetch(ta.getAttribute("data-media"), {
			method: "POST", credentials: "same-origin",
			headers: { "X-CSRF-Token": csrf }, body: fd
		}).then(answer);
	}

	function dataURIBlob(uri) {
		var comma = uri.indexOf(","), meta = uri.slice(5, comma);
		var bin = atob(uri.slice(comma + 1)), bytes = new Uint8Array(bin.length);
		for (var i = 0; i < bin.length; i++)
			bytes[i] = bin.charCodeAt(i);
		return new Blob([bytes], { type: meta.split(";")[0] });
	}

	/* The names of the files chosen or dropped into the editor, in
	 * order: Jodit gives their images to us as data: URLs, nameless, and
	 * the library lists files by name. */
	var names = [];
	function noteFiles(list) {
		Array.prototype.forEach.call(list || [], function (f) {
			if (/^image\//.test(f.type))
				names.push(f.name);
		});
	}
	document.addEventListener("change", function (ev) {
		var t = ev.target;
		if (t && t.type === "file" && t.closest &&
		    t.closest(".jodit, .jodit-popup, .jodit-dialog"))
			noteFiles(t.files);
	}, true);
	document.addEventListener("drop", function (ev) {
		var t = ev.target;
		if (t && t.closest && t.closest(".jodit") && ev.dataTransfer)
			noteFiles(ev.dataTransfer.files);
	}, true);

	/* Images the editor holds as data: URLs (dropped, chosen, pasted)
	 * go to the media library; their src becomes the library's. */
	function relinkImages() {
		if (!jodit)
			return;
		var imgs = jodit.editor.querySelectorAll("img[src^='data:']");
		Array.prototype.forEach.call(imgs, function (img) {
			if (img.getAttribute("data-uploading"))
				return;
			img.setAttribute("data-uploading", "1");
			/* Until the author describes it (the checks ask for it). */
			if (!img.hasAttribute("alt"))
				img.setAttribute("alt", "");
			var blob;
			try {
				blob = dataURIBlob(img.getAttribute("src"));
			} catch (e) {
				img.remove();
				return;
			}
			upload(blob, names.shift() ||
			    "pasted." + (blob.type.split("/")[1] || "png"))
			    .then(function (j) {
				img.setAttribute("src", j.media.url);
				if (j.media.srcset)
					img.setAttribute("srcset", j.media.srcset);
				img.removeAttribute("data-uploading");
				sync();
				changed();
			}).catch(function (e) {
				img.removeAttribute("data-uploading");
				say((ta.getAttribute("data-msg-upload-failed") || "{e}")
				    .replace("{e}", e.message));
			});
		});
	}

	/* The text area gets what the editor holds now (Jodit copies it
	 * only a moment after each change). */
	function sync() {
		if (jodit)
			ta.value = jodit.value;
	}

	function msg(name, dflt) {
		return ta.getAttribute("data-msg-" + name) || dflt;
	}

	/*
	 * Word and WPS put a pasted document's pictures on the clipboard as
	 * files on the author's disk (file:///C:/.../clip_image002.jpg),
	 * which no server can read, and again inside the RTF flavour as hex
	 * (\pict ... \pngblip or \jpegblip).  Those pictures, in order, are
	 * the HTML's file: images, in order (the WMF copies Word adds for old
	 * readers are skipped): each file: src becomes a data: URL, which the
	 * server keeps in the media library.  As CKEditor's paste-from-Office
	 * does.
	 */
	var PICT_HEAD = /\{\\pict[\s\S]+?\\bliptag-?\d+(\\blipupi-?\d+)?(\{\\\*\\blipuid\s?[\da-fA-F]+)?[\s}]*?/;
	var PICT = new RegExp("(?:(" + PICT_HEAD.source + "))([\\da-fA-F\\s]+)\\}", "g");

	function rtfPictures(rtf) {
		var out = [];
		(rtf.match(PICT) || []).forEach(function (p) {
			var type = p.indexOf("\\pngblip") >= 0 ? "image/png" :
			    p.indexOf("\\jpegblip") >= 0 ? "image/jpeg" : null;
			if (!type)
				return;
			var hex = p.replace(PICT_HEAD, "").replace(/[^\da-fA-F]/g, "");
			var bin = "";
			for (var i = 0; i + 1 < hex.length; i += 2)
				bin += String.fromCharCode(parseInt(hex.substr(i, 2), 16));
			out.push("data:" + type + ";base64," + btoa(bin));
		});
		return out;
	}

	function inlineRtfPictures(html, rtf) {
		if (!rtf || !/<img\b[^>]*\ssrc=["']?file:/i.test(html))
			return html;
		var pics = rtfPictures(rtf);
		return html.replace(/(<img\b[^>]*?\ssrc=)(["'])(file:[^"']*)\2/gi,
		    function (all, head, q) {
			return pics.length ? head + q + pics.shift() + q : all;
		});
	}

	/* The media library's images, to insert one: a <dialog> of buttons,
	 * each a thumbnail and the file's name. */
	function openLibrary() {
		var dlg = document.createElement("dialog");
		dlg.className = "media-picker";
		dlg.setAttribute("aria-labelledby", "media-picker-h");
		var h = document.createElement("h2");
		h.id = "media-picker-h";
		h.textContent = msg("library", "Media library");
		var hint = document.createElement("p");
		hint.className = "hint";
		hint.textContent = msg("library-hint", "");
		var list = document.createElement("ul");
		var close = document.createElement("button");
		close.type = "button";
		close.className = "button";
		close.textContent = msg("close", "Close");
		close.addEventListener("click", function () { dlg.close(); });
		var chosen = null;
		/* Closed: the cursor back where it was, and the image chosen
		 * (if one was) put there. */
		dlg.addEventListener("close", function () {
			dlg.remove();
			jodit.s.restore();
			if (!chosen)
				return;
			var el = jodit.createInside.element("img");
			el.setAttribute("src", chosen.url);
			el.setAttribute("alt", "");
			jodit.s.insertNode(el);
			sync();
			changed();
		});
		dlg.append(h, hint, list, close);
		document.body.appendChild(dlg);
		jodit.s.save();
		fetch(ta.getAttribute("data-media") + "?kind=image&per_page=60", {
			credentials: "same-origin"
		}).then(answer).then(function (j) {
			if (!j.media.length)
				hint.textContent = msg("library-empty", "");
			j.media.forEach(function (m) {
				var li = document.createElement("li");
				var b = document.createElement("button");
				b.type = "button";
				var img = document.createElement("img");
				img.src = (m.srcset || m.url).split(" ")[0];
				img.alt = "";
				var name = document.createElement("span");
				name.textContent = m.name;
				b.append(img, name);
				b.addEventListener("click", function () {
					chosen = m;
					dlg.close();
				});
				li.appendChild(b);
				list.appendChild(li);
			});
			var first = list.querySelector("button");
			if (first)
				first.focus();
		}).catch(function (e) {
			hint.textContent = e.message;
		});
		dlg.showModal();
	}

	function startJodit() {
		if (jodit || !window.Jodit)
			return;
		var zh = (ta.getAttribute("data-lang") || "").indexOf("zh") === 0;
		jodit = window.Jodit.make(ta, {
			language: zh ? "zh_cn" : "en",
			toolbarAdaptive: true,
			height: 480,
			buttons: ["paragraph", "bold", "italic", "underline", "|",
			    "ul", "ol", "outdent", "indent", "|", "table", "link",
			    "image", "library", "hr", "|", "align", "undo", "redo",
			    "|", "source", "fullsize"],
			controls: {
				library: {
					icon: "folder",
					tooltip: msg("library", "Media library"),
					exec: openLibrary
				}
			},
			sourceEditor: "area",
			askBeforePasteHTML: false,
			/* Pasted HTML comes to our beforePaste (Jodit's own
			 * processing would take it first). */
			processPasteHTML: false,
			askBeforePasteFromWord: false,
			defaultActionOnPaste: "insert_as_html",
			uploader: { insertImageAsBase64URI: true },
			showXPathInStatusbar: false,
			disablePlugins: ["speech-recognize", "ai-assistant", "powered-by-jodit"]
		});
		/* Pasted HTML (Word, WPS, web pages) is cleaned by the server
		 * before it lands: what the editor shows is what is kept. */
		jodit.e.on("beforePaste", function (ev) {
			var cd = ev && ev.clipboardData;
			var html = cd && cd.getData("text/html");
			if (!html)
				return;
			html = inlineRtfPictures(html, cd.getData("text/rtf"));
			postJSON(ta.getAttribute("data-convert"), {
				from: "html", body: html
			}).then(function (j) {
				jodit.s.insertHTML(j.html);
				sync();
				changed();
				if (j.images_dropped > 0)
					say((ta.getAttribute("data-msg-images-dropped") ||
					    "{n}").replace("{n}", String(j.images_dropped)));
			}).catch(function (e) {
				say(e.message);
			});
			return false;
		});
		jodit.e.on("change", function () {
			changed();
			relinkImages();
		});
		/* Jodit writes the body back in its own words (quotes, line
		 * breaks): that is not a change of the user's. */
		sync();
		form.dispatchEvent(new Event("gz:baseline"));
	}

	function stopJodit() {
		if (!jodit)
			return;
		sync();
		jodit.destruct();
		jodit = null;
	}

	function onFormat() {
		var f = format();
		if (f === "html" && !jodit) {
			/* Markdown to HTML, as publishing renders it. */
			postJSON(ta.getAttribute("data-convert"), {
				from: "markdown", body: ta.value
			}).then(function (j) {
				ta.value = j.html;
				startJodit();
				changed();
			}).catch(function (e) {
				say(e.message);
			});
		} else if (f === "markdown" && jodit) {
			stopJodit();
			if (window.TurndownService) {
				var td = new window.TurndownService({
					headingStyle: "atx", bulletListMarker: "-",
					codeBlockStyle: "fenced"
				});
				if (window.turndownPluginGfm)
					td.use(window.turndownPluginGfm.gfm);
				ta.value = td.turndown(ta.value);
			}
			changed();
		}
	}

	Array.prototype.forEach.call(radios, function (r) {
		r.addEventListener("change", onFormat);
	});
	/* Jodit copies its content into the text area a moment after each
	 * change: a form sent at once (Ctrl+S after typing) must not lose
	 * the last words. */
	if (form)
		form.addEventListener("submit", sync, true);
	if (format() === "html")
		startJodit();

	/* ---- autosave ---- */
	var saveUrl = form && form.getAttribute("data-autosave");
	var saving = false, last = null;

	function snapshot() {
		var s = [];
		new FormData(form).forEach(function (v, k) {
			s.push(k + "=" + v);
		});
		return s.join("&");
	}

	/* Save what is unsaved; a promise of when it is done (at once when
	 * nothing is unsaved). */
	function autosave() {
		sync();
		var now = snapshot();
		if (saving || now === last)
			return Promise.resolve();
		var body = new URLSearchParams(new FormData(form));
		body.set("note", "autosave");
		saving = true;
		return fetch(saveUrl, {
			method: "POST", credentials: "same-origin",
			headers: { "X-CSRF-Token": csrf }, body: body
		}).then(answer).then(function () {
			last = now;
			form.dispatchEvent(new Event("gz:saved"));
			var t = new Date();
			say((form.getAttribute("data-msg-autosaved") || "{t}").replace("{t}",
			    String(t.getHours()).padStart(2, "0") + ":" +
			    String(t.getMinutes()).padStart(2, "0")));
		}).catch(function (e) {
			say(e.message);
		}).then(function () {
			saving = false;
		});
	}

	if (saveUrl) {
		last = snapshot();
		window.setInterval(autosave, 1000 * (parseInt(
		    form.getAttribute("data-autosave-seconds"), 10) || 30));
	}

	/* Preview what is in the editor: save it first.  The window opens
	 * at once (a popup blocker allows it only on the click) and goes to
	 * the preview when the save is done. */
	var preview = document.getElementById("preview-link");
	if (preview && saveUrl)
		preview.addEventListener("click", function (ev) {
			sync();
			if (snapshot() === last)
				return;
			ev.preventDefault();
			var w = window.open("about:blank", "_blank");
			autosave().then(function () {
				if (w)
					w.location = preview.href;
				else
					window.location = preview.href;
			});
		});
})();
