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

admin_site # lib.sh: the site, its users and their permissions
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
