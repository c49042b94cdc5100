#!/bin/sh
# gazette check-links: missing pages, files and anchors, folders with and
# without index.html, ?query, percent-encoded Chinese names, ../ above the
# root, external links ignored, absolute links with the site's base URL.
. "$(dirname "$0")/lib.sh"
S=$T/site
P=$S/public

mkdir -p "$P/news" "$P/about" "$P/assets" "$P/img" "$P/en/news"
cat >"$P/index.html" <<'HTML'
<!doctype html><html><head><title>首页</title>
<link rel="stylesheet" href="/assets/site.css?v=123">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="canonical" href="https://www.example.org/">
<link rel="preconnect" href="https://fonts.example.com/">
<script src="/assets/missing.js"></script>
</head><body><main id="main">
<a href="#main">skip</a> <a href="#">top</a> <a href="#top">top</a>
<a href="#nope">same page, no such id</a>
<a href="news/">news</a> <a href="/news">news without slash</a>
<a href="about/">a folder without index.html</a>
<a href="/nowhere/">no such folder</a>
<a href="news/a.html?page=2">query</a>
<a href="/news/a.html?x=1#frag-a">query and fragment</a>
<a href="news/%E6%96%B0%E9%97%BB.html">percent-encoded Chinese</a>
<a href="news/新闻.html">raw Chinese</a>
<a href="news/%E6%97%A7%E9%97%BB.html">percent-encoded, missing</a>
<a href="../outside.html">above the root</a>
<a href="/missing.html">missing page</a>
<a href="/news/b.html#x">good anchor</a>
<a href="/news/b.html#y">missing anchor</a>
<a href="/news/b.html#%E4%B8%AD">encoded Chinese anchor</a>
<a href="news/b.html#anchor">a name</a>
<a href="https://www.example.org/news/b.html#x">absolute, good</a>
<a href="https://WWW.example.org:443/gone.html">absolute, missing</a>
<a href="//www.example.org/news/">protocol-relative</a>
<a href="http://www.example.org/gone.html">other scheme: another origin</a>
<a href="https://other.example.net/gone.html">external</a>
<a href="mailto:office@example.org">mail</a> <a href="tel:+861012345">tel</a>
<a href="javascript:void(0)">js</a>
<img src="data:image/png;base64,iVBORw0KGgo=" alt="">
<img src="/img/a.png" srcset="/img/a.png 1x, img/missing.png 2x" alt="">
<picture><source srcset="img/a.png 480w, /img/b.png 800w"></picture>
<a href="  /news/a.html  ">spaces around</a>
</main></body></html>
HTML
cat >"$P/news/index.html" <<'HTML'
<!doctype html><title>新闻</title><a href="a.html">a</a><a href="../">home</a>
HTML
cat >"$P/news/a.html" <<'HTML'
<!doctype html><title>A</title><h1 id="frag-a">A</h1>
<a href="b.html#x">b</a> <a href="../index.html#main">home</a>
<a href="../../x.html">above the root</a> <a href="./../news/./b.html">dots</a>
<a href="b.html#%E4%B8%AD">中</a> <a href="b.html#中">中</a>
<a href="b.html#missing">missing</a> <a href="b.html#missing">twice</a>
HTML
cat >"$P/news/b.html" <<'HTML'
<!doctype html><title>B</title><p id="x">x</p><p id="中">中</p><a name="anchor"></a>
HTML
cat >"$P/news/新闻.html" <<'HTML'
<!doctype html><title>新闻</title><a href="b.html">b</a>
HTML
echo 'body{}' >"$P/assets/site.css"
echo 'x' >"$P/about/notes.txt"
echo 'png' >"$P/img/a.png"
echo 'png' >"$P/img/b.png"
echo '<rss/>' >"$P/rss.xml"

expect_exit 0 "check-links --help" -- "$G" check-links --help
expect_grep "$T/out" "usage: gazette check-links" "--help prints usage"

# No database in SITE_DIR: absolute links are not internal.
expect_exit 3 "broken links without a database" -- "$G" -C "$S" check-links
cat >"$T/want" <<'OUT'
index.html: #nope: no element with id "nope" in index.html
index.html: ../outside.html: goes above the site root
index.html: /assets/missing.js: no such file assets/missing.js
index.html: /missing.html: no such file missing.html
index.html: /news/b.html#y: no element with id "y" in news/b.html
index.html: /nowhere/: no such folder nowhere/
index.html: about/: folder about/ has no index.html
index.html: img/missing.png: no such file img/missing.png
index.html: news/%E6%97%A7%E9%97%BB.html: no such file news/旧闻.html
news/a.html: ../../x.html: goes above the site root
news/a.html: b.html#missing: no element with id "missing" in news/b.html
OUT
if diff -u "$T/want" "$T/out" >"$T/diff"; then ok "the broken links, sorted, each once"; else
	not_ok "the broken links, sorted, each once"; sed 's/^/    /' "$T/diff"; fi
expect_grep "$T/err" "check-links: 5 pages, " "summary on standard error"
expect_grep "$T/err" ", 11 broken" "summary counts the broken links"

# The site's base URL makes https://www.example.org/ links internal.
expect_exit 0 "init with a base URL" -- "$G" -C "$S" init --title "滨江科协" --lang zh,en --base-url https://www.example.org/
expect_exit 3 "broken links with the site's base URL" -- "$G" -C "$S" check-links
expect_grep "$T/out" "index.html: https://WWW.example.org:443/gone.html: no such file gone.html" "absolute link with the base URL checked"
expect_grep "$T/err" ", 12 broken" "one more broken link with the base URL"
if grep -qE "other.example.net|http://www|mailto|tel:|javascript|data:" "$T/out"; then
	not_ok "external and other-scheme links ignored"; else ok "external and other-scheme links ignored"; fi

# DIR as an argument, --base-url, --json.
expect_exit 3 "check-links DIR --base-url --json" -- "$G" check-links "$P" --base-url https://www.example.org/ --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==12, d; assert d[0]=={"page":"index.html","link":"#nope","why":"no element with id \"nope\" in index.html"}, d[0]' "$T/out" \
    && ok "--json lists the findings" || not_ok "--json lists the findings"

# Fixed, the tree is clean.
echo '<p id="y"></p>' >>"$P/news/b.html"
echo '<p id="missing"></p><p id="nope"></p>' >>"$P/news/b.html"
cat >"$P/news/a.html" <<'HTML'
<!doctype html><title>A</title><h1 id="frag-a">A</h1><a href="b.html#x">b</a>
HTML
grep -vE 'nope|outside|missing|nowhere|about/|%E6%97%A7|gone.html' "$P/index.html" >"$T/index.html"
mv "$T/index.html" "$P/index.html"
expect_exit 0 "a clean tree" -- "$G" -C "$S" check-links
expect_grep "$T/err" ", 0 broken" "no broken links"

expect_exit 4 "no such folder" -- "$G" -C "$S" check-links "$T/none"
expect_grep "$T/err" "no such folder" "the missing folder is named"
expect_exit 2 "two folders" -- "$G" check-links a b
finish
