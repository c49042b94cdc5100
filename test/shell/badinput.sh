#!/bin/sh
# Bad input: each case gives a clear message naming the file, line or
# field, the rest still imports, and nothing already stored is lost.
. "$(dirname "$0")/lib.sh"
S=$T/site
C=$T/content
"$G" -C "$S" init --lang zh,en >/dev/null

art() { # path title extra-front-matter body
	mkdir -p "$(dirname "$1")"
	printf -- '---\ntitle: "%s"\ndate: 2026-03-02T09:30:00+08:00\n%b---\n\n%s\n' "$2" "$3" "$4" >"$1"
}
# A good site first: this must survive everything below.
art "$C/zh/news/good.md" "好文章" "" "正文。"
art "$C/en/news/good.md" "Good" "" "Body."
printf -- '---\ntitle: "新闻"\nweight: 1\n---\n' >"$C/zh/news/_index.md"
expect_exit 0 "import a good tree" -- "$G" -C "$S" import "$C"
before_old=$(sqlite3 "$S/gazette.db" "SELECT * FROM site; SELECT * FROM channel;
    SELECT * FROM article WHERE id <= 2; SELECT * FROM revision WHERE article_id <= 2")

B=$T/bad
mkdir -p "$B"
cp -r "$C/zh" "$C/en" "$B/"
# broken YAML: an unclosed quote on line 3
printf -- '---\ntitle: "ok"\nauthor: "unclosed\ndate: 2026-01-01\n---\nbody\n' >"$B/zh/news/broken.md"
# a missing title
printf -- '---\nauthor: "王伟"\n---\nbody\n' >"$B/zh/news/notitle.md"
# invalid UTF-8 on line 4, column 3
printf -- '---\ntitle: "x"\n---\nab\377\376cd\n' >"$B/zh/news/badutf8.md"
# a 50 MB file
art "$B/zh/news/huge.md" "Huge" "" "x"
head -c 52428800 /dev/zero | tr '\0' 'a' >>"$B/zh/news/huge.md"
# an unknown language
art "$B/fr/news/bonjour.md" "Bonjour" "" "Texte."
# two files with one slug
art "$B/en/news/first.md" "First" "slug: \"same\"\n" "One."
art "$B/en/news/same.md" "Second" "" "Two."
# a file in no channel
art "$B/zh/loose.md" "Loose" "" "x"
# a bad date and a bad weight
art "$B/en/news/baddate.md" "Bad date" "" "x"
sed -i 's/^date: .*/date: 2026-02-30/' "$B/en/news/baddate.md"
art "$B/en/news/badweight.md" "Bad weight" "weight: heavy\n" "x"
# a lang field that contradicts the folder
art "$B/en/news/wronglang.md" "Wrong" "lang: zh\n" "x"
# and one good new article, which must import
art "$B/en/news/fresh.md" "Fresh" "" "New."

expect_exit 3 "import with bad files exits 3" -- "$G" -C "$S" import "$B"
E=$T/err
expect_grep "$E" "$B/zh/news/broken.md:5:1: YAML error" "broken YAML: path and line"
expect_grep "$E" "starts on line 3" "broken YAML: where the problem starts"
expect_grep "$E" "$B/zh/news/notitle.md:1: no title" "missing title: path, line and field"
expect_grep "$E" "$B/zh/news/badutf8.md:4:3: invalid UTF-8" "invalid UTF-8: path, line and column"
expect_grep "$E" "$B/zh/news/huge.md: file is 52.4 MB" "50 MB file: path and size"
expect_grep "$E" "raise the limit" "50 MB file: what to do"
expect_grep "$E" "$B/fr: language \"fr\" is not one of site main's languages (zh,en)" "unknown language: folder named"
expect_grep "$E" "gazette site edit main --lang zh,en,fr" "unknown language: what to do"
expect_grep "$E" "slug \"same\"" "two files with one slug: the slug"
expect_grep "$E" "already used by $B/en/news/first.md" "two files with one slug: the other file"
expect_grep "$E" "$B/zh/loose.md: articles belong in a channel folder" "file outside a channel"
expect_grep "$E" "$B/en/news/baddate.md:3:" "bad date: path and line"
expect_grep "$E" "$B/en/news/badweight.md:4:" "bad weight: path and line"
expect_grep "$E" "lang: the file says \"zh\" but is in the en folder" "lang contradicting the folder"
expect_grep "$T/out" "skipped" "summary line counts the skipped files"
expect_grep "$T/out" "14 files: 2 new, 0 updated, 2 unchanged, 10 skipped" "summary: the good new files imported, the rest skipped"
"$G" -C "$S" article show en/news/fresh >/dev/null 2>&1 && ok "fresh.md is stored" || not_ok "fresh.md is stored"
"$G" -C "$S" article show zh/news/good >/dev/null 2>&1 && ok "earlier article kept" || not_ok "earlier article kept"
expect_eq "$(count_articles "$S")" 4 "exactly the good articles are stored"
# The rows stored before are exactly as they were.
old_rows() { sqlite3 "$S/gazette.db" "SELECT * FROM site; SELECT * FROM channel;
    SELECT * FROM article WHERE id <= 2; SELECT * FROM revision WHERE article_id <= 2"; }
expect_eq "$(old_rows | md5sum)" "$(echo "$before_old" | md5sum)" "nothing already stored changed"

# --max-size raises the limit.
expect_exit 3 "import with --max-size 64" -- "$G" -C "$S" import --max-size 64 "$B"
if grep -q "huge.md: file is" "$T/err"; then not_ok "--max-size lets the big file in"; else ok "--max-size lets the big file in"; fi

# A missing tree is an error, not an empty import.
expect_exit 4 "import of a missing folder" -- "$G" -C "$S" import "$T/nowhere"
expect_grep "$T/err" "$T/nowhere" "missing folder named"

# Output folders that cannot take the export.
mounted=""
if [ "$(id -u)" -eq 0 ] && mkdir -p "$T/ro" "$T/full" &&
    mount -t tmpfs -o ro,size=1m tmpfs "$T/ro" 2>/dev/null; then
	mounted="$T/ro"
	mount -t tmpfs -o size=64k tmpfs "$T/full" && mounted="$mounted $T/full"
	trap 'for m in $mounted; do umount "$m"; done; rm -rf "$T"' EXIT
elif [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/ro" && chmod 555 "$T/ro"
fi
if [ -d "$T/ro" ] && ! touch "$T/ro/probe" 2>/dev/null; then
	expect_exit 1 "export to a read-only folder fails" -- "$G" -C "$S" export "$T/ro/out"
	expect_grep "$T/err" "$T/ro/out" "read-only: the path is named"
	expect_grep "$T/err" "choose another folder" "read-only: what to do"
else
	echo "# skip: no read-only folder can be made here"
fi
if [ -d "$T/full" ] && mountpoint -q "$T/full" 2>/dev/null; then
	# Fill most of it, then export more than fits.
	head -c 40000 /dev/zero >"$T/full/filler"
	for i in $(seq 1 30); do art "$C/en/news/extra-$i.md" "Extra $i" "" "$(head -c 3000 /dev/zero | tr '\0' 'y')"; done
	"$G" -C "$S" import "$C" >/dev/null 2>&1
	before=$(dump_store "$S")
	expect_exit 1 "export to a full folder fails" -- "$G" -C "$S" export "$T/full/out"
	expect_grep "$T/err" "No space left on device" "full: says the disk is full"
	expect_grep "$T/err" "free some space" "full: what to do"
	left=$(find "$T/full" -name '*.tmp.*' | wc -l)
	expect_eq "$left" 0 "full: no temporary file left behind"
	bad=0
	for f in $(find "$T/full/out" -name '*.md'); do
		tail -c 1 "$f" | od -c | grep -q '\\n' || bad=$((bad + 1))
	done
	expect_eq "$bad" 0 "full: every file written is complete"
	expect_eq "$(dump_store "$S" | md5sum)" "$(echo "$before" | md5sum)" "full: the store is untouched"
else
	echo "# skip: no small file system can be mounted here"
fi

# init in a folder that cannot be written
if [ -d "$T/ro" ] && ! touch "$T/ro/probe" 2>/dev/null; then
	expect_exit 1 "init in a read-only folder" -- "$G" -C "$T/ro/site" init
	expect_grep "$T/err" "$T/ro/site" "init names the folder"
fi
finish
