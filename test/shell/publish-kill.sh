#!/bin/sh
# A full build killed at any moment leaves the previous site untouched
# and serving; the next build succeeds and cleans up after the dead one.
. "$(dirname "$0")/lib.sh"
S=$T/site
GEN=${GAZETTE_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}/bench/gen-corpus
python3 "$GEN" -n 3000 --seed 5 -o "$T/corpus" >/dev/null 2>&1 ||
    { not_ok "gen-corpus"; finish; exit 1; }
"$G" -C "$S" init --lang zh,en >/dev/null
"$G" -C "$S" import --quiet "$T/corpus/content" >/dev/null 2>&1
expect_exit 0 "first build" -- "$G" -C "$S" build --jobs 2
live1=$(readlink "$S/public")
sum1=$(cd "$S/public/" && find . -type f | sort | xargs md5sum | md5sum)
# Change every page (a new site title), then kill builds at several moments.
"$G" -C "$S" site edit main --title "Renamed" >/dev/null 2>&1 &
wait
# site edit republished the whole site: that is the new baseline.
live1=$(readlink "$S/public")
sum1=$(cd "$S/public/" && find . -type f | sort | xargs md5sum | md5sum)
for delay in 0.05 0.2 0.5 1; do
	"$G" -C "$S" build --jobs 2 >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	now=$(readlink "$S/public")
	if [ "$now" = "$live1" ]; then
		sum=$(cd "$S/public/" && find . -type f | sort | xargs md5sum | md5sum)
		expect_eq "$sum" "$sum1" "killed after ${delay}s: the old tree is untouched"
	else
		# The build finished before the kill: the new tree is whole.
		test -f "$S/public/index.html" && ok "build finished before the kill at ${delay}s" ||
		    not_ok "a half tree is live after a kill at ${delay}s"
		live1=$now
		sum1=$(cd "$S/public/" && find . -type f | sort | xargs md5sum | md5sum)
	fi
	test -f "$S/public/index.html" && ok "site still serves after a kill at ${delay}s" ||
	    not_ok "site still serves after a kill at ${delay}s"
done
expect_exit 0 "a build after the kills" -- "$G" -C "$S" build --jobs 2
gens=$(ls "$S/.public.gen" | wc -l)
[ "$gens" -le 2 ] && ok "dead builds cleaned up ($gens generations kept)" ||
    not_ok "dead builds cleaned up ($gens generations left)"
# A build that fails (no theme) leaves the old site too.
before=$(readlink "$S/public")
"$G" -C "$S" site edit main --set theme=nope >/dev/null 2>&1
expect_exit 4 "a build with a missing theme fails" -- "$G" -C "$S" build
expect_grep "$T/err" 'no theme "nope"' "missing theme is named"
expect_eq "$(readlink "$S/public")" "$before" "a failed build leaves the live site"
finish
