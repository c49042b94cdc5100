#!/bin/sh
# The demo site, published: every internal link and anchor resolves,
# feeds and sitemaps are well-formed XML, every .gz copy is the page
# compressed, and site settings reach every page.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=$T/site
# After every demo article (2026): earlier, they are scheduled, not live.
export GAZETTE_NOW=1800000000
# The demo links to www.example.org as another site.
"$G" -C "$S" init --lang zh,en --title "滨江市科学技术协会" --base-url https://riverside.example.net/ >/dev/null
"$G" -C "$S" import --quiet "$ROOT/examples/demo/content" >/dev/null 2>&1
expect_exit 0 "build the demo" -- "$G" -C "$S" build
P=$S/public
expect_exit 0 "check-links finds nothing broken" -- "$G" -C "$S" check-links
expect_grep "$T/err" " 0 broken" "check-links summary"
for f in index.html en/index.html 404.html en/404.html robots.txt sitemap.xml \
    rss.xml atom.xml en/rss.xml news/index.html news/rss.xml news/atom.xml \
    news/20260314-annual-congress.html sitemaps/pages.xml sitemaps/zh/news/1.xml \
    assets/gazette.css; do
	[ -f "$P/$f" ] && ok "published $f" || not_ok "published $f"
done
[ ! -e "$P/notices/20261120-call-for-papers-2027.html" ] && ok "a draft is not published" ||
    not_ok "a draft is not published"
if command -v xmllint >/dev/null; then
	bad=0
	for f in $(cd "$P" && find . -name '*.xml'); do
		xmllint --noout "$P/$f" 2>>"$T/xml" || bad=$((bad + 1))
	done
	expect_eq "$bad" 0 "every feed and sitemap is well-formed XML"
fi
bad=0 n=0
for gz in $(cd "$P" && find . -name '*.gz'); do
	n=$((n + 1))
	zcat "$P/$gz" | cmp -s - "$P/${gz%.gz}" || bad=$((bad + 1))
done
expect_eq "$bad" 0 "all $n .gz copies decompress to their file"
[ "$n" -gt 50 ] && ok "gz copies made" || not_ok "gz copies made ($n)"
expect_grep "$P/robots.txt" "Sitemap: https://riverside.example.net/sitemap.xml" "robots.txt names the sitemap"
expect_grep "$P/sitemap.xml" "https://riverside.example.net/sitemaps/zh/news/1.xml" "sitemap index lists the pieces"
expect_grep "$P/sitemaps/zh/news/1.xml" 'hreflang="en"' "sitemap gives language alternates"
expect_grep "$P/rss.xml" "<title>滨江市科学技术协会" "RSS has the site title"
A=$P/news/20260314-annual-congress.html
expect_grep "$A" "滨江市科学技术协会2026年学术年会开幕" "article title"
expect_grep "$A" 'hreflang="en"' "article links its translation"
expect_grep "$A" "/api/visit?id=" "article reports visits"
expect_grep "$A" "本站由 Gazette 生成" "footer names Gazette"
# Settings reach every page with the next publish.
expect_exit 0 "mourning and elder modes on" -- "$G" -C "$S" site edit main --set mourning=true --set elder_mode=true
expect_grep "$A" "mourning" "mourning mode on the article page"
expect_grep "$P/en/index.html" "elder-mode" "elder mode on the English home page"
expect_exit 0 "set the ICP number" -- "$G" -C "$S" site edit main --set "icp=京ICP备12345678号"
expect_grep "$P/404.html" "京ICP备12345678号" "ICP number in the footer"
# Scheduled publishing: with the clock before an article's time, it is
# not on the site.
GAZETTE_NOW=1773000000 "$G" -C "$S" build >/dev/null 2>&1   # 2026-03-08
[ ! -e "$P/news/20260314-annual-congress.html" ] && ok "an article whose time has not come is not published" ||
    not_ok "an article whose time has not come is not published"
[ -e "$P/members/20260302-how-to-join.html" ] && ok "an article whose time has come is published" ||
    not_ok "an article whose time has come is published"
finish
