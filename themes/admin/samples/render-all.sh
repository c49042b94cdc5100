#!/bin/sh
# Render every sample with its template, and validate the result.
#
#   themes/admin/samples/render-all.sh [OUTDIR]      (from anywhere)
#
# samples/NAME.json renders templates/NAME.mustache; NAME--VARIANT.json
# renders the same template with other data (article--review.json).  Each
# sample is rendered as it is (it carries its own i18n) into
# OUTDIR/NAME.html, and once more with the strings of the other language
# into OUTDIR/NAME.LANG.html; static/ is copied to OUTDIR/admin/static/ so
# that the pages can be opened in a browser (or given to
# test/browser/check-pages.mjs OUTDIR *.html).  html-validate runs over
# the pages when test/browser/node_modules has it.  Exit 1 if anything fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
theme=$(dirname "$here")
top=$(cd "$theme/../.." && pwd)
out=${1:-/tmp/gazette-admin-samples}
gazette=${GAZETTE:-$top/build/gazette}
mkdir -p "$out/admin/static"
cp "$theme"/static/* "$out/admin/static/"
status=0
pages=
for sample in "$here"/*.json; do
	name=$(basename "$sample" .json)
	tpl=${name%%--*}
	lang=$(jq -r .lang "$sample")
	case $lang in zh) other=en; html_lang=en ;; *) other=zh; html_lang=zh-CN ;; esac
	if ! "$gazette" render --partials "$theme/templates/partials" \
	    "$theme/templates/$tpl.mustache" "$sample" >"$out/$name.html"; then
		echo "not ok - render: $name" >&2
		status=1
		continue
	fi
	jq --slurpfile s "$theme/i18n/$other.json" --arg l "$other" --arg h "$html_lang" \
	    '.i18n = $s[0] | .lang = $l | .html_lang = $h' "$sample" |
	    "$gazette" render --partials "$theme/templates/partials" \
	    "$theme/templates/$tpl.mustache" - >"$out/$name.$other.html" || status=1
	pages="$pages $name.html $name.$other.html"
done
hv=$top/test/browser/node_modules/.bin/html-validate
if [ -x "$hv" ]; then
	(cd "$out" && "$hv" --config "$top/test/browser/.htmlvalidate.json" $pages) || status=1
fi
echo "rendered into $out:$pages"
exit $status
