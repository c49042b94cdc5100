#!/usr/bin/env python3
"""Writing and checking articles through the admin's API (issue 6): the
media library (uploads sniffed by content, stored once, sizes for srcset,
attachments on the page, unused files removed), pasted bodies cleaned
with their images kept, the pre-publish checks with publishing over them
only with a reason, and revision diffs.

Called by test/shell/admin-content.sh as content_check.py URL SITE CLOCK.
"""
import base64
import os
import re
import sqlite3
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import *  # noqa: F401,F403 (the shared client)


def png(w, h, rgb=(200, 30, 30)):
    """A real PNG of w x h pixels of one colour."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    row = b"\x00" + bytes(rgb) * w
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R"
       b">>\n%%EOF\n")

root = User("root", "root-pass-123")
ed = User("ed", "editor-pass-1")
r1 = User("r1", "review-pass-1")
r2 = User("r2", "review-pass-2")
nobody = User("nobody", "nobody-pass-1")
for u in (root, ed, r1, r2, nobody):
    u.login()

# --- the media library ------------------------------------------------------
img = png(1200, 800)
r = ed.upload([("会议照片.png", img, "image/png")])
m = r.get("media") or {}
ok(expect(r, 201, "upload an image") and
   re.fullmatch(r"/media/[0-9a-f]{64}\.png", m.get("url", "")) and
   m.get("width") == 1200 and m.get("height") == 800 and
   m.get("name") == "会议照片.png", "kept by its hash, with its size",
   repr(r))
IMG = m
ok("480w" in (m.get("srcset") or "") and "960w" in m.get("srcset") and
   "1200w" in m.get("srcset"), "smaller sizes for srcset", repr(m))
r = ed.upload([("copy.png", img, "image/png")])
ok(expect(r, 201, "the same bytes again") and
   r.get("media", "id") == IMG["id"] and r.get("media", "existed"),
   "are stored once", repr(r))
r = ed.upload([("notice.pdf", PDF, "application/pdf")])
ok(expect(r, 201, "upload a PDF") and r.get("media", "url").endswith(".pdf")
   and not r.get("media", "image"), "an attachment", repr(r))
PDFM = r.get("media")
r = ed.upload([("photo.jpg", b"<html><script>alert(1)</script></html>",
                "image/jpeg")])
ok(expect(r, 415, "an HTML page named photo.jpg, sent as a JPEG") and
   "photo.jpg" in (r.get("error") or ""), "is refused, naming the file",
   repr(r))
r = ed.upload([("report.pdf", b"MZ\x90\x00" + b"\x00" * 200,
                "application/pdf")])
expect(r, 415, "a program named report.pdf")
r = ed.upload([("empty.png", b"", "image/png")])
expect(r, 400 if r.status == 400 else 415, "an empty file")
expect(nobody.upload([("x.png", img, "image/png")]), 403,
       "one who writes nowhere uploads nothing")
expect(ed.upload([("x.png", img, "image/png")], field="other"), 400,
       "a form without a file field")
r = ed.get("/api/media?unused=1")
ids = [x["id"] for x in r.get("media") or []]
ok(expect(r, 200, "the unused files") and IMG["id"] in ids and
   PDFM["id"] in ids, "lists what no article uses yet", repr(r))
r = ed.get("/api/media?kind=file")
ok(all(not x["image"] for x in r.get("media") or []) and
   PDFM["id"] in [x["id"] for x in r.get("media")], "files apart from images")

# An article with the image in its body and the PDF attached.
body = ('<p>会议现场：</p><p><img src="%s" alt="会议现场"></p>' % IMG["url"])
r = ed.create("notices", "媒体库测试通知", body=body, format="html",
              attachments=[PDFM["hash"]])
M = r.get("article", "id")
ok(expect(r, 201, "an article using both") and
   r.get("article", "extra", "attachments") == [PDFM["hash"]],
   "keeps its attachments", repr(r))
r = ed.get("/api/media?unused=1")
ok(IMG["id"] not in [x["id"] for x in r.get("media") or []],
   "a file in use is no longer unused")
expect(root.post("/api/media/%d/delete" % IMG["id"]), 409,
       "a file in use cannot be removed")
r = ed.post("/api/articles/%d/submit" % M, {"confirm": "1", "reason":
                                             "测试用图片"})
ok(expect(r, 200, "publish it (no review in notices)") and
   r.get("article", "status") == "published", "published", repr(r))
page = public_file(r.get("article"))
html = open(page).read() if os.path.exists(page) else ""
ok('srcset="' in html and "480w" in html and 'width="1200"' in html and
   'loading="lazy"' in html, "its image has sizes on the page",
   html[html.find("<img"):html.find("<img") + 300])
ok("notice.pdf" in html and "PDF" in html and 'download' in html,
   "its attachment is listed with type and size")
ok(os.path.exists(os.path.join(PUBLIC, IMG["url"].lstrip("/"))) and
   os.path.exists(os.path.join(PUBLIC, PDFM["url"].lstrip("/"))),
   "the files are published under /media/")
with open(os.path.join(PUBLIC, IMG["url"].lstrip("/")), "rb") as f:
    pub = f.read()
ok(pub.startswith(b"\x89PNG") and b"eXIf" not in pub and b"tEXt" not in pub,
   "the published image is a PNG without metadata")
r = request("GET", IMG["url"])
ok(expect(r, 200, "a published file is served to anyone") and r.raw == pub and
   "private" not in r.headers.get("Cache-Control", ""),
   "from the site's tree, as a public file", repr(r.headers.items()))

r = ed.get("/admin/media?per_page=1")
ok(expect(r, 200, "the media page") and
   'href="/admin/media?per_page=1&amp;page=2"' in r.body and
   r.body.count('class="media-item') == 1, "pages through the library, "
   "keeping the filter",
   r.body[r.body.find("pagination") - 200:r.body.find("pagination") + 400])
r = ed.get("/admin/media?per_page=1&page=2")
ok('href="/admin/media?per_page=1&amp;page=1"' in r.body,
   "and back", r.body[r.body.find("pagination"):r.body.find("pagination") +
                      300])

r = ed.get("/admin/articles?lang=zh&per_page=1&page=2")
ok('href="/admin/articles?lang=zh&amp;per_page=1&amp;page=3"' in r.body and
   'href="/admin/articles?lang=zh&amp;per_page=1&amp;page=1"' in r.body,
   "the articles page keeps its filters from page to page",
   r.body[r.body.find("pagination"):r.body.find("pagination") + 500])

# Unused files are found and removed.
r = ed.upload([("unused.png", png(40, 30, (1, 2, 3)), "image/png")])
U = r.get("media")
expect(ed.post("/api/media/%d/delete" % U["id"]), 403,
       "an editor does not remove files")
r = root.post("/api/media/%d/delete" % U["id"])
ok(expect(r, 200, "an administrator removes an unused file") and
   root.get("/api/media/%d" % U["id"]).status == 404, "it is gone")
ok(not os.path.exists(os.path.join(SITE, "media", "pub", U["hash"] + ".png")),
   "with its files")

# --- preview ------------------------------------------------------------------
# A draft with an image and an attachment not published yet: its preview
# is the page publishing it gives, byte for byte.
r = ed.upload([("预览图.png", png(1000, 600, (10, 90, 200)), "image/png")])
P_IMG = r.get("media")
r = ed.upload([("议程.pdf", PDF.replace(b"1.4", b"1.5"), "application/pdf")])
P_PDF = r.get("media")
r = ed.create("notices", "预览测试通知", format="html", attachments=[
    P_PDF["hash"]], body='<p>预览正文</p><p><img src="%s" alt="图"></p>' %
    P_IMG["url"])
P = r.get("article")
r = ed.get("/admin/articles/%d/preview" % P["id"])
prev = r.raw
ok(expect(r, 200, "the preview of a draft") and
   r.headers.get("Content-Type", "").startswith("text/html") and
   "预览测试通知" in r.body and "预览正文" in r.body and
   "1000w" in r.body and "议程.pdf" in r.body,
   "is its page, with its image's sizes and its attachment", r.body[:300])
ok(not os.path.exists(public_file(P)) and not os.path.exists(
   os.path.join(PUBLIC, P_IMG["url"].lstrip("/"))),
   "and publishes nothing", public_file(P))
r = ed.get(P_IMG["url"])
ok(expect(r, 200, "staff see a library file not published yet") and
   r.raw.startswith(b"\x89PNG") and r.headers.get("Content-Type") ==
   "image/png" and "private" in r.headers.get("Cache-Control", ""),
   "as the image it is, kept private", repr(r.headers.items()))
expect(request("GET", P_IMG["url"]), 404, "others do not")
expect(ed.get("/media/" + "0" * 64 + ".png"), 404,
       "a file the library does not have")
expect(ed.get("/media/gazette.db"), 404, "nor anything else")
expect(nobody.get("/admin/articles/%d/preview" % P["id"]), 404,
       "one who may not see the article has no preview of it")
r = ed.post("/api/articles/%d/submit" % P["id"], {"confirm": "1"})
ok(expect(r, 200, "publish the previewed draft") and
   r.get("article", "status") == "published", "published", repr(r))
with open(public_file(P), "rb") as f:
    pub = f.read()
ok(pub == prev, "its page is the preview, byte for byte",
   "preview %d bytes, page %d" % (len(prev), len(pub)))
r = ed.post("/api/articles/%d" % P["id"], {"body": "<p>改过的正文</p>"})
r = ed.get("/admin/articles/%d/preview" % P["id"])
with open(public_file(P), "rb") as f:
    pub = f.read()
ok("改过的正文" in r.body and "预览正文" not in r.body and
   "预览正文".encode() in pub, "a live article's preview shows the version "
   "being written; the site keeps the live one", r.body[:200])

# --- pasted bodies ------------------------------------------------------------
dot = base64.b64encode(png(8, 8, (0, 128, 0))).decode()
word = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
        '<p class=MsoTitle>通知</p>'
        '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1">'
        '<![if !supportLists]><span style="mso-list:Ignore">1.<span> '
        '</span></span><![endif]>第一项</p>'
        '<p class=MsoNormal><b>加粗</b><img src="data:image/png;base64,%s">'
        '<img src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/'
        'clip_image002.jpg"></p></body></html>' % dot)
r = ed.post("/api/convert", {"from": "html", "body": word})
h = r.get("html") or ""
ok(expect(r, 200, "convert a Word paste") and "<h1>" in h and "<li>" in h and
   "<strong>加粗</strong>" in h and "mso" not in h.lower(),
   "headings, lists and bold kept, Word's noise dropped", h)
ok(re.search(r'<img src="/media/[0-9a-f]{64}\.png"', h) and
   r.get("images_kept") == 1 and r.get("images_dropped") == 1,
   "its image is in the library; the one on the author's disk is named "
   "missing", repr(r))
r = ed.post("/api/convert", {"from": "markdown", "body": "# 标题\n\n- 一\n"})
ok("<h1>标题</h1>" in (r.get("html") or "") and "<li>一</li>" in r.get("html"),
   "Markdown renders as publishing renders it")
r = ed.create("notices", "粘贴的图片", format="html",
              body='<p><img src="data:image/png;base64,%s" alt="x"></p>' % dot)
ok(re.search(r'src="/media/[0-9a-f]{64}\.png"', r.get("article", "body") or
             "") and "data:" not in r.get("article", "body"),
   "a body saved with a data: image keeps it in the library", repr(r))

# --- the pre-publish checks -------------------------------------------------
expect(ed.get("/api/wordlist"), 403, "an editor does not see the word list")
r = root.post("/api/wordlist", {"words": "# 敏感词\n法轮功\nbadword\n"})
ok(expect(r, 200, "keep the word list") and r.get("count") == 2,
   "two words", repr(r))
r = root.post("/api/wordlist", {"words": "ok\n" + "长" * 101 + "\n"})
ok(expect(r, 400, "a word too long") and "line 2" in (r.get("error") or ""),
   "names the line", repr(r))
ok(root.get("/api/wordlist").get("count") == 2, "and keeps the old list")

text = ("联系人张三，身份证 11010519491231002X，手机 138-1234-5678，"
        "邮箱 zhang@example.org。\n\n另一个号码 110105194912310021 不是身份证。"
        "\n\n不要写法 轮 功，也不要写 BadWord。\n\n"
        "[失效链接](/no-such-page.html) ![缺图](/media/%s.png)\n" % ("a" * 64))
r = ed.create("news", "检查测试", body=text)
C = r.get("article", "id")
r = ed.get("/api/articles/%d/checks" % C)
found = r.get("findings") or []
kinds = sorted(f["check"] for f in found)
ok(expect(r, 200, "the checks beside the editor") and
   kinds.count("sensitive_word") == 2 and kinds.count("id_card") == 1 and
   "mobile" in kinds and "email" in kinds and "broken_link" in kinds and
   "missing_image" in kinds, "find the words, personal data, the broken "
   "link and the missing image", repr(kinds))
idf = [f for f in found if f["check"] == "id_card"]
ok(idf and idf[0]["text"] == "11010519491231002X" and
   idf[0]["field"] == "body" and "身份证" in idf[0]["excerpt"] and
   idf[0]["line"] == 1, "each says where it is", repr(idf))
ok(not any("110105194912310021" in f["text"] for f in found),
   "an 18-digit number with a wrong checksum is not an ID")
r = ed.act(C, "submit")
ok(expect(r, 409, "submit with findings") and len(r.get("findings")) ==
   len(found), "answers with them, before a reviewer sees it", repr(r))
ok(C not in [i["id"] for i in r1.get("/api/queue").get("items")],
   "it is not in the queue")
r = ed.post("/api/articles/%d/submit" % C, {"confirm": "1"})
ok(expect(r, 200, "submit as it is, confirmed") and
   len(r.get("work", "findings") or []) == len(found),
   "the findings go with it", repr(r)[:300])
expect(r1.act(C, "approve"), 200, "level 1 approves (it does not publish)")
r = r2.act(C, "approve")
ok(expect(r, 400, "the last level publishes over findings without a "
          "reason") and "reason" in (r.get("error") or ""), repr(r))
r = r2.post("/api/articles/%d/approve" % C, {"reason": "已核实，当事人同意公开"})
ok(expect(r, 200, "with a reason") and
   r.get("article", "status") == "published", "published", repr(r))
ok(r.get("history")[-1]["comment"] == "已核实，当事人同意公开",
   "the reason is in the history")
db = sqlite3.connect(os.path.join(SITE, "gazette.db"))
row = db.execute("SELECT detail FROM audit WHERE action = 'approve' AND "
                 "object_id = ? ORDER BY id DESC LIMIT 1", (C,)).fetchone()
ok(row and "已核实" in row[0] and "findings" in row[0],
   "and in the audit log", repr(row))

r = ed.create("news", "检查测试")
D = r.get("article", "id")
found = ed.get("/api/articles/%d/checks" % D).get("findings") or []
ok(any(f["check"] == "duplicate_title" for f in found),
   "a title that duplicates a recent article", repr(found))
r = ed.create("news", "空正文", body="  \n")
found = ed.get("/api/articles/%d/checks" % r.get("article", "id")).get(
    "findings") or []
ok(any(f["check"] == "required" and f["field"] == "body" for f in found),
   "an empty body", repr(found))
r = ed.create("news", "干净的稿件", body="一切正常，联系电话见官网。")
found = ed.get("/api/articles/%d/checks" % r.get("article", "id")).get(
    "findings")
ok(found == [], "a clean article has no findings", repr(found))

print("# content_check: %s" % ("failed" if failed() else "passed"))
sys.exit(1 if failed() else 0)
