#!/bin/sh
# A full build over a live site links the pages whose bytes did not change
# to the live files instead of writing them again; the tree it makes is
# byte for byte the tree of a fresh build, and no file of an older
# generation is ever changed by later builds or edits.
. "$(dirname "$0")/lib.sh"
S=$T/site
GEN=${GAZETTE_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}/bench/gen-corpus
python3 "$GEN" -n 120 --seed 9 --translated 0.5 -o "$T/corpus" >/dev/null 2>&1 ||
    { not_ok "gen-corpus"; finish; exit 1; }
"$G" -C "$S" init --lang zh,en --base-url https://www.example.org/ >/dev/null
"$G" -C "$S" import --quiet "$T/corpus/content" >/dev/null 2>&1

# tree_sum DIR: one checksum of every file's name and bytes.
tree_sum() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs md5sum | md5sum); }
# links DIR: how many files of DIR have more than one name.
links() { find "$1" -type f -links +1 | wc -l; }

expect_exit 0 "first build" -- "$G" -C "$S" build
expect_grep "$T/out" "unchanged" "the build says how many files it left unchanged"
gen1=$S/$(readlink "$S/public")
expect_eq "$(links "$gen1")" 0 "a first build has nothing to link"
sum1=$(tree_sum "$gen1")

expect_exit 0 "a second build, nothing changed" -- "$G" -C "$S" build
expect_grep "$T/out" " 0 files written" "nothing was written"
gen2=$S/$(readlink "$S/public")
[ "$gen2" != "$gen1" ] && ok "the second build is a new generation" ||
    not_ok "the second build is a new generation"
page=$(cd "$gen2" && find . -name index.html -path './news/*' | head -1)
expect_eq "$(stat -c %i "$gen2/$page")" "$(stat -c %i "$gen1/$page")" \
    "an unchanged page is the live file, linked ($page)"
expect_eq "$(stat -c %i "$gen2/$page.gz")" "$(stat -c %i "$gen1/$page.gz")" \
    "and so is its .gz copy"
expect_eq "$(tree_sum "$gen2")" "$sum1" "the linked tree has the same bytes"

# The same tree as a fresh build, which links nothing.
expect_exit 0 "a fresh build elsewhere" -- "$G" -C "$S" build --fresh --out "$T/fresh"
expect_eq "$(links "$T/fresh/")" 0 "--fresh links nothing"
if diff -r "$T/fresh/" "$S/public/" >"$T/diff" 2>&1; then
	ok "the rebuilt tree is the fresh tree, byte for byte"
else
	not_ok "the rebuilt tree is the fresh tree, byte for byte"
	head -5 "$T/diff" | sed 's/^/    /'
fi

# An edit republishes into the live generation by rename: the previous
# generation (which shares its files) keeps its bytes.
id=$("$G" -C "$S" article list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_exit 0 "an edit" -- "$G" -C "$S" article edit "$id" --title "A new title"
expect_eq "$(tree_sum "$gen1")" "$sum1" "the previous generation is untouched by an edit"

# A change to every page (a new site title republishes the whole site):
# every page is written, none linked, and the generation it replaces
# keeps its bytes.
sum2=$(tree_sum "$gen2")
expect_exit 0 "a change to every page" -- "$G" -C "$S" site edit main --title "Renamed Society"
gen3=$S/$(readlink "$S/public")
i2=$(stat -c %i "$gen2/$page") i3=$(stat -c %i "$gen3/$page")
[ -n "$i2" ] && [ -n "$i3" ] && [ "$i3" != "$i2" ] &&
    ok "a changed page is a new file" || not_ok "a changed page is a new file ($i2 $i3)"
expect_grep "$gen3/$page" "Renamed Society" "with the new bytes"
expect_eq "$(tree_sum "$gen2")" "$sum2" "the generation it replaced is untouched"
expect_exit 0 "a fresh build of the new state" -- "$G" -C "$S" build --fresh --out "$T/fresh2"
if diff -r "$T/fresh2/" "$S/public/" >"$T/diff" 2>&1; then
	ok "after the change, the rebuilt tree is the fresh tree"
else
	not_ok "after the change, the rebuilt tree is the fresh tree"
	head -5 "$T/diff" | sed 's/^/    /'
fi
expect_exit 0 "--fresh over the live site" -- "$G" -C "$S" build --fresh
expect_grep "$T/out" " 0 unchanged" "--fresh writes every file"
finish
