#!/usr/bin/env node
// The admin's journeys in Debian's Chromium, driven by Playwright against
// a real `gazette serve` (issue 5):
//
//   an editor writes and submits; a reviewer returns it with a comment;
//   the editor fixes and resubmits; two levels approve; the article is on
//   the public site and its neighbour links to it; an editor is refused a
//   channel that is not theirs; a forged request without the CSRF token
//   is refused; an expired session is sent to login; hostile text typed
//   into every field never runs, on an admin or a public page;
//   (issue 6) an editor pastes a Word document into the rich-text
//   editor, uploads an image, previews the article in the site's theme
//   and submits it; leaving with unsaved changes asks first.
//
// Every admin page met is also checked with html-validate and axe-core
// (WCAG 2.1 A and AA) at 1280 and 320 px.
//
// Usage: node test/browser/admin-journeys.mjs GAZETTE
// Prints "ok - ..." / "not ok - ..." and "browser-admin: N passed, N failed".
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, renameSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { deflateSync } from "node:zlib";
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

// A real PNG of w x h pixels of one colour.
function png(w, h, rgb) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
	const chunk = (kind, data) => {
		const len = Buffer.alloc(4), sum = Buffer.alloc(4), kd = Buffer.concat([Buffer.from(kind), data]);
		len.writeUInt32BE(data.length);
		sum.writeUInt32BE(crc(kd));
		return Buffer.concat([len, kd, sum]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; ihdr[9] = 2;
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill(rgb).flat())]);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr),
		chunk("IDAT", deflateSync(Buffer.concat(Array(h).fill(row)))), chunk("IEND", Buffer.alloc(0))]);
}

// What Word 2016 puts on the clipboard for a short notice: a title, a
// numbered list, bold and italic runs, a link, a table, and its noise.
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40"><head><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:等线;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->
<p class=MsoTitle><span style='font-family:黑体'>关于举办科普讲座的通知<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:仿宋_GB2312'>各会员单位：<o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span style='font-family:仿宋_GB2312'>时间：5月18日<o:p></o:p></span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span style='font-family:仿宋_GB2312'>地点：科技馆<o:p></o:p></span></p>
<p class=MsoNormal><span lang=EN-US><!--[if gte vml 1]><v:shape id="Picture_x0020_1" type="#_x0000_t75" style='width:90pt;height:60pt'><v:imagedata src="file:///C:/Users/wang/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" o:title=""/></v:shape><![endif]--><![if !vml]><img width=120 height=80 src="file:///C:/Users/wang/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png" alt="讲座会场" v:shapes="Picture_x0020_1"><![endif]></span></p>
<p class=MsoNormal><b><span style='font-family:仿宋_GB2312'>请准时参加</span></b><i><span lang=EN-US>Welcome</span></i>，详见<a href="https://www.example.org/notice.html"><span style='color:#0563C1'>通知原文</span></a>。</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr><td width=100 valign=top style='width:75pt;border:solid windowtext 1.0pt'><p class=MsoNormal><span style='font-family:仿宋_GB2312'>单位</span></p></td>
<td width=100 valign=top style='width:75pt'><p class=MsoNormal><span style='font-family:仿宋_GB2312'>人数</span></p></td></tr></table>
<!--EndFragment--></body></html>`;

// The RTF Word puts beside it: the picture as hex, and a WMF copy for
// old readers (skipped).
const WORD_RTF = "{\\rtf1\\ansi{\\*\\shppict{\\pict{\\*\\picprop}\\picw3175\\pich2117\\picwgoal1800\\pichgoal1200\\pngblip\\bliptag-1524711130{\\*\\blipuid a51e5e26b1f0a4e4a3f7c0b4f1e2d3c4}" +
	png(120, 80, [200, 120, 30]).toString("hex").replace(/(.{128})/g, "$1\r\n") +
	"}}{\\nonshppict{\\pict\\picw3175\\pich2117\\wmetafile8\\bliptag-1524711130 010009000003}}}";

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
		tab.on("dialog", (d) => { if (process.env.GZ_DEBUG) console.log(`# dialog ${d.type()}: ${d.message()}`); if (d.type() === "alert") dialogs.push(`${name}: ${d.message()}`); d.accept(); });
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
	// The body: typed into the rich-text editor, or the text area
	// without it.
	async function typeBody(tab, text) {
		const rich = tab.locator(".jodit-wysiwyg");
		if (await rich.count()) {
			await rich.click();
			await tab.keyboard.press("Control+A");
			await tab.keyboard.press("Delete");
			await tab.keyboard.insertText(text);
		} else {
			await tab.fill("#a-body", text);
		}
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
	await typeBody(ed, "会议讨论了年会筹备工作。");
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
	await typeBody(ed, "会议于4月10日在科技馆举行，讨论了年会筹备工作。");
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
	for (const f of ["#a-title", "#a-subtitle", "#a-author", "#a-source", "#a-summary", "#a-tags"])
		await adm.fill(f, XSS);
	await typeBody(adm, XSS);
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

	// 8. The editor (issue 6): paste from Word, an image, preview, submit.
	await ed.goto(base + "/admin/articles/new");
	await ed.selectOption("#a-channel", "zh/news");
	await ed.fill("#a-title", "关于举办科普讲座的通知");
	await ed.waitForSelector(".jodit-wysiwyg");
	check(!(await ed.isVisible("#a-body")), "the body is written in the rich-text editor");
	await ed.locator(".jodit-wysiwyg").click();
	await ed.evaluate(([html, rtf]) => {
		const dt = new DataTransfer();
		dt.setData("text/html", html);
		dt.setData("text/rtf", rtf);
		dt.setData("text/plain", "关于举办科普讲座的通知");
		document.querySelector(".jodit-wysiwyg").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
	}, [WORD, WORD_RTF]);
	const pasted = await ed.waitForFunction(() => {
		const h = document.querySelector(".jodit-wysiwyg").innerHTML;
		return h.includes("<table") && h;
	}, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => "");
	check(/<h1>关于举办科普讲座的通知<\/h1>/.test(pasted) && /<ol><li>时间：5月18日<\/li>\s*<li>地点：科技馆<\/li><\/ol>/.test(pasted) &&
	    pasted.includes("<strong>请准时参加</strong>") && pasted.includes("<em>Welcome</em>") &&
	    pasted.includes('<a href="https://www.example.org/notice.html">通知原文</a>') && /<td>单位<\/td>/.test(pasted),
	    "a Word paste keeps its heading, list, bold, italic, link and table", pasted.slice(0, 400));
	check(!/mso|Mso|class=|font-family|<o:p|<span/.test(pasted), "and drops Word's styles, classes and spans", pasted.slice(0, 400));
	check(/<img [^>]*src="\/media\/[0-9a-f]{64}\.png"[^>]*>/.test(pasted) && /alt="讲座会场"/.test(pasted) && !pasted.includes("file:"),
	    "the document's picture, read from the clipboard's RTF, is in the media library", (pasted.match(/<img[^>]*>/g) || []).join(" "));
	// An image chosen with the editor's image button goes to the library.
	await ed.locator(".jodit-toolbar-button_image button").first().click();
	await ed.locator(".jodit-popup input[type=file]").first().setInputFiles({ name: "讲座海报.png", mimeType: "image/png", buffer: png(1200, 700, [30, 120, 200]) });
	const imgSrc = await ed.waitForFunction(() => {
		const i = document.querySelectorAll(".jodit-wysiwyg img[src^='/media/']");
		return i.length === 2 && i[1].getAttribute("src");
	}, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
	check(/^\/media\/[0-9a-f]{64}\.png$/.test(imgSrc || ""), "an uploaded image is kept in the media library and linked from there", String(imgSrc));
	if (imgSrc) {
		const r = await ed.request.get(base + imgSrc);
		check(r.status() === 200 && r.headers()["content-type"] === "image/png", "and shows in the editor before it is published", String(r.status()));
	}
	// And an image already in the library is inserted from there.
	await ed.locator(".jodit-wysiwyg p").last().click();
	await ed.locator(".jodit-toolbar-button_library button").first().click();
	const picked = ed.locator("dialog.media-picker[open] li button").filter({ hasText: "讲座海报.png" }).first();
	await picked.waitFor({ timeout: 10000 }).catch(() => {}); // the list is fetched
	check(await picked.count() === 1, "the media library lists the uploaded image by its file name",
	    (await ed.locator("dialog.media-picker").textContent().catch(() => "")).slice(0, 200));
	await checkPage(ed, "media library picker");
	await picked.click();
	const nimg = await ed.waitForFunction(() => document.querySelectorAll(".jodit-wysiwyg img[src^='/media/']").length === 3 &&
	    !document.querySelector("dialog.media-picker"), null, { timeout: 5000 }).then(() => true).catch(() => false);
	check(nimg, "and inserted from the library into the body");
	await Promise.all([ed.waitForNavigation(), ed.click("form[action='/admin/articles'] button[type=submit]")]);
	const pid = (/\/admin\/articles\/(\d+)/.exec(ed.url()) || [])[1];
	check(!!pid, "the pasted article is saved", ed.url());
	await checkPage(ed, "article (rich text)");
	// Leaving with unsaved changes asks first.
	await typeBody(ed, "还没保存的修改");
	let asked = false;
	ed.once("dialog", (d) => { asked = d.type() === "beforeunload"; });
	await ed.goto(base + "/admin/articles").catch(() => {});
	check(asked, "leaving with unsaved changes asks first");
	await ed.goto(`${base}/admin/articles/${pid}`);
	// The preview: the site's own page, in a new window.
	const [pv] = await Promise.all([ed.context().waitForEvent("page"), ed.click("#preview-link")]);
	await pv.waitForLoadState();
	const pvHtml = await pv.content();
	check(pv.url().endsWith(`/admin/articles/${pid}/preview`), "preview opens in its own window", pv.url());
	check(pvHtml.includes("测试协会") && pvHtml.includes("<h1>关于举办科普讲座的通知</h1>") &&
	    /srcset="[^"]*480w/.test(pvHtml) && pvHtml.includes("<strong>请准时参加</strong>"),
	    "it is the article in the site's theme, its image with its sizes", pvHtml.slice(0, 300));
	const pvImg = await pv.evaluate(() => { const i = document.querySelector("img[src^='/media/']"); return i ? i.naturalWidth : 0; });
	check(pvImg > 0, "its image shows", String(pvImg));
	await pv.close();
	// The checks beside the editor: the link into the site that is not
	// there, the image without a description; submitted as it is.
	const checks = await ed.locator("#checks").textContent().catch(() => "");
	check(checks.includes("失效链接") && checks.includes("https://www.example.org/notice.html") && checks.includes("图片缺少文字说明"),
	    "the checks beside the editor name the broken link and the image without a description", checks.replace(/\s+/g, " ").slice(0, 300));
	await ed.check("#submit-confirm");
	await Promise.all([ed.waitForNavigation(), ed.click(`form[action$='/${pid}/submit'] button`)]);
	check(/送审|审核中|review/i.test(await flash(ed)), "the pasted article is submitted", await flash(ed));

	// 9. An expired session is sent to login.
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
