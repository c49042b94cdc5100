#!/bin/sh
# The admin's JSON API on the real server: every permission rule and
# workflow transition, sessions, CSRF, throttling, passwords, the audit
# log (test/admin/api_check.py), with a clock the test moves.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")/../.." && pwd)
S=$T/site
PID=
trap 'stop_server; rm -rf "$T"' EXIT
echo 1775000000 >"$T/now" # 2026-04-01
export GAZETTE_NOW=@$T/now
export GAZETTE_SCHEDULE_SECONDS=1

user() { # user NAME PASSWORD ROLE [--site S]
	n=$1 p=$2 r=$3
	shift 3
	echo "$p" | "$G" -C "$S" user add "$n" --role "$r" "$@" >/dev/null
}

"$G" -C "$S" init --lang zh,en --title "测试协会" --base-url https://www.example.org/ >/dev/null
"$G" -C "$S" import --quiet "$HERE/examples/demo/content" >/dev/null 2>&1
"$G" -C "$S" site add branch --title "分会" >/dev/null
"$G" -C "$S" channel edit news --lang zh --review-levels 2 >/dev/null
"$G" -C "$S" channel edit notices --lang zh --review-levels 0 >/dev/null
user root root-pass-123 admin
user branchadm branch-pass-1 site_admin --site branch
user ed editor-pass-1 editor
user ed2 editor-pass-2 editor
user r1 review-pass-1 reviewer
user r2 review-pass-2 reviewer
user r12 review-pass-12 reviewer
user mgr manage-pass-1 editor
user nobody nobody-pass-1 editor
user locked locked-pass-1 editor
grant() { "$G" -C "$S" user grant "$@" --lang zh >/dev/null; }
grant ed --channel news --can edit
grant ed --channel notices --can edit
grant ed2 --channel science-pop --can edit
grant r1 --channel news --can review --level 1
grant r2 --channel news --can review --level 2
grant r12 --channel news --can review --level 1
grant r12 --channel news --can review --level 2
grant mgr --channel news --can manage
expect_exit 0 "build" -- "$G" -C "$S" build
start_server || { not_ok "server starts"; finish; exit 1; }
ok "server starts on $URL"
python3 "$HERE/test/admin/api_check.py" "$URL" "$S" "$T/now" >"$T/api.out" 2>&1
rc=$?
cat "$T/api.out"
[ $rc -eq 0 ] && ok "api_check finished" || not_ok "api_check finished (exit $rc)"
stop_server
rc=$?
expect_eq $rc 0 "the server stops cleanly"
[ $rc -eq 0 ] || tail -40 "$T/serve.err"
finish
