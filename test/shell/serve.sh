#!/bin/sh
# gazette serve: the real server on a loopback port against the demo
# content, checked with curl and raw sockets (python3): files and their
# types, folders, conditional and range requests, gzip, the 404 pages,
# every way out of the tree, malformed requests, security headers, the
# access log, republishing without a restart, and a clean stop.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { not_ok "curl is installed (scripts/deps)"; finish; exit 1; }
# The demo's articles are dated 2026: let them be live.
unset GAZETTE_NOW
S=$T/site
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PID=""
PID2=""
# Whatever happens, no server is left behind.
cleanup() {
	for p in $PID $PID2; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT

"$G" -C "$S" init --name riverside --title "滨江市科学技术协会" --lang zh,en \
    --base-url http://127.0.0.1:8080/ >/dev/null &&
"$G" -C "$S" import "$ROOT/examples/demo/content" >/dev/null &&
"$G" -C "$S" build >/dev/null || { not_ok "demo site built"; finish; exit 1; }

# start_server OUT [ENV=...]: start gazette serve on a free port; sets
# PORT and SPID.
start_server() {
	out=$1
	shift
	: >"$out"
	env "$@" "$G" -C "$S" serve --listen 127.0.0.1:0 --threads 2 \
	    >"$out" 2>"$out.err" &
	SPID=$!
	PORT=""
	for _ in $(seq 100); do
		PORT=$(sed -n 's|^gazette: serving .* on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$out")
		[ -n "$PORT" ] && break
		sleep 0.02
	done
}

start_server "$T/serve.out"
PID=$SPID
if [ -z "$PORT" ]; then
	not_ok "server started"; cat "$T/serve.out.err"; finish; exit 1
fi
expect_eq "$(cat "$T/serve.out")" "gazette: serving $S/public on http://127.0.0.1:$PORT/" \
    "the start line names the tree and the real port"
B=http://127.0.0.1:$PORT

# get [CURL ARGS] URL: status in $code, headers in $T/h, body in $T/b.
get() {
	rm -f "$T/b"
	touch "$T/b"
	code=$(curl -s -o "$T/b" -D "$T/h" -w '%{http_code}' "$@")
}
# hdr NAME: the value of a response header in $T/h (last one wins).
hdr() {
	tr -d '\r' <"$T/h" | sed -n "s/^$1: //Ip" | tail -1
}
# raw PRINTF-FORMAT [all]: send bytes on a new connection (bash's
# /dev/tcp), print the status line, or with "all" the whole answer.
raw() {
	timeout 5 bash -c 'trap "" PIPE
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf "$2" >&3 2>/dev/null
if [ "$3" = all ]; then cat <&3; else
	IFS= read -r l <&3 2>/dev/null; printf "%s\n" "${l%$'"'"'\r'"'"'}"; fi' raw "$PORT" "$1" "${2-}"
}
# what: a printable name for a request format in a check.
what() {
	printf '%s' "$1" | head -c 30 | tr '\\' '/'
}

# --- files, types, folders -------------------------------------------
get "$B/"
expect_eq "$code" 200 "GET / is 200"
expect_eq "$(hdr Content-Type)" "text/html; charset=utf-8" "/ is HTML in UTF-8"
cmp -s "$T/b" "$S/public/index.html" && ok "/ is index.html" || not_ok "/ is index.html"
get "$B/en/"
expect_eq "$code" 200 "GET /en/ is 200"
cmp -s "$T/b" "$S/public/en/index.html" && ok "/en/ is en/index.html" || not_ok "/en/ is en/index.html"
get "$B/en"
expect_eq "$code:$(hdr Location)" "301:/en/" "/en redirects to /en/"
get "$B/en/news?page=2"
expect_eq "$code:$(hdr Location)" "301:/en/news/?page=2" "the redirect keeps the query"

# A folder of test files in the live tree (gone after the next build).
L=$S/public/t
mkdir -p "$L/sub"
for f in a.css a.js a.json a.xml feed.rss a.txt a.svg a.png a.jpg a.gif \
    a.webp a.ico a.pdf a.doc a.docx a.xls a.xlsx a.ppt a.pptx a.wps a.zip \
    a.woff2 a.mp4 a.unknown A.PNG noext; do
	printf 'x' >"$L/$f"
done
for pair in "a.css text/css; charset=utf-8" "a.js text/javascript; charset=utf-8" \
    "a.json application/json; charset=utf-8" "a.xml application/xml; charset=utf-8" \
    "feed.rss application/xml; charset=utf-8" "a.txt text/plain; charset=utf-8" \
    "a.svg image/svg+xml; charset=utf-8" "a.png image/png" "a.jpg image/jpeg" \
    "a.gif image/gif" "a.webp image/webp" "a.ico image/x-icon" "a.pdf application/pdf" \
    "a.doc application/msword" \
    "a.docx application/vnd.openxmlformats-officedocument.wordprocessingml.document" \
    "a.xls application/vnd.ms-excel" \
    "a.xlsx application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" \
    "a.ppt application/vnd.ms-powerpoint" \
    "a.pptx application/vnd.openxmlformats-officedocument.presentationml.presentation" \
    "a.wps application/vnd.ms-works" "a.zip application/zip" "a.woff2 font/woff2" \
    "a.mp4 video/mp4" "a.unknown application/octet-stream" "A.PNG image/png" \
    "noext application/octet-stream"; do
	f=${pair%% *}
	get "$B/t/$f"
	expect_eq "$code $(hdr Content-Type)" "200 ${pair#* }" "type of $f"
done
get "$B/rss.xml"
expect_eq "$(hdr Content-Type)" "application/xml; charset=utf-8" "the site's RSS feed is XML"
get "$B/rss.xml.gz"
expect_eq "$code $(hdr Content-Type) $(hdr Content-Encoding)" "200 application/gzip " \
    "a .gz asked for by name is application/gzip, not encoded"
get "$B/assets/gazette.css"
case "$(hdr Cache-Control)" in
*max-age=86400*) ok "assets are kept a day" ;;
*) not_ok "assets are kept a day (got $(hdr Cache-Control))" ;;
esac
get "$B/en/"
expect_eq "$(hdr Cache-Control)" "public, max-age=60" "pages are kept a minute"

# --- HEAD, methods ----------------------------------------------------
size=$(wc -c <"$S/public/index.html" | tr -d ' ')
raw 'HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' all >"$T/head"
tr -d '\r' <"$T/head" >"$T/h"
expect_eq "$(head -1 "$T/h"):$(hdr Content-Length)" "HTTP/1.1 200 OK:$size" "HEAD has the length"
expect_eq "$(sed -n '/^\r$/,$p' "$T/head" | wc -c | tr -d ' ')" 2 "HEAD has no body"
for m in POST PUT DELETE OPTIONS PATCH; do
	get -X "$m" "$B/"
	expect_eq "$code:$(hdr Allow)" "405:GET, HEAD" "$m / is 405 with Allow"
done

# --- conditional requests ----------------------------------------------
get "$B/en/"
etag=$(hdr ETag)
lm=$(hdr Last-Modified)
[ -n "$etag" ] && ok "ETag sent ($etag)" || not_ok "ETag sent"
[ -n "$lm" ] && ok "Last-Modified sent ($lm)" || not_ok "Last-Modified sent"
get -H "If-None-Match: $etag" "$B/en/"
expect_eq "$code:$(wc -c <"$T/b" | tr -d ' ')" "304:0" "If-None-Match: the ETag gives 304 and no body"
expect_eq "$(hdr ETag)" "$etag" "the 304 names the ETag"
get -H "If-None-Match: \"other\", W/$etag" "$B/en/"
expect_eq "$code" 304 "If-None-Match: a list with the weak ETag gives 304"
get -H 'If-None-Match: "other"' "$B/en/"
expect_eq "$code" 200 "If-None-Match: another ETag gives 200"
get -H "If-Modified-Since: $lm" "$B/en/"
expect_eq "$code" 304 "If-Modified-Since: the Last-Modified date gives 304"
get -H "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT" "$B/en/"
expect_eq "$code" 200 "If-Modified-Since: an older date gives 200"
get -H 'If-None-Match: "other"' -H "If-Modified-Since: $lm" "$B/en/"
expect_eq "$code" 200 "If-None-Match wins over If-Modified-Since"

# --- gzip -------------------------------------------------------------
get -H "Accept-Encoding: gzip, deflate" "$B/en/"
expect_eq "$code:$(hdr Content-Encoding):$(hdr Vary)" "200:gzip:Accept-Encoding" "gzip copy with Vary"
gzip -dc <"$T/b" >"$T/unz" 2>/dev/null && cmp -s "$T/unz" "$S/public/en/index.html" &&
    ok "the gzip copy is the page" || not_ok "the gzip copy is the page"
gz_etag=$(hdr ETag)
[ "$gz_etag" != "$etag" ] && ok "the gzip copy has its own ETag" || not_ok "the gzip copy has its own ETag"
get -H "Accept-Encoding: gzip" -H "If-None-Match: $gz_etag" "$B/en/"
expect_eq "$code:$(hdr Content-Encoding)" "304:gzip" "304 for the gzip copy"
get "$B/en/"
expect_eq "$code:$(hdr Content-Encoding):$(hdr Vary)" "200::Accept-Encoding" \
    "no Accept-Encoding: identity, still with Vary"
for ae in "gzip;q=0" "gzip; q=0.000, deflate" "identity" "br" "*;q=0"; do
	get -H "Accept-Encoding: $ae" "$B/en/"
	expect_eq "$(hdr Content-Encoding)" "" "Accept-Encoding: $ae gives identity"
done
for ae in "*" "deflate, gzip;q=0.5" "GZIP" "x-gzip" "gzip;q=0, *"; do
	get -H "Accept-Encoding: $ae" "$B/en/"
	if [ "$ae" = "gzip;q=0, *" ]; then
		expect_eq "$(hdr Content-Encoding)" "" "Accept-Encoding: $ae gives identity"
	else
		expect_eq "$(hdr Content-Encoding)" "gzip" "Accept-Encoding: $ae gives gzip"
	fi
done
get -H "Accept-Encoding: gzip" "$B/t/a.png"
expect_eq "$(hdr Content-Encoding):$(hdr Vary)" ":" "an image: no gzip, no Vary"

# --- ranges -----------------------------------------------------------
get -r 0-9 "$B/"
expect_eq "$code:$(hdr Content-Range):$(wc -c <"$T/b" | tr -d ' ')" "206:bytes 0-9/$size:10" "Range 0-9"
expect_eq "$(cat "$T/b")" "$(head -c 10 "$S/public/index.html")" "Range 0-9 bytes"
get -H "Range: bytes=-5" "$B/"
expect_eq "$code:$(hdr Content-Range)" "206:bytes $((size - 5))-$((size - 1))/$size" "Range -5 (suffix)"
expect_eq "$(cat "$T/b")" "$(tail -c 5 "$S/public/index.html")" "Range -5 bytes"
get -H "Range: bytes=$((size - 3))-" -H "Accept-Encoding: gzip" "$B/"
expect_eq "$code:$(hdr Content-Range):$(hdr Content-Encoding)" \
    "206:bytes $((size - 3))-$((size - 1))/$size:" "Range a- (of the identity, even with gzip)"
get -H "Range: bytes=$size-" "$B/"
expect_eq "$code:$(hdr Content-Range)" "416:bytes */$size" "Range past the end is 416"
get -H "Range: bytes=0-1,5-6" "$B/"
expect_eq "$code" 200 "several ranges: the whole file"
get -H "Range: bytes=5-1" "$B/"
expect_eq "$code" 200 "an invalid range is ignored"
get -H "Range: bytes=0-9" -H 'If-Range: "stale"' "$B/"
expect_eq "$code" 200 "If-Range with another ETag: the whole file"
get -I "$B/"
expect_eq "$(hdr Accept-Ranges)" "bytes" "Accept-Ranges: bytes"

# --- 404 --------------------------------------------------------------
get "$B/no/such/page.html"
expect_eq "$code" 404 "a missing page is 404"
cmp -s "$T/b" "$S/public/404.html" && ok "... with the root 404 page" || not_ok "... with the root 404 page"
get "$B/en/news/no-such-article.html"
expect_eq "$code" 404 "a missing English page is 404"
cmp -s "$T/b" "$S/public/en/404.html" && ok "... with the English 404 page" ||
    not_ok "... with the English 404 page"
printf 'secret' >"$S/public/.hidden"
mkdir -p "$S/public/.git" && printf 'secret' >"$S/public/.git/config"
for p in /.hidden /.git/config /t/.hidden /.git/; do
	get "$B$p"
	expect_eq "$code" 404 "hidden $p is 404"
done

# --- every way out of the tree ----------------------------------------
ln -s /etc/passwd "$L/passwd"
ln -s /etc "$L/etc"
ln -s ../index.html "$L/home.html"
ln -s ../en "$L/en"
for p in "/../../../etc/passwd" "/t/../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" \
    "/%2E%2e%2fetc%2fpasswd" "/t%2fa.css" "/t%2Fa.css" "/a%00b" "/t/a.css%00.html" \
    "/t%5ca.css" '/t\a.css' "/%c0%ae%c0%ae/etc/passwd" "/%ff" "/%e4%b8" "/%zz" "/%2" \
    "/./index.html" "/t/." "/.%2e/etc/passwd"; do
	get --path-as-is "$B$p"
	if [ "$code" -ge 400 ] && [ "$code" -lt 500 ] && ! grep -q 'root:' "$T/b"; then
		ok "$p refused ($code)"
	else
		not_ok "$p refused (got $code)"
	fi
done
for p in /t/passwd /t/etc/passwd /t/etc/; do
	get "$B$p"
	expect_eq "$code" 404 "symlink out of the tree $p is 404"
	grep -q 'root:' "$T/b" && not_ok "$p leaked /etc"
done
get "$B/t/home.html"
expect_eq "$code" 200 "a symlink that stays inside is served"
get "$B/t/en/"
expect_eq "$code" 200 "a folder symlink that stays inside is served"

# --- malformed requests ------------------------------------------------
for req in 'GARBAGE\r\n\r\n' 'GET\r\n\r\n' 'GET / HTTP/9.9\r\nHost: a\r\n\r\n' \
    'GET / FOO/1.1\r\nHost: a\r\n\r\n' 'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n' \
    'G\001T / HTTP/1.1\r\nHost: a\r\n\r\n' 'GET /\001 HTTP/1.1\r\nHost: a\r\n\r\n' \
    'GET * HTTP/1.1\r\nHost: a\r\n\r\n' 'GET ftp://x/ HTTP/1.1\r\nHost: a\r\n\r\n' \
    'GET / HTTP/1.1\r\nBad Header\r\n\r\n'; do
	line=$(raw "$req")
	case "$line" in
	"" | "HTTP/1.1 4"* | "HTTP/1.1 505"*) ok "malformed $(what "$req"): ${line:-closed}" ;;
	*) not_ok "malformed $(what "$req"): got \"$line\"" ;;
	esac
done
expect_eq "$(raw '\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n')" "HTTP/1.1 200 OK" \
    "empty lines before a request are skipped"
expect_eq "$(raw 'GET / HTTP/9.9\r\nHost: a\r\n\r\n')" "HTTP/1.1 505 HTTP Version Not Supported" \
    "an unknown HTTP version is 505"
expect_eq "$(raw 'GET /a%%00 HTTP/1.1\r\nHost: a\r\n\r\n')" "HTTP/1.1 400 Bad Request" \
    "a NUL in the path is 400"
big=$(head -c 40000 /dev/zero | tr '\0' a)
# MHD answers 431 or 414 and closes with the rest unread: the client may
# see the reset before the answer, so an empty answer passes too.
line=$(raw "GET / HTTP/1.1\r\nHost: a\r\nX-Big: $big\r\n\r\n")
case "$line" in "HTTP/1.1 4"* | "") ok "a huge header is refused (${line:-reset})" ;;
*) not_ok "a huge header is refused (got \"$line\")" ;; esac
line=$(raw "GET /$big$big HTTP/1.1\r\nHost: a\r\n\r\n")
case "$line" in "HTTP/1.1 4"* | "") ok "a huge URL is refused (${line:-reset})" ;;
*) not_ok "a huge URL is refused (got \"$line\")" ;; esac
long=$(head -c 5000 /dev/zero | tr '\0' a)
get "$B/$long"
expect_eq "$code" 414 "a path over 4 KiB is 414"
get "$B/"
expect_eq "$code" 200 "the server still serves after all that"

# --- security headers ---------------------------------------------------
for p in / /en /nope /%zz /t/a.png; do
	get "$B$p"
	case "$(hdr Content-Security-Policy)" in
	"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'") ;;
	*) not_ok "CSP on $p ($code)"; continue ;;
	esac
	expect_eq "$(hdr X-Content-Type-Options):$(hdr Referrer-Policy):$(hdr X-Frame-Options)" \
	    "nosniff:strict-origin-when-cross-origin:SAMEORIGIN" "security headers on $p ($code)"
done
get -X POST "$B/"
[ -n "$(hdr Content-Security-Policy)" ] && ok "security headers on a 405" || not_ok "security headers on a 405"

# --- the walk without openat2(2) ----------------------------------------
start_server "$T/serve2.out" GAZETTE_SERVE_NO_OPENAT2=1
PID2=$SPID
B2=http://127.0.0.1:$PORT
get "$B2/en/"
expect_eq "$code" 200 "without openat2: pages are served"
get "$B2/en"
expect_eq "$code" 301 "without openat2: folders redirect"
for p in /t/passwd /t/etc/passwd; do
	get "$B2$p"
	expect_eq "$code" 404 "without openat2: symlink out of the tree $p is 404"
done
kill -TERM "$PID2"
wait "$PID2"
expect_eq "$?" 0 "the second server stops with 0"
PID2=""

# --- republishing without a restart -------------------------------------
page=en/news/engineers-from-sister-city-northport-visit-riverside.html
get "$B/$page"
grep -q 'Engineers from Sister City' "$T/b" && ok "the article is served" ||
    { not_ok "the article is served ($code)"; ls "$S/public/en/news/"; }
get -H "Accept-Encoding: gzip" "$B/$page"
"$G" -C "$S" article edit 4 --title "Renamed In Place" >/dev/null 2>&1
live=$(readlink "$S/public")
get "$B/$page"
grep -q 'Renamed In Place' "$T/b" && ok "an edit republished in place is served at once" ||
    not_ok "an edit republished in place is served at once"
get -H "Accept-Encoding: gzip" "$B/$page"
gzip -dc <"$T/b" 2>/dev/null | grep -q 'Renamed In Place' &&
    ok "... and its gzip copy too" || not_ok "... and its gzip copy too"
expect_eq "$(readlink "$S/public")" "$live" "(that edit stayed in the same generation)"
# The publisher replaces a page, then its copy: between the two, the old
# copy (of the same length here) must not be served for the new page.
pg=$L/race.html
for i in 1 2 3 4 5 6 7 8; do echo "old page text, the same length as the new one"; done >"$pg"
gzip -9 -c "$pg" >"$pg.gz"
get -H "Accept-Encoding: gzip" "$B/t/race.html"
expect_eq "$(hdr Content-Encoding)" gzip "(the race page has a gzip copy)"
sed 's/old/new/' "$pg" >"$pg.tmp" && mv "$pg.tmp" "$pg"
get -H "Accept-Encoding: gzip" "$B/t/race.html"
expect_eq "$(hdr Content-Encoding):$(grep -c 'new page' "$T/b")" ":8" \
    "a copy older than its page is not served"
gzip -9 -c "$pg" >"$pg.tmp" && mv "$pg.tmp" "$pg.gz"
get -H "Accept-Encoding: gzip" "$B/t/race.html"
expect_eq "$(hdr Content-Encoding):$(gzip -dc <"$T/b" | grep -c 'new page')" "gzip:8" \
    "the new copy is served once it is there"
"$G" -C "$S" site edit riverside --title "New Generation Title" >/dev/null 2>&1
"$G" -C "$S" build >/dev/null 2>&1
[ "$(readlink "$S/public")" != "$live" ] && ok "(the build made a new generation)" ||
    not_ok "(the build made a new generation)"
# The marker is in the newest generation only: once it is served, the
# server follows the link to the end.
printf 'marker' >"$S/public/marker.txt"
seen=0
for _ in $(seq 50); do
	get "$B/marker.txt"
	if [ "$code" = 200 ]; then seen=1; break; fi
	sleep 0.05
done
expect_eq "$seen" 1 "a new generation is served without a restart"
get "$B/"
grep -q 'New Generation Title' "$T/b" && ok "... with the new pages" || not_ok "... with the new pages"
get "$B/t/a.css"
expect_eq "$code" 404 "files of the old generation are gone"

# --- stop: in-flight requests finish, the log is whole --------------------
head -c 3000000 /dev/urandom >"$S/public/big.bin"
get "$B/big.bin"
expect_eq "$code:$(wc -c <"$T/b" | tr -d ' ')" "200:3000000" "a big file (sendfile)"
get -r 2999990- "$B/big.bin"
expect_eq "$code:$(wc -c <"$T/b" | tr -d ' ')" "206:10" "a range of a big file"
mv "$S/log/access.log" "$S/log/access.log.1"
kill -HUP "$PID"
sleep 0.3
get "$B/after-hup"
# 16 MB at 12 MB/s: more than the socket buffers hold, so the server is
# still sending when it is told to stop.
head -c 16000000 /dev/zero >"$S/public/huge.bin"
curl -s --limit-rate 12M -o "$T/slow" "$B/huge.bin" &
CURL=$!
sleep 0.25
kill -TERM "$PID"
wait "$PID"
expect_eq "$?" 0 "SIGTERM: exit 0"
PID=""
wait "$CURL"
expect_eq "$(wc -c <"$T/slow" | tr -d ' ')" 16000000 "a download running at SIGTERM finished"
curl -s -o /dev/null "$B/" && not_ok "nothing listens after the stop" || ok "nothing listens after the stop"

cat "$S/log/access.log.1" "$S/log/access.log" >"$T/log" 2>/dev/null
n=$(wc -l <"$T/log" | tr -d ' ')
[ "$n" -gt 100 ] && ok "the access log has a line per request ($n)" || not_ok "the access log has a line per request ($n)"
bad=$(grep -Evc '^[0-9a-f.:]+ - - \[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} \+0000\] "[^"\\]*(\\.[^"\\]*)*" [0-9]{3} ([0-9]+|-)$' "$T/log")
expect_eq "$bad" 0 "every access log line is in Common Log Format"
grep -Eq '^127\.0\.0\.1 - - \[.*\] "GET /en/ HTTP/1\.1" 200 [0-9]+$' "$T/log" &&
    ok "a GET is logged with status and size" || not_ok "a GET is logged with status and size"
grep -q '"HEAD / HTTP/1.1" 200 -$' "$T/log" && ok "a HEAD is logged without bytes" ||
    not_ok "a HEAD is logged without bytes"
grep -q '"GET /\\u0001 HTTP/1.1" 400' "$T/log" && ok "control bytes in the log are escaped" ||
    not_ok "control bytes in the log are escaped"
grep -q '"GET /after-hup HTTP/1.1" 404' "$S/log/access.log" && ok "SIGHUP reopened the log" ||
    not_ok "SIGHUP reopened the log"
grep -q 'GET /huge.bin HTTP/1.1" 200 16000000' "$S/log/access.log" &&
    ok "the request in flight at SIGTERM is logged" ||
    { not_ok "the request in flight at SIGTERM is logged"; cat "$S/log/access.log"; }
cat "$T/serve.out.err" "$T/serve2.out.err" >"$T/err"
[ -s "$T/err" ] && { not_ok "no errors on stderr"; sed 's/^/    /' "$T/err" | head; } ||
    ok "no errors on stderr"
finish
