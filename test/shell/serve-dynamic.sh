#!/bin/sh
# The server's dynamic parts against the real server on a loopback port:
# search compared with a plain scan, visit counts exact after concurrent
# hits and a restart, scheduled publishing and takedown with a clock the
# test moves.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")/../.." && pwd)
GEN=${GAZETTE_SHARED:-$HERE/../shared}/bench/gen-corpus
S=$T/site
PID=
trap 'stop_server; rm -rf "$T"' EXIT
# The clock of everything here: a file the test moves forward.
echo 1775000000 >"$T/now" # 2026-04-01
export GAZETTE_NOW=@$T/now
export GAZETTE_SCHEDULE_SECONDS=1
UA='Mozilla/5.0 (X11; Linux x86_64) Gazette-test'

# poll SECONDS COMMAND...: until the command succeeds
poll() {
	n=$(( $1 * 10 )); shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

python3 "$GEN" -n 300 --seed 5 --translated 0.5 -o "$T/corpus" >/dev/null 2>&1 ||
    { not_ok "gen-corpus"; finish; exit 1; }
"$G" -C "$S" init --lang zh,en --base-url https://www.example.org/ >/dev/null
"$G" -C "$S" import --quiet "$T/corpus/content" >/dev/null 2>&1
expect_exit 0 "build" -- "$G" -C "$S" build
start_server || { not_ok "server starts"; finish; exit 1; }
ok "server starts on $URL"

# --- search ---------------------------------------------------------
if python3 "$HERE/test/search/search_check.py" --db "$S/gazette.db" \
    --now "$(cat "$T/now")" --url "$URL" --queries "${GZ_QUERIES:-40}" \
    >"$T/search.out" 2>&1; then
	cat "$T/search.out"
else
	cat "$T/search.out"
	not_ok "search equals a plain scan"
fi
curl -s "$URL/search?q=%E5%8D%8F%E4%BC%9A&lang=zh" >"$T/page.html"
expect_grep "$T/page.html" '<mark>' "the results page marks what matched"
expect_grep "$T/page.html" 'class="result"' "the results page lists hits"
curl -s "$URL/search?q=meeting&lang=en" >"$T/page-en.html"
expect_grep "$T/page-en.html" 'lang="en"' "the English results page is in English"
expect_eq "$(status "$URL/api/search?q=x&page=0")" 400 "a bad page number is refused"
expect_eq "$(status "$URL/api/search?q=%ff%fe")" 400 "a query that is not UTF-8 is refused"
expect_eq "$(status "$URL/api/search?q=a&from=yesterday")" 400 "a bad date is refused"
expect_eq "$(status -X POST "$URL/api/search?q=a")" 405 "search takes GET only"
curl -s "$URL/api/search?q=%22%20OR%20*%20NEAR(" >"$T/hostile.json"
expect_grep "$T/hostile.json" '"total":' "FTS5 syntax typed is plain text"

# --- visit counts ---------------------------------------------------
id=$(sqlite3 "$S/gazette.db" "SELECT article_id FROM published ORDER BY article_id LIMIT 1")
hits() { # hits N: N counted visits, one connection each
	k=0
	while [ $k -lt "$1" ]; do
		curl -s -o /dev/null -X POST -A "$UA" "$URL/api/visit?id=$id"
		k=$((k + 1))
	done
}
workers=
for w in 1 2 3 4 5 6 7 8; do hits 25 & workers="$workers $!"; done
# robots and prefetches are answered, not counted
for k in 1 2 3 4 5; do
	curl -s -o /dev/null -X POST -A "Googlebot/2.1" "$URL/api/visit?id=$id"
	curl -s -o /dev/null -X POST "$URL/api/visit?id=$id"
	curl -s -o /dev/null -X POST -A "$UA" -H 'Sec-Purpose: prefetch' "$URL/api/visit?id=$id"
done
# shellcheck disable=SC2086
wait $workers
got=$(curl -s "$URL/api/visit?id=$id")
expect_eq "$got" '{"count": 200}' "200 concurrent visits counted exactly, robots not"
curl -s -A "$UA" -o "$T/pixel.gif" -w '%{content_type}' "$URL/api/visit?id=$id&nojs=1" >"$T/ct"
expect_eq "$(cat "$T/ct")" "image/gif" "the no-JavaScript pixel is an image"
expect_eq "$(curl -s "$URL/api/visit?id=$id")" '{"count": 201}' "the pixel counts"
expect_eq "$(status "$URL/api/visit?id=999999")" 404 "an unknown article is not counted"
expect_eq "$(status "$URL/api/visit?id=abc")" 400 "a bad id is refused"
expect_eq "$(status -X DELETE "$URL/api/visit?id=$id")" 405 "visit takes GET and POST"
if stop_server; then ok "SIGTERM: exit 0"; else not_ok "SIGTERM: exit 0"; fi
expect_eq "$(sqlite3 "$S/gazette.db" "SELECT n FROM visit WHERE article_id = $id")" 201 \
    "every visit is written on shutdown"
expect_eq "$(sqlite3 "$S/gazette.db" "SELECT sum(n) FROM visit_day WHERE article_id = $id")" 201 \
    "the per-day table has them too"
start_server || { not_ok "server restarts"; finish; exit 1; }
curl -s -o /dev/null -X POST -A "$UA" "$URL/api/visit?id=$id"
expect_eq "$(curl -s "$URL/api/visit?id=$id")" '{"count": 202}' "counts go on after a restart"

# --- scheduled publishing ------------------------------------------
now=$(cat "$T/now")
rfc() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S+00:00; }
"$G" -C "$S" article add --channel news --lang en --title "Scheduled zebra notice" \
    --slug scheduled-zebra --date "$(rfc $((now + 120)))" --status published \
    --body - >"$T/add.out" 2>&1 <<'MD'
The zebra committee meets next week.
MD
expect_eq "$?" 0 "a scheduled article is saved"
page=$URL/en/news/scheduled-zebra.html
expect_eq "$(status "$page")" 404 "a future article is not published"
expect_eq "$(curl -s "$URL/api/search?q=zebra" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" 0 \
    "nor searchable"
echo $((now + 180)) >"$T/now"
if poll 10 sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$page') = 200 ]"; then
	ok "it goes live when its time comes, with nobody acting"
else
	not_ok "it goes live when its time comes"; cat "$T/serve.err"
fi
# The index follows the pages within the same publish, a moment later.
found() { [ "$(curl -s "$URL/api/search?q=zebra" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" = 1 ]; }
if poll 5 found; then ok "and is found by search"; else not_ok "and is found by search"; fi
curl -s "$URL/en/news/" >"$T/list.html"
expect_grep "$T/list.html" "Scheduled zebra notice" "and is listed in its channel"
now=$(cat "$T/now")
"$G" -C "$S" article edit en/news/scheduled-zebra \
    --expire "$(rfc $((now + 60)))" >/dev/null 2>&1
expect_eq "$(status "$page")" 200 "a takedown time in the future leaves it online"
echo $((now + 120)) >"$T/now"
if poll 10 sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$page') = 404 ]"; then
	ok "it goes offline when its takedown time comes"
else
	not_ok "it goes offline when its takedown time comes"
fi
# Due while no server runs: published at the next start.
stop_server
now=$(cat "$T/now")
"$G" -C "$S" article add --channel news --lang en --title "Quokka later" \
    --slug quokka-later --status published \
    --date "$(rfc $((now + 60)))" --body - >/dev/null 2>&1 <<'MD'
Quokkas.
MD
echo $((now + 120)) >"$T/now"
start_server
if poll 10 sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$URL/en/news/quokka-later.html') = 200 ]"; then
	ok "what came due while the server was down is published at start"
else
	not_ok "what came due while the server was down is published at start"
fi
rm -rf "$T/full" "$T/.full.gen"
"$G" -C "$S" build --out "$T/full" >/dev/null 2>&1
if diff -r "$S/public/" "$T/full/" >"$T/diff" 2>&1; then
	ok "the scheduled publishes leave exactly the tree a full build makes"
else
	not_ok "the scheduled publishes leave exactly the tree a full build makes"
	head -5 "$T/diff"
fi
if stop_server; then ok "SIGTERM: exit 0 again"; else not_ok "SIGTERM: exit 0 again"; fi
finish
