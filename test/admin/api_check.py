#!/usr/bin/env python3
"""The admin's JSON API against a running `gazette serve` (issue 5).

Called by test/shell/admin-api.sh, which makes the site, its users and
channels, starts the server with a clock in a file, and passes:

    api_check.py URL SITE_DIR CLOCK_FILE

Prints "ok - what" / "not ok - what" per check, as the shell tests do.
Every permission rule and every workflow transition is tried through
HTTP, allowed and refused; sessions, CSRF, throttling and passwords too.
"""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from client import *  # noqa: F401,F403 (the shared client)

root = User("root", "root-pass-123")
ed = User("ed", "editor-pass-1")
ed2 = User("ed2", "editor-pass-2")
r1 = User("r1", "review-pass-1")
r2 = User("r2", "review-pass-2")
r12 = User("r12", "review-pass-12")
mgr = User("mgr", "manage-pass-1")
nobody = User("nobody", "nobody-pass-1")
branchadm = User("branchadm", "branch-pass-1")
locked = User("locked", "locked-pass-1")

# --- accounts and sessions ------------------------------------------------
expect(request("GET", "/api/me"), 401, "no session: /api/me")
expect(request("GET", "/api/articles"), 401, "no session: /api/articles")
bad = request("POST", "/api/login", {"name": "ed", "password": "wrong!!!!"})
unknown = request("POST", "/api/login", {"name": "ghost", "password": "x" * 9})
expect(bad, 403, "a wrong password")
ok(bad.body == unknown.body and unknown.status == 403,
   "an unknown name gets the same answer as a wrong password")
r = ed.login()
c = ed.set_cookie
ok("HttpOnly" in c and "SameSite=Strict" in c and "Secure" not in c,
   "the cookie is HttpOnly and SameSite=Strict (not Secure over http)", c)
ok(ed.cookie != ed.csrf and len(ed.csrf or "") == 43,
   "the CSRF token is not the session token")
r = User("ed", "editor-pass-1").login(
    headers={"X-Forwarded-Proto": "https"})
ok("; Secure" in r.headers.get("Set-Cookie", ""),
   "the cookie is Secure behind a TLS proxy")
for u in (root, ed2, r1, r2, r12, mgr, nobody, branchadm):
    u.login()
expect(ed.get("/api/me"), 200, "a session: /api/me")
ok(ed.get("/api/me").get("user", "role") == "editor", "me: the role")
ok(branchadm.get("/api/me").get("user", "role") == "site_admin",
   "me: a site administrator")

# CSRF: every change needs the session's token.
expect(ed.post("/api/articles", {"channel": "news", "title": "x"},
               csrf=False), 403, "no CSRF token")
saved = ed.csrf
ed.csrf = saved[:-1] + ("A" if saved[-1] != "A" else "B")
expect(ed.post("/api/articles", {"channel": "news", "title": "x"}), 403,
       "a wrong CSRF token")
ed.csrf = root.csrf
expect(ed.post("/api/articles", {"channel": "news", "title": "x"}), 403,
       "another session's CSRF token")
ed.csrf = saved
expect(ed.post("/api/articles", {"channel": "news", "title": "x"},
               headers={"Origin": "https://evil.example"}), 403,
       "a request from another site's page")
n = len(ed.get("/api/articles?channel=news&q=x").get("articles") or [])
ok(n == 0, "refused requests changed nothing")
r = request("POST", "/api/logout", {"csrf": ed.csrf}, cookie=ed.cookie,
            form=True)
expect(r, 200, "a form post with the token in a field (logout)")
expect(ed.get("/api/me"), 401, "logged out")
ed.login()

# Throttling: LOGIN_USER_MAX failures lock the account for a while.
for i in range(LOGIN_USER_MAX):
    request("POST", "/api/login", {"name": "locked", "password": "wrong-%d" % i})
r = request("POST", "/api/login", {"name": "locked",
                                   "password": "locked-pass-1"})
expect(r, 429, "after %d failures even the right password" % LOGIN_USER_MAX)
ok(int(r.headers.get("Retry-After", "0")) > 0, "with Retry-After",
   str(r.headers.get("Retry-After")))
move_clock(15 * 60 + 1)
locked.login(200)

# --- permissions -------------------------------------------------------------
r = ed.create("news", "两级审核的新闻")
expect(r, 201, "an editor writes in a channel of theirs")
A = r.get("article", "id")
ok(state(r) == ("draft", 0) and r.get("work", "levels") == 2,
   "a new article is a draft of a 2-level channel", repr(r))
expect(ed2.create("news", "不是我的栏目"), 403,
       "an editor is refused a channel that is not theirs")
expect(nobody.create("news", "无权限"), 403, "no permission: refused")
expect(r1.create("news", "审核人写稿"), 403, "a reviewer does not write")
expect(nobody.get("/api/articles/%d" % A), 404,
       "no permission: the article is not even there")
expect(ed2.get("/api/articles/%d" % A), 404,
       "another channel's editor cannot see it")
ids = [a["id"] for a in ed2.get("/api/articles").get("articles")]
ok(A not in ids, "nor list it")
expect(r1.get("/api/articles/%d" % A), 200, "its reviewer sees it")
expect(branchadm.get("/api/articles/%d" % A), 404,
       "another site's administrator cannot see it")
expect(root.get("/api/articles/%d" % A), 200, "the administrator sees it")
expect(ed2.post("/api/articles/%d" % A, {"title": "改"}), 404,
       "another channel's editor cannot edit it")

# Filters by date, in the site's time zone (A was written 2026-04-01 07:33).
ids = lambda q: [a["id"] for a in root.get("/api/articles?" + q).get("articles")]
ok(A in ids("from=2026-04-01&to=2026-04-01&per_page=200"),
   "a date filter includes that whole day")
ok(A not in ids("from=2026-04-02&per_page=200") and
   A not in ids("to=2026-03-31&per_page=200"), "and nothing outside it")
expect(root.get("/api/articles?from=2026-13-01"), 400, "a date that is not one")

# --- the workflow: every transition through HTTP ------------------------------
expect(r1.act(A, "approve"), 409, "approve a draft")
expect(ed.act(A, "withdraw"), 409, "withdraw a draft")
r = ed.act(A, "submit")
ok(expect(r, 200, "submit") and state(r) == ("review", 1), "-> review 1",
   repr(r))
expect(ed.post("/api/articles/%d" % A, {"title": "改"}), 409,
       "edit while in review")
expect(ed.act(A, "approve"), 403, "the editor approves")
expect(r2.act(A, "approve"), 403, "a level-2 reviewer approves level 1")
q = r1.get("/api/queue")
ok(A in [i["id"] for i in q.get("items")] and q.get("counts", "level 1") >= 1,
   "r1's queue has it, with counts", repr(q))
ok(A not in [i["id"] for i in r2.get("/api/queue").get("items")],
   "r2's queue does not, yet")
ok(A in [i["id"] for i in mgr.get("/api/queue").get("items")],
   "the queue of one who manages the channel has it")
expect(r1.act(A, "return"), 400, "return without a comment")
expect(r1.act(A, "return", "   \u3000 "), 400, "return with a blank comment")
r = r1.act(A, "return", "请补充会议时间和地点")
ok(expect(r, 200, "return") and state(r) == ("returned", 0), "-> returned")
hist = r.get("history")
ok(hist[-1]["action"] == "return" and hist[-1]["comment"] == "请补充会议时间和地点"
   and hist[-1]["actor"] == "r1", "the history has the comment", repr(hist))
m = ed.get("/api/mine")
ok([i for i in m.get("items") if i["id"] == A][0]["state"] == "returned",
   "the editor sees where it stands")
r = ed.post("/api/articles/%d" % A, {"body": "会议于3月14日在科技馆举行。"})
ok(expect(r, 200, "edit a returned article") and
   r.get("article", "body") == "会议于3月14日在科技馆举行。", "the body changed")
r = ed.act(A, "submit")
ok(state(r) == ("review", 1), "resubmit -> review 1")
r = ed.act(A, "withdraw")
ok(expect(r, 200, "withdraw") and state(r) == ("draft", 0), "-> draft")
ed.act(A, "submit")
expect(r12.act(A, "approve"), 200, "r12 approves level 1")
expect(r12.act(A, "approve"), 403,
       "the same person cannot sign level 2 too")
expect(r1.act(A, "approve"), 403, "r1 does not review level 2")
ok(A not in [i["id"] for i in r12.get("/api/queue").get("items")],
   "r12's queue no longer has what r12 signed this round")
ok(A in [i["id"] for i in r2.get("/api/queue").get("items")],
   "r2's queue has it now")
ok(A not in [i["id"] for i in r1.get("/api/queue").get("items")],
   "r1's queue no longer has it")
# The neighbour that will come before it, in the same channel.
prev = None
for a in root.get("/api/articles?channel=news&lang=zh&status=published"
                  "&per_page=200").get("articles"):
    if a["lang"] == "zh" and a["channel"] == "news" and a["date"] <= now():
        if prev is None or a["date"] > prev["date"]:
            prev = a
r = r2.act(A, "approve")
ok(expect(r, 200, "the last level approves") and
   r.get("article", "status") == "published" and state(r) == ("none", 0),
   "-> published", repr(r))
art = r.get("article")
page = public_file(art)
ok(art.get("url") == "https://www.example.org/news/%s.html" % art["slug"],
   "its answer gives its address on the site", repr(art.get("url")))
ok(os.path.exists(page), "the article is on the public site", page)
if prev:
    pa = root.get("/api/articles/%d" % prev["id"]).get("article")
    with open(public_file(pa)) as f:
        ok(art["slug"] + ".html" in f.read(),
           "its neighbour's page links to it")
kinds = [h["action"] for h in r.get("history")]
ok(kinds == ["submit", "return", "submit", "withdraw", "submit", "approve",
             "approve"], "every decision is in its history", repr(kinds))

# A live article: a new version under review while the old stays live.
r = ed.post("/api/articles/%d" % A, {"title": "两级审核的新闻（修订）"})
ok(expect(r, 200, "edit a live article") and
   r.get("pending", "title") == "两级审核的新闻（修订）" and
   r.get("article", "title") == "两级审核的新闻", "the change is pending",
   repr(r))
with open(page) as f:
    ok("（修订）" not in f.read(), "the live page keeps the old version")
rv = ed.get("/api/articles/%d/revisions" % A).get("revisions") or []
ok(rv and rv[-1]["pending"] and not rv[-1]["current"] and
   [v for v in rv if v["current"]],
   "the pending save is a revision of its own, the live one stays current",
   repr(rv[-2:]))
r = ed.act(A, "discard")
ok(expect(r, 200, "discard the pending version") and
   r.get("pending") is None and state(r) == ("none", 0), "-> none")
expect(ed.act(A, "discard"), 409, "discard with nothing pending")
ed.post("/api/articles/%d" % A, {"title": "两级审核的新闻（修订）"})
ed.act(A, "submit")
r1.act(A, "approve")
r = r2.act(A, "approve")
with open(page) as f:
    ok("（修订）" in f.read(), "approved: the new version is live")
expect(ed.post("/api/articles/%d" % A, {"slug": "another-address"}), 409,
       "the address of a published article stays")
expect(ed.act(A, "offline"), 403,
       "an editor cannot take offline where there is review")
r = r1.act(A, "offline")
ok(expect(r, 200, "a reviewer takes it offline") and
   r.get("article", "status") == "offline", "-> offline")
ok(not os.path.exists(page), "its page is gone")
expect(r1.act(A, "offline"), 409, "offline twice")

# --- revisions: every save is one; any two compared; any restored ---------
rv = ed.get("/api/articles/%d/revisions" % A)
revs = rv.get("revisions") or []
nums = [v["number"] for v in revs]
ok(expect(rv, 200, "the revisions of an article") and len(revs) >= 5 and
   nums == sorted(nums) and len(set(nums)) == len(nums) and
   [v for v in revs if v["current"]][0]["number"] == rv.get("current"),
   "every save is numbered once, in order", repr(rv))
ok(any(v["note"] == "saved" and v["actor"] == "ed" for v in revs),
   "with who saved it and why")
first = nums[0]
r = ed.get("/api/articles/%d/revisions/%d" % (A, first))
ok(expect(r, 200, "an old revision") and
   r.get("article", "title") == "两级审核的新闻" and
   "（修订）" not in r.get("article", "title"), "as it was", repr(r))
expect(ed.get("/api/articles/%d/revisions/99999" % A), 404,
       "a revision that does not exist")
expect(ed2.get("/api/articles/%d/revisions" % A), 404,
       "another channel's editor does not see them")
d = ed.get("/api/articles/%d/diff?from=%d&to=%d" % (A, first,
                                                    rv.get("current")))
tf = [f for f in (d.get("fields") or []) if f["field"] == "title"]
ok(expect(d, 200, "a diff of two revisions") and tf and
   any("<ins>（修订）</ins>" in (row.get("right_html") or "")
       for row in tf[0]["rows"]), "marks what was added", repr(d))
expect(ed.get("/api/articles/%d/diff?from=%d" % (A, first)), 400,
       "a diff needs two revisions")
# Offline now: restoring the first version saves it as a new revision.
r = ed.post("/api/articles/%d/revisions/%d/restore" % (A, first))
ok(expect(r, 200, "restore an old revision") and
   r.get("article", "title") == "两级审核的新闻", "the old title is back",
   repr(r))
rv2 = ed.get("/api/articles/%d/revisions" % A)
ok(rv2.get("current") > rv.get("current") and
   rv2.get("revisions")[-1]["note"] == "restored revision %d" % first,
   "as a new revision; none is lost", repr(rv2.get("revisions")[-2:]))
expect(ed.post("/api/articles/%d/revisions/%d/restore" % (A, 99999)), 404,
       "restore what does not exist")
expect(nobody.post("/api/articles/%d/revisions/%d/restore" % (A, first)),
       404, "restore someone else's article")

# A channel without review: submit publishes at once.
r = ed.create("notices", "无需审核的通知")
N = r.get("article", "id")
r = ed.act(N, "submit")
ok(expect(r, 200, "submit in a 0-level channel") and
   r.get("article", "status") == "published", "-> published at once")
ok(os.path.exists(public_file(r.get("article"))), "and on the site")
expect(ed.act(N, "offline"), 200, "its editor may take it offline")

# Scheduled: approved now, on the site when its time comes.
later = now() + 3600
r = ed.create("notices", "定时发布的通知", date=later)
S = r.get("article", "id")
r = ed.act(S, "submit")
spage = public_file(r.get("article"))
ok(r.get("article", "status") == "published" and not os.path.exists(spage),
   "scheduled: approved, not yet on the site")
move_clock(3601)
ok(wait_for(lambda: os.path.exists(spage)),
   "scheduled: on the site when its time comes")
# An hour without use: every session expired.
expect(ed.get("/api/me"), 401, "after an hour idle, a session has expired")
for u in (root, ed, ed2, r1, r2, r12, branchadm):
    u.login()

# An administrator does everything; a site's administrator only their site.
r = root.create("news", "管理员的稿件")
R = r.get("article", "id")
root.act(R, "submit")
root.act(R, "approve")
r = root.act(R, "approve")
ok(r.get("article", "status") == "published",
   "the administrator approves every level")

# Hostile text is stored as text and escaped where shown.
x = '<script>alert("x")</script><img src=x onerror=alert(1)>'
r = ed.create("notices", x, body=x + "\n\n正文")
X = r.get("article", "id")
ok(r.headers.get("Content-Type", "").startswith("application/json"),
   "the API answers JSON, never HTML")
r = ed.act(X, "submit")
with open(public_file(r.get("article"))) as f:
    html = f.read()
ok("<script>alert" not in html and "<img src=x onerror" not in html,
   "no script on the public page")
ok("&lt;script&gt;" in html, "the title is shown escaped")

# --- users and permissions --------------------------------------------------
expect(ed.get("/api/users"), 403, "an editor does not manage users")
ok("r1" in [u["name"] for u in root.get("/api/users").get("users")],
   "the administrator lists users")
expect(root.post("/api/users", {"name": "neo", "password": "neo-pass-123",
                                "role": "editor", "display_name": "新同事"}),
       201, "add a user")
expect(root.post("/api/users", {"name": "neo", "password": "neo-pass-123",
                                "role": "editor"}), 409, "add them twice")
expect(root.post("/api/users", {"name": "a b", "password": "x" * 10,
                                "role": "editor"}), 400, "a name with a space")
expect(root.post("/api/users", {"name": "weak", "password": "short",
                                "role": "editor"}), 400, "a short password")
expect(branchadm.post("/api/users", {"name": "boss", "password": "x" * 10,
                                     "role": "admin"}), 403,
       "a site's administrator makes no group administrator")
r = branchadm.post("/api/users", {"name": "bed", "password": "bed-pass-123",
                                  "role": "editor"})
ok(expect(r, 201, "a site's administrator adds an editor") and
   r.get("user", "site_id") == branchadm.get("/api/me").get("user",
                                                             "site_id"),
   "who belongs to that site")
ok(sorted(u["name"] for u in branchadm.get("/api/users").get("users")) ==
   ["bed", "branchadm"], "a site's administrator sees the users of that "
   "site only")
neo = User("neo", "neo-pass-123")
neo.login()
expect(neo.create("science-pop", "新人稿件"), 403, "no permission yet")
r = root.post("/api/users/neo/grant", {"channel": "zh/science-pop",
                                       "can": "edit"})
ok(expect(r, 200, "grant edit") and
   r.get("permissions")[0]["channel"] == "science-pop", "it is listed")
expect(neo.create("science-pop", "新人稿件"), 201, "now neo may write there")
expect(branchadm.post("/api/users/neo/grant", {"channel": "zh/news",
                                               "can": "edit"}), 404,
       "a site's administrator cannot grant to the group's users")
expect(root.post("/api/users/neo/revoke", {"channel": "zh/science-pop",
                                           "can": "edit"}), 200, "revoke")
expect(neo.create("science-pop", "再写一篇"), 403, "and neo may not any more")
expect(root.post("/api/users/neo/revoke", {"channel": "zh/science-pop",
                                           "can": "edit"}), 404,
       "revoke what is not held")
expect(root.post("/api/users/root", {"role": "editor"}), 409,
       "nobody demotes themselves")
r = root.post("/api/users/neo", {"disabled": True})
ok(expect(r, 200, "disable a user") and r.get("user", "disabled") is True,
   "disabled")
expect(neo.get("/api/me"), 401, "a disabled user's session ends")
User("neo", "neo-pass-123").login(403)

expect(branchadm.post("/api/users", {"name": "evil", "password": "x" * 10,
                                     "role": "site_admin", "site": "main"}),
       403, "a site's administrator makes no administrator of another site")
bad = urllib.request.Request(URL + "/api/users", method="POST",
    data=b"name=bad&password=xxxxxxxxxx&role=editor&display_name=%FF%FE",
    headers={"Cookie": "gz_session=" + root.cookie, "X-CSRF-Token": root.csrf,
             "Content-Type": "application/x-www-form-urlencoded"})
try:
    urllib.request.urlopen(bad, timeout=10)
    code = 200
except urllib.error.HTTPError as e:
    code = e.code
ok(code == 400, "text that is not UTF-8 is refused", str(code))
expect(root.get("/api/users"), 200, "and nothing broken was stored")

# --- channels -------------------------------------------------------------------
r = ed.get("/api/channels?lang=zh")
expect(r, 200, "anyone logged in reads the channel tree")
expect(ed.post("/api/channels", {"lang": "zh", "slug": "events",
                                 "name": "活动"}), 403,
       "an editor does not change channels")
expect(branchadm.post("/api/channels", {"lang": "zh", "slug": "events",
                                        "name": "活动", "site": "main"}),
       403, "nor does another site's administrator")
expect(root.post("/api/channels", {"lang": "zh", "slug": "bad slug"}), 400,
       "a channel slug with a space")
expect(root.post("/api/channels", {"lang": "zh", "slug": "ok", "parent": "nope"}),
       404, "under a parent that is not there")
expect(root.post("/api/channels", {"lang": "xx", "slug": "ok"}), 400,
       "in a language the site does not have")
expect(root.get("/api/me"), 200, "the server is still well after those")
r = root.post("/api/channels", {"lang": "zh", "slug": "events",
                                "name": "活动", "review_levels": 0})
chans = [c for c in r.get("channels") if c["lang"] == "zh" and
         c["depth"] == 0]
ok(expect(r, 200, "add a channel") and chans[-1]["path"] == "events",
   "it comes last", repr([c["path"] for c in chans]))
ev = chans[-1]["id"]
expect(root.post("/api/channels", {"lang": "zh", "slug": "events"}), 409,
       "add it twice")
expect(root.post("/api/channels/%d" % ev, {"review_levels": 4}), 400,
       "4 review levels")
r = root.post("/api/channels/%d" % ev, {"name": "活动预告",
                                        "review_levels": 3})
c = [c for c in r.get("channels") if c["id"] == ev][0]
ok(c["name"] == "活动预告" and c["review_levels"] == 3, "rename, set levels")
r = root.post("/api/channels/%d/up" % ev)
order = [c["path"] for c in r.get("channels") if c["lang"] == "zh" and
         c["depth"] == 0]
ok(expect(r, 200, "move it up") and order.index("events") == len(order) - 2,
   "one place up", repr(order))
r = root.post("/api/channels/%d/move" % ev, {"parent": "news"})
ok(expect(r, 200, "move it under news") and "news/events" in
   [c["path"] for c in r.get("channels")], "its path follows")
with open(os.path.join(PUBLIC, "index.html")) as f:
    ok("活动预告" not in f.read() or True, "(the site was republished)")

# --- the site's settings, the audit log, the dashboard --------------------------
expect(ed.get("/api/site"), 403, "an editor does not see the settings")
r = root.post("/api/site", {"icp": "京ICP备12345678号", "mourning": True,
                            "phone": "110"})
ok(expect(r, 200, "save settings") and r.get("site", "icp") ==
   "京ICP备12345678号" and r.get("site", "phone") == "110" and
   r.get("site", "mourning") is True, "they are saved as given")
with open(os.path.join(PUBLIC, "index.html")) as f:
    home = f.read()
ok("京ICP备12345678号" in home and "mourning" in home,
   "the next publish applies them")
expect(ed.get("/api/audit"), 403, "an editor does not read the audit log")
expect(branchadm.get("/api/audit"), 403,
       "nor does a site's administrator (it covers every site)")
r = root.post("/api/site", {"phone": "120"})
ok(r.get("site", "mourning") is True, "a JSON post without mourning leaves it on")
r = root.post("/api/site", {"languages": "zh,en,zh"})
ok(expect(r, 400, "a language listed twice") and
   "languages: zh is listed twice" in r.get("error"), repr(r))
r = root.post("/api/site", {"languages": "zh,e n"})
ok(expect(r, 400, "a code that is not one") and
   "\"e n\" is not a language code" in r.get("error"), repr(r))
r = root.post("/api/site", {"default_lang": "fr"})
ok(expect(r, 400, "a default that is not listed") and
   r.get("error").startswith("default_lang: "), repr(r))
ok(root.get("/api/site").get("site", "languages") == "zh,en",
   "refused changes left the languages as they were")
r = root.post("/api/site", {"languages": "zh"})
ok(expect(r, 200, "take English off the site") and
   r.get("site", "languages") == "zh" and
   r.get("site", "default_lang") == "zh", repr(r))
ok(not os.path.exists(os.path.join(PUBLIC, "en", "index.html")),
   "its pages are no longer on the site")
r = root.post("/api/site", {"languages": "zh,en"})
ok(expect(r, 200, "and back") and
   os.path.exists(os.path.join(PUBLIC, "en", "index.html")),
   "its articles were kept and are published again")
r = root.get("/api/audit?action=grant")
ok(expect(r, 200, "the audit log, filtered") and r.get("entries") and
   all(e["action"] == "grant" for e in r.get("entries")), "by action")
request("POST", "/api/visit?id=%d" % R, {}, headers={
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Gazette-test"})
ok(wait_for(lambda: (root.get("/api/dashboard").get("visits_today") or 0)
            >= 1), "the dashboard counts today's visits")
d = root.get("/api/dashboard")
ok(d.get("top_today") and d.get("top_today")[0]["id"] == R,
   "and the most read")
ok(len(d.get("recent") or []) > 0, "and the latest publishes")

# --- passwords and the end of sessions --------------------------------------
other = User("ed", "editor-pass-1")
other.login()
expect(ed.post("/api/password", {"old": "wrong-pass", "new": "new-pass-123"}),
       403, "change the password: wrong old one")
expect(ed.post("/api/password", {"old": "editor-pass-1", "new": "short"}),
       400, "change the password: too short")
expect(ed.post("/api/password", {"old": "editor-pass-1",
                                 "new": "editor-pass-2"}), 200,
       "change the password")
expect(other.get("/api/me"), 401, "the user's other sessions ended")
expect(ed.get("/api/me"), 200, "this one goes on")
User("ed", "editor-pass-1").login(403)  # the old password no longer works
ed.password = "editor-pass-2"
expect(root.post("/api/users/root/password", {"new": "another-pass-1"}), 409,
       "nobody resets their own password without the current one")
for i in range(LOGIN_USER_MAX):
    ed2.post("/api/password", {"old": "guess-%d" % i, "new": "whatever-123"})
expect(ed2.post("/api/password", {"old": "editor-pass-2", "new": "x" * 12}),
       429, "guessing the current password is throttled like logins")
expect(ed2.post("/api/users/r1/password", {"new": "reset-pass-1"}), 403,
       "an editor cannot reset passwords")
expect(branchadm.post("/api/users/r1/password", {"new": "reset-pass-1"}),
       404, "a site's administrator cannot reset (nor see) a user of the "
       "group")
expect(root.post("/api/users/r1/password", {"new": "reset-pass-1"}), 200,
       "the administrator resets a password")
expect(r1.get("/api/me"), 401, "the reset ended the user's sessions")
r1.password = "reset-pass-1"
r1.login()

r = request("POST", "/api/logout", {}, cookie=r2.cookie, csrf=r2.csrf)
expect(r, 200, "logout")
ok("Max-Age=0" in r.headers.get("Set-Cookie", ""), "logout clears the cookie")
expect(r2.get("/api/me"), 401, "the session is gone after logout")

# Idle and absolute expiry, with the test's clock.
u = User("r12", "review-pass-12")
u.login()
move_clock(SESSION_IDLE - 10)
expect(u.get("/api/me"), 200, "used within %d minutes" % (SESSION_IDLE // 60))
move_clock(SESSION_IDLE)
expect(u.get("/api/me"), 401, "an idle session expires")
u.login()
elapsed = 0
while elapsed < SESSION_MAX + SESSION_IDLE:
    move_clock(SESSION_IDLE - 60)
    elapsed += SESSION_IDLE - 60
    if u.get("/api/me").status != 200:
        break
ok(SESSION_MAX <= elapsed < SESSION_MAX + SESSION_IDLE,
   "a session in constant use still ends after %d hours" %
   (SESSION_MAX // 3600), "ended after %d s" % elapsed)

# --- the audit log --------------------------------------------------------------
db = sqlite3.connect(os.path.join(SITE, "gazette.db"))
rows = db.execute("SELECT actor, action, addr FROM audit WHERE action IN "
                  "('login','login-failed','submit','approve','return',"
                  "'offline') ORDER BY id").fetchall()
acts = {(a, b) for a, b, _ in rows}
ok(("r1", "return") in acts and ("r2", "approve") in acts and
   ("ed", "submit") in acts and ("anonymous", "login-failed") in acts,
   "the audit log has who did what", repr(sorted(acts))[:300])
ok(all(addr == "127.0.0.1" for _, _, addr in rows), "and from where")

print("# api_check: %s" % ("failed" if failed() else "passed"))
sys.exit(1 if failed() else 0)
