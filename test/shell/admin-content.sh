#!/bin/sh
# Writing and checking articles through the admin on the real server: the
# media library, pasted bodies, the pre-publish checks and publishing over
# them with a reason (test/admin/content_check.py).
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")/../.." && pwd)
S=$T/site
PID=
trap 'stop_server; rm -rf "$T"' EXIT
echo 1775000000 >"$T/now" # 2026-04-01
export GAZETTE_NOW=@$T/now
admin_site
expect_exit 0 "build" -- "$G" -C "$S" build
start_server || { not_ok "server starts"; finish; exit 1; }
ok "server starts on $URL"
python3 "$HERE/test/admin/content_check.py" "$URL" "$S" "$T/now" \
    >"$T/content.out" 2>&1
rc=$?
cat "$T/content.out"
[ $rc -eq 0 ] && ok "content_check finished" ||
    not_ok "content_check finished (exit $rc)"
stop_server
rc=$?
expect_eq $rc 0 "the server stops cleanly"
[ $rc -eq 0 ] || tail -40 "$T/serve.err"
finish
