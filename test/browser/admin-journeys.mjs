#!/usr/bin/env node
// The admin's journeys in Debian's Chromium, driven by Playwright against
// a real `gazette serve` (issue 5):
//
//   an editor writes and submits; a reviewer returns it with a comment;
//   the editor fixes and resubmits; two levels approve; the article is on
//   the public site and its neighbour links to it; an editor is refused a
//   channel that is not theirs; a forged request without the CSRF token
//   is refused; an expired session is sent to login; hostile text typed
//   into every field never runs, on an admin or a public page.
//
// Every admin page met is also checked with html-validate and axe-core
// (WCAG 2.1 A and AA) at 1280 and 320 px.
//
// Usage: node test/browser/admin-journeys.mjs GAZETTE
// Prints "ok - ..." / "not ok - ..." and "browser-admin: N passed, N failed".
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, renameSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const G = path.resolve(process.argv[2] || "build/gazette");
const T = mkdtempSync(path.join(tmpdir(), "gz-admin-"));
const S = path.join(T, "site");
const CLOCK = path.join(T, "now");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let passed = 0, failed = 0;
const ok = (w) => { passed++; console.log(`ok - ${w}`); };
const notOk = (w, d = []) => { failed++; console.log(`not ok - ${w}`); for (const x of d) console.log(`# ${x}`); };
const check = (c, w, d) => (c ? ok(w) : notOk(w, d ? [d] : []), c);

writeFileSync(CLOCK, "1775000000\n"); // 2026-04-01
const env = { ...process.env, GAZETTE_NOW: "@" + CLOCK, GAZETTE_SCHEDULE_SECONDS: "1" };
const gz = (...a) => execFileSync(G, ["-C", S, ...a], { env, stdio: ["pipe", "pipe", "pipe"] }).toString();
const user = (name, pw, role, ...more) =>
	execFileSync(G, ["-C", S, "user", "add", name, "--role", role, ...more], { env, input: pw + "\n" });
function moveClock(sec) {
	const t = parseInt(readFileSync(CLOCK, "utf8"), 10) + sec;
	writeFileSync(CLOCK + ".new", `${t}\n`);
	renameSync(CLOCK + ".new", CLOCK);
}

// ---- the site ----------------------------------------------------------
gz("init", "--lang", "zh,en", "--title", "测试协会", "--base-url", "https://www.example.org/");
gz("import", "--quiet", path.join(ROOT, "examples/demo/content"));
gz("channel", "edit", "news", "--lang", "zh", "--review-levels", "2");
user("admin", "admin-pass-123", "admin");
user("ed", "editor-pass-1", "editor", "--display-name", "王编辑");
user("head", "review-pass-1", "reviewer");
user("leader", "review-pass-2", "reviewer");
gz("user", "grant", "ed", "--channel", "news", "--can", "edit", "--lang", "zh");
gz("user", "grant", "head", "--channel", "news", "--can", "review", "--level", "1", "--lang", "zh");
gz("user", "grant", "leader", "--channel", "news", "--can", "review", "--level", "2", "--lang", "zh");
gz("build");

let server, browser, browserServer;
async function startServer() {
	server = spawn(G, ["-C", S, "serve", "--listen", "127.0.0.1:0"], { env, stdio: ["ignore", "pipe", "pipe"] });
	let out = "";
	server.stderr.on("data", (d) => process.stderr.write(`# serve: ${d}`));
	return await new Promise((resolve, reject) => {
		const t = setTimeout(() => reject(new Error("the server did not start")), 10000);
		server.stdout.on("data", (d) => {
			out += d;
			const m = /serving .* on (http:\/\/[^/]+)\//.exec(out);
			if (m) { clearTimeout(t); resolve(m[1]); }
		});
	});
}

async function cleanup() {
	try { if (browser) await browser.close(); } catch { /* gone */ }
	try { if (browserServer) await browserServer.close(); } catch { /* gone */ }
	if (server) server.kill("SIGTERM");
	rmSync(T, { recursive: true, force: true });
}

// ---- checks of every admin page met -----------------------------------------
const hvConfig = JSON.parse(readFileSync(path.join(HERE, ".htmlvalidate.json"), "utf8"));
let hv;
const checkedPages = new Set();
async function checkPage(tab, what) {
	const key = what;
	if (checkedPages.has(key)) return;
	checkedPages.add(key);
	if (!hv) {
		const { HtmlValidate, StaticConfigLoader } = await import("html-validate");
		hv = new HtmlValidate(new StaticConfigLoader(hvConfig));
	}
	const html = await (await tab.request.get(tab.url())).text();
	const report = await hv.validateString(html, what + ".html");
	const errs = report.results.flatMap((r) => r.messages.filter((m) => m.severity >= 2));
	check(errs.length === 0, `validator: ${what}`, errs.slice(0, 3).map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`).join("; "));
	for (const vp of [{ w: 1280, h: 800 }, { w: 320, h: 640 }]) {
		await tab.setViewportSize({ width: vp.w, height: vp.h });
		await tab.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
		const res = await tab.evaluate(async (tags) => await axe.run(document, {
			runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }), AXE_TAGS);
		check(res.violations.length === 0, `axe ${vp.w}px: ${what}`,
		    res.violations.slice(0, 3).map((v) => `${v.id} at ${v.nodes[0].target.join(" ")}`).join("; "));
		if (vp.w === 320) {
			const wide = await tab.evaluate(() => document.documentElement.scrollWidth);
			check(wide <= 320, `no sideways scrolling at 320px: ${what}`, `${wide}px wide`);
		}
	}
	await tab.setViewportSize({ width: 1280, height: 800 });
}

// ---- the journeys ----------------------------------------------------------
const XSS = `"><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

async function main() {
	const base = await startServer();
	ok(`server on ${base}`);
	const pw = await import("playwright-core");
	browserServer = await pw.chromium.launchServer({
		executablePath: CHROMIUM, headless: true,
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
	});
	browser = await pw.chromium.connect(browserServer.wsEndpoint());

	const dialogs = [];
	async function session(name, password) {
		// bypassCSP: axe is injected; and hostile text must be harmless by
		// escaping alone, not only thanks to the CSP.
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", bypassCSP: true });
		const tab = await ctx.newPage();
		tab.on("dialog", (d) => { if (d.type() === "alert") dialogs.push(`${name}: ${d.message()}`); d.accept(); });
		tab.on("pageerror", (e) => notOk(`no script errors (${name})`, [e.message]));
		await tab.goto(base + "/admin/");
		check(tab.url().includes("/admin/login"), `${name}: the admin sends to the login page first`);
		await checkPage(tab, "login");
		await tab.fill("#login-name", name);
		await tab.fill("#login-password", password);
		await Promise.all([tab.waitForNavigation(), tab.press("#login-password", "Enter")]);
		check(/\/admin\/?$/.test(new URL(tab.url()).pathname), `${name} logs in with the keyboard`, tab.url());
		return tab;
	}
	const flash = async (tab) => (await tab.locator("[role=status], [role=alert]").allTextContents()).join(" ");
	const noXss = async (tab, where) => {
		const v = await tab.evaluate(() => window.__xss);
		check(v === undefined, `hostile text does not run: ${where}`, `window.__xss = ${v}`);
	};

	// 1. The editor writes and submits.
	const ed = await session("ed", "editor-pass-1");
	await checkPage(ed, "dashboard");
	await ed.goto(base + "/admin/articles/new");
	await checkPage(ed, "article_new");
	const options = await ed.locator("#a-channel option").evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
	check(options.length === 1 && options[0] === "zh/news", "the editor is offered their channel only", options.join(","));
	await ed.selectOption("#a-channel", "zh/news");
	await ed.fill("#a-title", "科协召开学术年会筹备会");
	await ed.fill("#a-author", "王编辑");
	await ed.fill("#a-body", "会议讨论了年会筹备工作。");
	await Promise.all([ed.waitForNavigation(), ed.click("form.article-form button[type=submit], form[action='/admin/articles'] button[type=submit]")]);
	const m = /\/admin\/articles\/(\d+)/.exec(ed.url());
	check(!!m, "the new article's page", ed.url());
	const id = m ? m[1] : "0";
	await checkPage(ed, "article (draft)");
	await Promise.all([ed.waitForNavigation(), ed.click(`form[action$='/${id}/submit'] button`)]);
	check(/送审|审核中|review/i.test(await flash(ed)), "submitted", await flash(ed));

	// 2. The first level returns it with a comment.
	const head = await session("head", "review-pass-1");
	const queue = await head.locator(`a[href='/admin/articles/${id}']`).count();
	check(queue > 0, "the reviewer finds it in the queue on the dashboard");
	await head.goto(`${base}/admin/articles/${id}`);
	await checkPage(head, "article (in review)");
	await head.fill("#return-comment", "请补充会议时间和地点");
	await Promise.all([head.waitForNavigation(), head.click(`form[action$='/${id}/return'] button`)]);
	check((await head.textContent("body")).includes("请补充会议时间和地点"), "the comment is in the history");

	// 3. The editor sees why, fixes and resubmits.
	await ed.goto(`${base}/admin/articles/${id}`);
	check((await ed.textContent("body")).includes("请补充会议时间和地点"), "the editor reads the comment");
	await ed.fill("#a-body", "会议于4月10日在科技馆举行，讨论了年会筹备工作。");
	await Promise.all([ed.waitForNavigation(), ed.click("form.article-form button[type=submit]")]);
	check((await ed.inputValue("#a-body")).includes("4月10日"), "the fix is saved");
	await Promise.all([ed.waitForNavigation(), ed.click(`form[action$='/${id}/submit'] button`)]);

	// 4. Two levels approve; it is on the site, with its neighbour's link.
	await head.goto(`${base}/admin/articles/${id}`);
	await Promise.all([head.waitForNavigation(), head.click(`form[action$='/${id}/approve'] button`)]);
	const leader = await session("leader", "review-pass-2");
	await leader.goto(`${base}/admin/articles/${id}`);
	await Promise.all([leader.waitForNavigation(), leader.click(`form[action$='/${id}/approve'] button`)]);
	const link = await leader.locator("a[href$='.html']").first().getAttribute("href").catch(() => null);
	// Its address on the site (the site's base URL); fetched from the
	// server under test by its path.
	const pub = link && link.startsWith("https://www.example.org/news/") ? new URL(link).pathname : null;
	check(!!pub, "the article's page shows its public address", String(link));
	if (pub) {
		const r = await leader.request.get(base + pub);
		check(r.status() === 200 && (await r.text()).includes("科协召开学术年会筹备会"), "the article is on the public site");
		// The newest earlier article of 新闻动态 now links to it as next.
		const prev = (await r.text()).match(/<a[^>]+rel="prev"[^>]*href="([^"]+)"|<a[^>]+href="([^"]+)"[^>]*rel="prev"/);
		if (prev) {
			const p = prev[1] || prev[2];
			const n = await (await leader.request.get(new URL(p, base + pub).href)).text();
			check(n.includes(pub.split("/").pop()), "its previous article now links to it");
		} else {
			notOk("its page links to a previous article");
		}
	}

	// 5. An editor is refused a channel that is not theirs (even forged).
	const refused = await ed.evaluate(async () => {
		const csrf = document.querySelector("input[name=csrf]").value;
		const body = new URLSearchParams({ csrf, channel: "zh/science-pop", title: "越权" });
		const r = await fetch("/admin/articles", { method: "POST", body, redirect: "follow" });
		return (await r.text()).includes("越权") ? "created?" : r.url;
	});
	check(/error=/.test(refused), "an editor is refused a channel that is not theirs", refused);
	const api = await ed.evaluate(async () => {
		const csrf = document.querySelector("input[name=csrf]").value;
		const r = await fetch("/api/articles", { method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
			body: JSON.stringify({ channel: "science-pop", lang: "zh", title: "越权" }) });
		return r.status;
	});
	check(api === 403, "and through the API", String(api));

	// 6. A forged request without the CSRF token is refused.
	const forged = await ed.evaluate(async (id) => {
		const r = await fetch(`/admin/articles/${id}/withdraw`, { method: "POST", body: new URLSearchParams({}) });
		return r.status;
	}, id);
	check(forged === 403, "a form post without the CSRF token is refused", String(forged));

	// 7. Hostile text typed into every field.
	const adm = await session("admin", "admin-pass-123");
	await adm.goto(base + "/admin/articles/new");
	await adm.selectOption("#a-channel", "zh/notices");
	for (const f of ["#a-title", "#a-subtitle", "#a-author", "#a-source", "#a-summary", "#a-body", "#a-tags"])
		await adm.fill(f, XSS);
	await Promise.all([adm.waitForNavigation(), adm.click("form[action='/admin/articles'] button[type=submit]")]);
	await noXss(adm, "the article's admin page");
	const xid = (/\/admin\/articles\/(\d+)/.exec(adm.url()) || [])[1];
	await Promise.all([adm.waitForNavigation(), adm.click(`form[action$='/${xid}/submit'] button`)]);
	await adm.goto(base + "/admin/articles");
	await noXss(adm, "the article list");
	await checkPage(adm, "articles");
	const xlink = await (await adm.request.get(`${base}/api/articles/${xid}`)).json();
	const xa = xlink.article;
	await adm.goto(`${base}/${xa.channel}/${xa.slug}.html`);
	await noXss(adm, "the public article page");
	await adm.goto(`${base}/${xa.channel}/`);
	await noXss(adm, "the public channel page");
	await adm.goto(base + "/admin/site");
	await checkPage(adm, "site");
	await adm.fill("input[name=org_name]", XSS);
	await Promise.all([adm.waitForNavigation(), adm.click("form[action='/admin/site'] button[type=submit]")]);
	await noXss(adm, "the site settings page");
	await adm.goto(base + "/");
	await noXss(adm, "the public home page (organisation's name)");
	await adm.goto(base + "/admin/users");
	await checkPage(adm, "users");
	await adm.goto(base + "/admin/users/ed");
	await checkPage(adm, "user");
	await adm.goto(base + "/admin/channels");
	await checkPage(adm, "channels");
	await adm.goto(base + "/admin/audit");
	await checkPage(adm, "audit");
	await noXss(adm, "the audit log");
	await adm.goto(base + "/admin/articles/999999");
	await checkPage(adm, "error");
	check(dialogs.length === 0, "no alert ever opened", dialogs.join("; "));

	// 8. An expired session is sent to login.
	moveClock(31 * 60);
	await ed.goto(base + "/admin/articles");
	check(ed.url().includes("/admin/login"), "after 30 idle minutes the editor is sent to log in", ed.url());
	check(new URL(ed.url()).searchParams.get("next") === "/admin/articles", "and comes back where they were");
}

const watchdog = setTimeout(() => { notOk("the journeys finish within 5 minutes"); cleanup().then(() => process.exit(1)); }, 300000);
main().catch((e) => notOk("the journeys ran to the end", [e.stack || String(e)])).finally(async () => {
	clearTimeout(watchdog);
	await cleanup();
	console.log(`browser-admin: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
});
