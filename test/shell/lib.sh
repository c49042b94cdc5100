# Shared by the shell tests: sourced, with $G the gazette binary.
# Each test file prints "ok - what" or "not ok - what" per check and ends
# with `finish`, which exits non-zero if any check failed.
set -u
T=$(mktemp -d /tmp/gz-shell.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0
export GAZETTE_NOW=1700000000

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# expect_exit CODE WHAT -- COMMAND...: run, check the exit code; output
# goes to $T/out and $T/err.
expect_exit() {
	want=$1 what=$2
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$what"
	else
		not_ok "$what (exit $got, want $want)"
		sed 's/^/    err: /' "$T/err" | head -5
	fi
}

# expect_grep FILE PATTERN WHAT: a fixed string is in FILE.
expect_grep() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else
		not_ok "$3 (no \"$2\" in $(basename "$1"))"
		sed 's/^/    got: /' "$1" | head -5
	fi
}

# expect_eq GOT WANT WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3 (got \"$1\", want \"$2\")"; fi
}

# The number of articles stored, all statuses, trash excluded.
count_articles() {
	"$G" -C "$1" article list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

# A dump of every table but the audit log, to prove nothing was lost.
dump_store() {
	sqlite3 "$1/gazette.db" "SELECT * FROM site; SELECT * FROM channel;
	    SELECT * FROM article ORDER BY id; SELECT id, article_id, number,
	    created, actor, note, data FROM revision ORDER BY id;
	    SELECT * FROM user; SELECT * FROM permission;"
}

finish() {
	echo "# $(basename "$0"): $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# start_server: `gazette serve` on a free loopback port for the site $S,
# URL set to its address, PID to its process (the caller's EXIT trap
# calls stop_server).  stop_server: SIGTERM, and its exit status.
start_server() {
	"$G" -C "$S" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" &
	PID=$!
	i=0
	while ! grep -q '^gazette: serving' "$T/serve.out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$PID" 2>/dev/null; then
			cat "$T/serve.err" >&2
			return 1
		fi
		sleep 0.1
	done
	URL=$(sed -n 's|^gazette: serving .* on \(http://[^/]*\)/$|\1|p' "$T/serve.out")
}
stop_server() {
	[ -n "$PID" ] || return 0
	kill -TERM "$PID" 2>/dev/null
	wait "$PID"
	rc=$?
	PID=
	return $rc
}

# admin_site: the site $S of the admin's tests (the demo's content, a
# second site "branch", news with 2 review levels, notices with none) and
# its users: root (administrator), branchadm (of branch), ed and ed2
# (editors), r1, r2, r12 (reviewers of news levels 1, 2, both), mgr
# (manages news), nobody (writes nowhere), locked.  Needs HERE (the
# source tree).
admin_site() {
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
}
