#!/usr/bin/env node
// Check pages of a published site: html-validate on each page's file, and
// axe-core (WCAG 2.0/2.1 A and AA) in Debian's Chromium at 1280x800 and at
// 320x640, with no horizontal scrolling at 320 px.
//
// Usage: node test/browser/check-pages.mjs [--base-url URL] [--empty-response /PATH/]...
//            [--allow-external] [--timeout SECONDS] DIR PAGE...
//
// DIR is served over HTTP on 127.0.0.1 (a free port); each PAGE is a path
// relative to DIR (index.html, en/index.html, news/x.html, 404.html; a
// folder means its index.html).  --base-url URL: the site's own base URL,
// whose requests are answered from DIR too (for absolute links).  Any
// other request outside DIR is blocked, and fails the page's "load" check
// (the site must stand alone) unless --allow-external, which only notes it.
// --empty-response /api/: requests under that path (a server's API, which a static
// folder cannot answer) get "204 No Content" and are noted, not failed.
// CHROMIUM names the browser (default /usr/bin/chromium).
//
// Prints one line per check, "ok - KIND: PAGE" or "not ok - KIND: PAGE:
// what", details as "# " lines, and closes with "browser: N passed, N
// failed" (N counts those lines).  Exit 0 if all passed, 1 if any failed,
// 2 on a bad command line.  Each page has --timeout seconds (default 60);
// the server and browser are stopped in every case.

import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
	{ name: "1280px", width: 1280, height: 800 },
	{ name: "320px", width: 320, height: 640 },
];
const MAX_NODES = 10; // axe nodes listed per rule and page; the rest counted
const MIME = {
	".html": "text/html; charset=utf-8",
	".htm": "text/html; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8",
	".json": "application/json",
	".xml": "application/xml; charset=utf-8",
	".txt": "text/plain; charset=utf-8",
	".png": "image/png",
	".jpg": "image/jpeg",
	".jpeg": "image/jpeg",
	".gif": "image/gif",
	".webp": "image/webp",
	".avif": "image/avif",
	".svg": "image/svg+xml",
	".ico": "image/x-icon",
	".woff2": "font/woff2",
	".woff": "font/woff",
	".pdf": "application/pdf",
};

let passed = 0;
let failed = 0;
let stopping = false; // once set, checks still running are not reported
function ok(what) {
	if (stopping) return;
	passed++;
	console.log(`ok - ${what}`);
}
function notOk(what, details = []) {
	if (stopping) return;
	failed++;
	console.log(`not ok - ${oneLine(what)}`);
	for (const d of details) console.log(`#   ${oneLine(d)}`);
}
function note(what) {
	console.log(`# ${oneLine(what)}`);
}
function oneLine(s) {
	return String(s).replace(/\s+/g, " ").trim();
}
function usage(msg) {
	if (msg) console.error(`check-pages: ${msg}`);
	console.error(
		"usage: node test/browser/check-pages.mjs [--base-url URL] [--empty-response /PATH/]... [--allow-external] [--timeout SECONDS] DIR PAGE...",
	);
	process.exit(2);
}

// ---- command line -------------------------------------------------------

const argv = process.argv.slice(2);
let baseUrl = null;
let pageTimeout = 60;
let allowExternal = false;
const emptyPrefixes = []; // path prefixes answered "204 No Content" (a server's API)
while (argv.length && argv[0].startsWith("--")) {
	const opt = argv.shift();
	if (opt === "--") break;
	if (opt === "--help" || opt === "-h") usage();
	if (opt === "--allow-external") {
		allowExternal = true;
		continue;
	}
	const val = argv.shift();
	if (val === undefined) usage(`${opt} needs a value`);
	if (opt === "--base-url") {
		try {
			baseUrl = new URL(val).href;
		} catch {
			usage(`--base-url ${val}: not a URL`);
		}
	} else if (opt === "--empty-response") {
		if (!val.startsWith("/")) usage(`--empty-response ${val}: a path such as /api/`);
		emptyPrefixes.push(val);
	} else if (opt === "--timeout") {
		pageTimeout = Number(val);
		if (!(pageTimeout > 0)) usage(`--timeout ${val}: not a positive number`);
	} else {
		usage(`unknown option ${opt}`);
	}
}
if (argv.length < 2) usage("need a folder and at least one page");
const root = path.resolve(argv[0]);
if (!existsSync(root) || !statSync(root).isDirectory())
	usage(`${argv[0]}: no such folder`);
const pages = argv.slice(1).map((p) => p.replace(/^\/+/, ""));

// ---- static server -------------------------------------------------------

// What a URL path names under root: { file, dir } where file is the file to
// send (a folder means its index.html) and dir tells that the path named a
// folder; null if nothing.  Nothing outside root is ever served.
function lookup(urlPath) {
	let rel;
	try {
		rel = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	if (rel.includes("\0")) return null;
	let file = path.resolve(root, "." + path.posix.normalize("/" + rel));
	if (file !== root && !file.startsWith(root + path.sep)) return null;
	try {
		const dir = statSync(file).isDirectory();
		if (dir) file = path.join(file, "index.html");
		return statSync(file).isFile() ? { file, dir } : null;
	} catch {
		return null;
	}
}
function fileFor(urlPath) {
	const l = lookup(urlPath);
	return l ? l.file : null;
}

function serve(req, res) {
	const url = new URL(req.url, "http://127.0.0.1");
	if (req.method !== "GET" && req.method !== "HEAD") {
		res.writeHead(405, { Allow: "GET, HEAD" }).end();
		return;
	}
	const found = lookup(url.pathname);
	if (found && found.dir && !url.pathname.endsWith("/")) {
		res.writeHead(301, { Location: url.pathname + "/" + url.search }).end();
		return;
	}
	let file = found && found.file;
	let status = 200;
	if (!file) {
		status = 404;
		file = fileFor("/404.html");
		if (!file) {
			res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
			return;
		}
	}
	const type = MIME[path.extname(file).toLowerCase()] || "application/octet-stream";
	res.writeHead(status, {
		"Content-Type": type,
		"Content-Length": statSync(file).size,
		"Cache-Control": "no-store",
		"X-Content-Type-Options": "nosniff",
	});
	if (req.method === "HEAD") {
		res.end();
		return;
	}
	createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

function startServer() {
	return new Promise((resolve, reject) => {
		const server = createServer(serve);
		server.on("error", reject);
		server.listen(0, "127.0.0.1", () => resolve(server));
	});
}

// ---- html-validate -------------------------------------------------------

async function validate(page, file) {
	const { HtmlValidate, StaticConfigLoader } = await import("html-validate");
	const config = JSON.parse(readFileSync(path.join(HERE, ".htmlvalidate.json"), "utf8"));
	const hv = new HtmlValidate(new StaticConfigLoader(config));
	const report = await hv.validateFile(file);
	let errors = 0;
	for (const r of report.results) {
		for (const m of r.messages) {
			const where = `${m.line}:${m.column}`;
			if (m.severity >= 2) {
				errors++;
				notOk(`validator: ${page}: ${m.ruleId} at ${where}: ${m.message}`,
				    m.selector ? [`at ${m.selector}`] : []);
			} else {
				note(`validator warning: ${page}: ${m.ruleId} at ${where}: ${m.message}`);
			}
		}
	}
	if (errors === 0) ok(`validator: ${page}`);
}

// ---- the browser ---------------------------------------------------------

function describeNode(n) {
	const out = [];
	for (const c of [...(n.any || []), ...(n.all || []), ...(n.none || [])]) {
		if (c.message && !out.includes(c.message)) out.push(c.message);
	}
	return out.slice(0, 2);
}

// Load one page at one viewport in a fresh context; run axe (and, at 320 px,
// the horizontal-scroll check).  Requests that fail are added to problems.
async function checkView(browser, origin, page, vp, problems, timers) {
	const context = await browser.newContext({
		viewport: { width: vp.width, height: vp.height },
		deviceScaleFactor: 1,
		bypassCSP: true, // so that axe can be injected whatever the page's CSP
		serviceWorkers: "block",
	});
	timers.context = context;
	try {
		await context.route("**/*", async (route) => {
			const u = route.request().url();
			if (u.startsWith(origin + "/")) {
				const p = u.slice(origin.length);
				if (emptyPrefixes.some((s) => p.startsWith(s))) {
					problems.emptied.add(`${route.request().method()} ${p}`);
					return route.fulfill({ status: 204, body: "" });
				}
				return route.continue();
			}
			if (baseUrl && u.startsWith(baseUrl)) {
				const local = origin + "/" + u.slice(baseUrl.length);
				const p = local.slice(origin.length);
				if (emptyPrefixes.some((s) => p.startsWith(s))) {
					problems.emptied.add(`${route.request().method()} ${p}`);
					return route.fulfill({ status: 204, body: "" });
				}
				const resp = await route.fetch({ url: local });
				return route.fulfill({ response: resp });
			}
			if (u.startsWith("data:") || u.startsWith("blob:")) return route.continue();
			problems.external.add(u);
			return route.abort("blockedbyclient");
		});
		const tab = await context.newPage();
		tab.on("pageerror", (e) => problems.errors.add(`script error: ${e.message}`));
		// One problem per URL: an HTTP error status, else how it failed.
		tab.on("requestfailed", (r) => {
			const f = r.failure();
			if (f && /BLOCKED_BY_CLIENT/.test(f.errorText)) return;
			if (!problems.urls.has(r.url())) problems.urls.set(r.url(), f ? f.errorText : "failed");
		});
		tab.on("response", (r) => {
			if (r.status() >= 400) problems.urls.set(r.url(), `HTTP ${r.status()}`);
		});
		const url = origin + "/" + page.split("/").map(encodeURIComponent).join("/");
		const resp = await tab.goto(url, { waitUntil: "load" });
		if (!resp) problems.errors.add(`${url}: no response`);
		await tab.evaluate(() => document.fonts.ready.then(() => true));

		await tab.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
		const results = await tab.evaluate(async (tags) => {
			// eslint-disable-next-line no-undef
			return await axe.run(document, {
				runOnly: { type: "tag", values: tags },
				resultTypes: ["violations", "incomplete"],
			});
		}, AXE_TAGS);
		if (results.violations.length === 0) ok(`axe ${vp.name}: ${page}`);
		for (const v of results.violations) {
			const shown = v.nodes.slice(0, MAX_NODES);
			for (const n of shown) {
				notOk(`axe ${vp.name}: ${page}: ${v.id} (${n.impact || v.impact}) at ${n.target.join(" ")}: ${v.help}`,
				    [...describeNode(n), v.helpUrl]);
			}
			if (v.nodes.length > shown.length)
				note(`axe ${vp.name}: ${page}: ${v.id}: ${v.nodes.length - shown.length} more elements not listed`);
		}
		for (const v of results.incomplete) {
			note(`axe ${vp.name}: ${page}: needs review by hand: ${v.id} on ${v.nodes.length} element(s): ${v.help}`);
		}

		if (vp.width === 320) {
			const o = await tab.evaluate((limit) => {
				const sw = document.documentElement.scrollWidth;
				const sel = (el) => {
					const parts = [];
					for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
						let s = e.localName;
						if (e.id) s += "#" + e.id;
						else if (e.classList.length) s += "." + [...e.classList].slice(0, 2).join(".");
						parts.unshift(s);
						if (e.id || e.localName === "body") break;
					}
					return parts.join(" > ");
				};
				// The outermost elements that stick out of the viewport.
				const out = [];
				for (const el of document.body ? document.body.querySelectorAll("*") : []) {
					const r = el.getBoundingClientRect();
					if (r.width === 0 || (r.right <= limit && r.left >= -1)) continue;
					const p = el.parentElement;
					if (p && p !== document.body && out.some((x) => x.el.contains(el))) continue;
					out.push({ el, w: Math.round(r.width), right: Math.round(r.right) });
					if (out.length >= 5) break;
				}
				return { sw, offenders: out.map((x) => `${sel(x.el)} (width ${x.w}px, right edge ${x.right}px)`) };
			}, vp.width + 1);
			if (o.sw <= vp.width + 1) ok(`overflow 320px: ${page}`);
			else
				notOk(`overflow 320px: ${page}: scrolls sideways, document is ${o.sw}px wide`,
				    o.offenders.map((s) => `sticks out: ${s}`));
		}
	} finally {
		timers.context = null;
		await context.close().catch(() => {});
	}
}

function withTimeout(promise, seconds, what) {
	let t;
	const timeout = new Promise((_, reject) => {
		t = setTimeout(() => reject(new Error(`${what}: timed out after ${seconds} s`)), seconds * 1000);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
}

// ---- main ----------------------------------------------------------------

let server = null;
let browserServer = null; // the Chromium process, owned by us
let browser = null; // our connection to it
let finished = false;

async function cleanup() {
	if (browser) {
		const b = browser;
		browser = null;
		await withTimeout(b.close(), 5, "disconnecting").catch(() => {});
	}
	if (browserServer) {
		// close() ends Chromium and waits for its process to exit; kill()
		// ends its whole process group at once if that takes too long.
		const bs = browserServer;
		browserServer = null;
		await withTimeout(bs.close(), 10, "closing the browser").catch(() => bs.kill());
	}
	if (server) {
		const s = server;
		server = null;
		s.closeAllConnections?.();
		await new Promise((r) => s.close(() => r()));
	}
}

async function finish(code) {
	if (finished) return;
	finished = true;
	stopping = true;
	await cleanup();
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(code);
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
	process.on(sig, () => {
		notOk(`interrupted by ${sig}`);
		finish(1);
	});
}
// A last bound on the whole run: every page's time, and a minute to start.
const watchdog = setTimeout(() => {
	notOk(`check-pages: the whole run took too long; stopped`);
	finish(1);
}, (60 + pages.length * pageTimeout * 1.5) * 1000);
watchdog.unref();

async function main() {
	server = await startServer();
	const origin = `http://127.0.0.1:${server.address().port}`;
	note(`serving ${root} at ${origin}${baseUrl ? ` (and ${baseUrl})` : ""}`);

	// 1. The validator, on the files themselves.
	const files = new Map();
	for (const page of pages) {
		const file = fileFor("/" + page);
		if (!file) {
			notOk(`validator: ${page}: no such page in ${root}`);
			continue;
		}
		files.set(page, file);
		try {
			await withTimeout(validate(page, file), pageTimeout, "validating it");
		} catch (e) {
			notOk(`validator: ${page}: ${e.message}`);
		}
	}

	// 2. The browser.
	let pw;
	try {
		pw = await import("playwright-core");
		// Playwright gives Chromium a new empty profile (--user-data-dir) and
		// removes it on close.  The signals are ours to handle (see below).
		const launching = pw.chromium.launchServer({
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			timeout: 30000,
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		launching.then((bs) => {
			if (finished) bs.kill();
			else browserServer = bs;
		}, () => {});
		await withTimeout(launching, 45, "starting Chromium");
		browser = await withTimeout(pw.chromium.connect(browserServer.wsEndpoint()), 30, "connecting to Chromium");
		note(`chromium ${browser.version()}, axe-core ${require("axe-core/package.json").version}, ` +
		    `html-validate ${require("html-validate/package.json").version}`);
	} catch (e) {
		notOk(`browser: cannot start ${CHROMIUM}: ${e.message.split("\n")[0]}`,
		    ["run scripts/browser-deps (installs Debian's chromium and the npm packages), or set CHROMIUM"]);
		return finish(1);
	}
	for (const page of pages) {
		if (finished) return;
		if (!files.has(page)) continue;
		const problems = { errors: new Set(), urls: new Map(), external: new Set(), emptied: new Set() };
		const timers = { context: null };
		const work = (async () => {
			for (const vp of VIEWPORTS) await checkView(browser, origin, page, vp, problems, timers);
		})();
		try {
			await withTimeout(work, pageTimeout, "checking it");
		} catch (e) {
			// A timeout, or Chromium failing: the page's checks stop here.
			notOk(`browser: ${page}: ${e.message.split("\n")[0]}`);
			work.catch(() => {});
			if (timers.context) await timers.context.close().catch(() => {});
			continue;
		}
		for (const [u, how] of problems.urls) problems.errors.add(`${u}: ${how}`);
		for (const u of problems.emptied) note(`load: ${page}: answered 204 (--empty-response): ${u}`);
		for (const u of problems.external) {
			if (allowExternal) note(`load: ${page}: blocked a request outside the served folder: ${u}`);
			else problems.errors.add(`requests a resource outside the served folder (blocked; see --base-url): ${u}`);
		}
		if (problems.errors.size === 0) ok(`load: ${page}`);
		else for (const e of problems.errors) notOk(`load: ${page}: ${e}`);
	}
	return finish(failed === 0 ? 0 : 1);
}

main().catch((e) => {
	notOk(`check-pages: ${e.stack || e.message}`);
	finish(1);
});
