#!/bin/sh
# gazette render: a Mustache template with JSON data, byte for byte;
# partials from a folder; data from a file, standard input or nothing;
# template errors with file:line:column; missing files.
. "$(dirname "$0")/lib.sh"
D=$T/render
mkdir -p "$D/partials/sub"

# expect_same FILE WANT-PRINTF-FORMAT WHAT: FILE holds exactly these bytes.
expect_same() {
	printf "$2" >"$T/want"
	if cmp -s "$1" "$T/want"; then ok "$3"; else
		not_ok "$3"
		od -c "$1" | head -5 | sed 's/^/    got:  /'
		od -c "$T/want" | head -5 | sed 's/^/    want: /'
	fi
}

expect_exit 0 "render --help" -- "$G" render --help
expect_grep "$T/out" "usage: gazette render" "render --help prints its usage"
expect_grep "$T/out" "--partials DIR" "render --help names --partials"
expect_exit 2 "render with no template" -- "$G" render
expect_grep "$T/err" "usage: gazette render" "no template prints usage"
expect_exit 2 "render with too many arguments" -- "$G" render a b c
expect_exit 2 "render --bogus" -- "$G" render --bogus x.mustache

# Byte for byte: no newline added, none lost, escaping, CRLF kept.
printf 'Hello, {{name}}!' >"$D/hello.mustache"
printf '{"name": "<Wörld & \\"you\\">"}' >"$D/hello.json"
expect_exit 0 "render a template with a data file" -- \
    "$G" render "$D/hello.mustache" "$D/hello.json"
expect_same "$T/out" 'Hello, &lt;Wörld &amp; &quot;you&quot;&gt;!' \
    "output is byte for byte, escaped, without a newline added"
printf '{{#list}}\r\n  {{{.}}}|{{n}}\r\n{{/list}}\r\n' >"$D/crlf.mustache"
printf '{"list": ["<b>", "2"], "n": 1.5}' >"$D/crlf.json"
expect_exit 0 "render CRLF lines" -- "$G" render "$D/crlf.mustache" "$D/crlf.json"
expect_same "$T/out" '  <b>|1.5\r\n  2|1.5\r\n' \
    "standalone CRLF lines vanish and the others are kept exactly"

# No data argument: the data is {}.
printf '[{{missing}}]{{^missing}}none{{/missing}}\n' >"$D/empty.mustache"
expect_exit 0 "render with no data" -- "$G" render "$D/empty.mustache"
expect_same "$T/out" '[]none\n' "with no data the context is {}"

# Data from standard input.
expect_exit 0 "render with data from standard input" -- \
    sh -c '"$1" render "$2" - <"$3"' sh "$G" "$D/hello.mustache" "$D/hello.json"
expect_same "$T/out" 'Hello, &lt;Wörld &amp; &quot;you&quot;&gt;!' \
    "data from standard input"
expect_exit 0 "render a template from standard input" -- \
    sh -c '"$1" render - "$2" <"$3"' sh "$G" "$D/hello.json" "$D/hello.mustache"
expect_same "$T/out" 'Hello, &lt;Wörld &amp; &quot;you&quot;&gt;!' \
    "template from standard input"
expect_exit 2 "template and data cannot both be standard input" -- \
    "$G" render - -

# Partials from --partials DIR, subfolders as sub/NAME, indentation.
printf '<header>\n  <h1>{{title}}</h1>\n</header>\n' >"$D/partials/header.mustache"
printf '<li>{{.}}</li>' >"$D/partials/sub/item.mustache"
printf '<title>{{$title}}Site{{/title}}</title>\n{{$main}}{{/main}}\n' \
    >"$D/partials/base.mustache"
printf 'not a template {{' >"$D/partials/notes.txt"
cat >"$D/page.mustache" <<'EOF'
<body>
  {{> header}}
  <ul>{{#items}}{{>sub/item}}{{/items}}</ul>
  {{> nothere}}
</body>
EOF
printf '{"title": "新闻", "items": [1, "b"]}' >"$D/page.json"
expect_exit 0 "render with --partials" -- \
    "$G" render --partials "$D/partials" "$D/page.mustache" "$D/page.json"
expect_same "$T/out" '<body>\n  <header>\n    <h1>新闻</h1>\n  </header>\n  <ul><li>1</li><li>b</li></ul>\n</body>\n' \
    "partials from a folder, indented, subfolders, a missing one empty"
printf '{{<base}}{{$title}}{{title}}{{/title}}{{/base}}' >"$D/child.mustache"
expect_exit 0 "render a child of a parent template" -- \
    "$G" render "$D/child.mustache" "$D/page.json" --partials "$D/partials"
expect_same "$T/out" '<title>新闻</title>\n\n' "inheritance with blocks"
expect_exit 0 "partials not given: they render as nothing" -- \
    "$G" render "$D/page.mustache" "$D/page.json"
expect_grep "$T/out" "<ul></ul>" "no partials without --partials"

# Template errors: exit 3, file:line:column on standard error.
printf 'line one\n<p>{{#items}}\n  {{name}}\n' >"$D/unclosed.mustache"
expect_exit 3 "an unclosed section" -- "$G" render "$D/unclosed.mustache"
expect_grep "$T/err" "$D/unclosed.mustache:2:4: {{#items}} is never closed" \
    "an unclosed section is reported as file:line:column"
test -s "$T/out" && not_ok "nothing is written on error" || ok "nothing is written on error"
printf 'a\n  {{#a}}\n  {{/b}}\n' >"$D/mismatch.mustache"
expect_exit 3 "a mismatched close tag" -- "$G" render "$D/mismatch.mustache"
expect_grep "$T/err" "mismatch.mustache:3:3: {{/b}} does not close {{#a}} (line 2, column 3)" \
    "a mismatched close tag names both places"
printf '中文 {{title\n' >"$D/unclosedtag.mustache"
expect_exit 3 "an unclosed tag" -- "$G" render "$D/unclosedtag.mustache"
expect_grep "$T/err" "unclosedtag.mustache:1:4: unclosed tag" \
    "an unclosed tag: the column counts characters"
printf '{{= <%% =}}' >"$D/delims.mustache"
expect_exit 3 "bad delimiters" -- "$G" render "$D/delims.mustache"
expect_grep "$T/err" "delims.mustache:1:1: bad delimiters" "bad delimiters are reported"
printf 'ok\n' >"$D/ok.mustache"
printf '{{#x}}' >"$D/partials/broken.mustache"
expect_exit 3 "a broken partial" -- "$G" render --partials "$D/partials" "$D/ok.mustache"
expect_grep "$T/err" "partials/broken.mustache:1:1: {{#x}} is never closed" \
    "a broken partial names its file"
rm "$D/partials/broken.mustache"
printf '{{>self}}' >"$D/partials/self.mustache"
expect_exit 3 "a partial that includes itself" -- \
    "$G" render --partials "$D/partials" "$D/partials/self.mustache"
expect_grep "$T/err" 'partial "self" nested more than 100 deep' \
    "endless recursion is stopped and named"
rm "$D/partials/self.mustache"
printf 'ab\377cd' >"$D/badutf8.mustache"
expect_exit 3 "a template that is not UTF-8" -- "$G" render "$D/badutf8.mustache"
expect_grep "$T/err" "badutf8.mustache:1:3: invalid UTF-8" "invalid UTF-8 is placed"

# Bad and missing files.
printf '{"a": [1, 2,}' >"$D/bad.json"
expect_exit 3 "bad JSON data" -- "$G" render "$D/ok.mustache" "$D/bad.json"
expect_grep "$T/err" "bad.json:1:" "bad JSON names the file and line"
expect_exit 4 "a missing data file" -- "$G" render "$D/ok.mustache" "$D/none.json"
expect_grep "$T/err" "none.json" "a missing data file is named"
expect_exit 4 "a missing template" -- "$G" render "$D/none.mustache"
expect_grep "$T/err" "none.mustache" "a missing template is named"
expect_exit 4 "a missing partials folder" -- \
    "$G" render --partials "$D/nodir" "$D/ok.mustache"
expect_grep "$T/err" "nodir" "a missing partials folder is named"

finish
