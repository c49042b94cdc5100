#!/bin/sh
# The gazette command: help, init, site, channel, article, user, audit.
. "$(dirname "$0")/lib.sh"
S=$T/site

expect_exit 0 "gazette --help" -- "$G" --help
expect_grep "$T/out" "usage: gazette" "--help prints usage"
for cmd in init site channel article user import export convert audit; do
	expect_exit 0 "$cmd --help" -- "$G" "$cmd" --help
	expect_grep "$T/out" "usage: gazette" "$cmd --help prints its usage"
done
expect_exit 2 "unknown command" -- "$G" frobnicate
expect_grep "$T/err" 'unknown command "frobnicate"' "unknown command is named"
expect_exit 2 "bad option" -- "$G" article list --bogus
expect_exit 4 "no site yet" -- "$G" -C "$T/none" article list
expect_grep "$T/err" "gazette init" "tells to run init"

# init
expect_exit 0 "init" -- "$G" -C "$S" init --title "滨江科协" --lang zh,en --base-url https://www.example.org/
test -f "$S/gazette.db" && ok "init creates gazette.db" || not_ok "init creates gazette.db"
expect_exit 5 "init twice refused" -- "$G" -C "$S" init
expect_grep "$T/err" "already a Gazette site" "init twice says why"
expect_exit 2 "init with a bad language" -- "$G" -C "$T/x" init --lang "zh,,en"
expect_exit 2 "init with a bad base URL" -- "$G" -C "$T/y" init --base-url ftp://x

# site
expect_exit 0 "site add" -- "$G" -C "$S" site add branch --title "Branch" --lang zh
expect_exit 5 "site add twice" -- "$G" -C "$S" site add branch
expect_exit 0 "site list" -- "$G" -C "$S" site list
expect_grep "$T/out" "branch" "site list shows the new site"
expect_exit 0 "site list --json" -- "$G" -C "$S" site list --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [s["name"] for s in d]==["main","branch"]; assert d[0]["title"]=="滨江科协"' "$T/out" \
    && ok "site list --json is valid JSON with both sites" || not_ok "site list --json"
expect_exit 0 "site edit --set" -- "$G" -C "$S" site edit main --set mourning=true --set utc_offset=480
"$G" -C "$S" site list --json | python3 -c 'import json,sys; assert json.load(sys.stdin)[0]["settings"]["mourning"] is True' \
    && ok "setting stored" || not_ok "setting stored"
expect_exit 2 "site edit with a bad default language" -- "$G" -C "$S" site edit main --default-lang fr

# channel
expect_exit 0 "channel add" -- "$G" -C "$S" channel add news --name "新闻动态" --order 1
expect_exit 0 "channel add child" -- "$G" -C "$S" channel add local --name "本地" --parent news
expect_exit 0 "channel add en" -- "$G" -C "$S" channel add news --name "News" --lang en
expect_exit 0 "channel add about" -- "$G" -C "$S" channel add about --name "关于" --order 2
expect_exit 5 "channel add twice" -- "$G" -C "$S" channel add news --name X
expect_exit 2 "channel slug with a slash" -- "$G" -C "$S" channel add "a/b" --name X
expect_exit 2 "channel in a language the site lacks" -- "$G" -C "$S" channel add x --lang fr
expect_grep "$T/err" "not a language of site main" "unknown language is named"
expect_exit 0 "channel list --json" -- "$G" -C "$S" channel list --lang zh --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [c["path"] for c in d]==["news","news/local","about"], d' "$T/out" \
    && ok "channel tree in order" || not_ok "channel tree in order"
expect_exit 0 "channel move" -- "$G" -C "$S" channel move news/local --to about
expect_exit 0 "channel list after move" -- "$G" -C "$S" channel list --lang zh
expect_grep "$T/out" "about/local" "moved channel has its new path"
expect_exit 2 "channel move needs a target" -- "$G" -C "$S" channel move about/local
expect_exit 0 "channel edit" -- "$G" -C "$S" channel edit about --name "关于我们" --review-levels 3
expect_exit 0 "channel list" -- "$G" -C "$S" channel list
expect_grep "$T/out" "关于我们" "channel renamed"
expect_grep "$T/out" "3 review levels" "review levels set"

# article add: body from a file and from standard input
printf '## 标题\n\n正文第一段。\n' >"$T/body.md"
expect_exit 0 "article add from a file" -- "$G" -C "$S" article add --channel news --title "第一篇" --author "王伟" --tags "科技, 会议" --date 2026-03-02T09:30:00+08:00 --body "$T/body.md" --status published
expect_grep "$T/out" "added article 1 zh/news/20260302-" "Chinese title gets a date slug"
printf 'Hello **world**.\n' | "$G" -C "$S" article add --lang en --channel news --title "Annual Congress Opens" --body - >"$T/out" 2>"$T/err" \
    && ok "article add from standard input" || not_ok "article add from standard input"
expect_grep "$T/out" "en/news/annual-congress-opens" "English title gives a word slug"
expect_exit 2 "article add without a title" -- "$G" -C "$S" article add --channel news
expect_exit 4 "article add into a missing channel" -- "$G" -C "$S" article add --channel nope --title T
expect_exit 2 "article add with a bad date" -- "$G" -C "$S" article add --channel news --title T --date 2026-13-01
expect_grep "$T/err" "--date" "bad date names the field"
expect_exit 2 "article add with a bad status" -- "$G" -C "$S" article add --channel news --title T --status live
expect_exit 5 "article add with a taken slug" -- "$G" -C "$S" article add --lang en --channel news --title X --slug annual-congress-opens
printf '<p onclick="x()">Hi<script>alert(1)</script></p>' >"$T/body.html"
expect_exit 0 "article add html" -- "$G" -C "$S" article add --lang en --channel news --title "HTML body" --format html --body "$T/body.html" --slug html-body
expect_exit 0 "article show html" -- "$G" -C "$S" article show en/news/html-body --json
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["body"]; assert "script" not in b and "onclick" not in b and "Hi" in b, b' "$T/out" \
    && ok "html body sanitized on save" || not_ok "html body sanitized on save"

# show, list, edit, revisions, restore, rm
expect_exit 0 "article show" -- "$G" -C "$S" article show 1
expect_grep "$T/out" "第一篇" "show prints the title"
expect_grep "$T/out" "正文第一段" "show prints the body"
expect_exit 0 "article show --json" -- "$G" -C "$S" article show 1 --json
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert a["author"]=="王伟" and a["tags"]==["科技","会议"] and a["status"]=="published", a' "$T/out" \
    && ok "show --json has the fields" || not_ok "show --json has the fields"
expect_exit 4 "show a missing article" -- "$G" -C "$S" article show 99
expect_exit 0 "article list" -- "$G" -C "$S" article list
expect_grep "$T/out" "Annual Congress Opens" "list shows articles"
expect_exit 0 "article list --lang zh --json" -- "$G" -C "$S" article list --lang zh --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==1 and d[0]["lang"]=="zh"' "$T/out" \
    && ok "list filters by language" || not_ok "list filters by language"
expect_exit 0 "article list --status draft --json" -- "$G" -C "$S" article list --status draft --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert sorted(a["slug"] for a in d)==["annual-congress-opens","html-body"], d' "$T/out" \
    && ok "list filters by status" || not_ok "list filters by status"
expect_exit 0 "article list --channel" -- "$G" -C "$S" article list --lang en --channel news --json
python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1])))==2' "$T/out" \
    && ok "list filters by channel" || not_ok "list filters by channel"
expect_exit 0 "article list --json empty" -- "$G" -C "$S" --site branch article list --json
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))==[]' "$T/out" \
    && ok "list of another site is empty" || not_ok "list of another site is empty"
expect_exit 4 "search --site after the command names the site" -- "$G" -C "$S" search --site nosuch congress
expect_exit 0 "article edit" -- "$G" -C "$S" article edit 1 --title "第一篇（修订）" --weight 1
expect_grep "$T/out" "revision 2" "edit makes revision 2"
expect_exit 0 "article edit by path" -- "$G" -C "$S" article edit en/news/annual-congress-opens --status published
expect_exit 0 "article revisions" -- "$G" -C "$S" article revisions 1 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [r["number"] for r in d]==[1,2], d' "$T/out" \
    && ok "two revisions listed" || not_ok "two revisions listed"
expect_exit 0 "article restore" -- "$G" -C "$S" article restore 1 1
"$G" -C "$S" article show 1 --json | python3 -c 'import json,sys; a=json.load(sys.stdin); assert a["title"]=="第一篇" and a["weight"]==0 and a["revision"]==3, a' \
    && ok "restore brings back revision 1 as revision 3" || not_ok "restore"
expect_exit 4 "restore a missing revision" -- "$G" -C "$S" article restore 1 42
expect_exit 0 "article rm" -- "$G" -C "$S" article rm 1
expect_exit 0 "article list after rm" -- "$G" -C "$S" article list --lang zh --json
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))==[]' "$T/out" \
    && ok "trashed article leaves the list" || not_ok "trashed article leaves the list"
expect_exit 0 "trashed article still readable" -- "$G" -C "$S" article show 1
expect_grep "$T/out" "in the trash" "show says it is in the trash"
expect_exit 5 "channel rm refuses a channel with articles" -- "$G" -C "$S" channel rm news
expect_grep "$T/err" "move or delete them first" "channel rm says why"
expect_exit 0 "article rm --purge" -- "$G" -C "$S" article rm 1 --purge
expect_exit 4 "purged article is gone" -- "$G" -C "$S" article show 1
expect_exit 0 "channel rm an empty channel" -- "$G" -C "$S" channel rm about/local

# users
echo "correct horse battery" | "$G" -C "$S" user add alice --role editor --email alice@example.org >"$T/out" 2>&1 \
    && ok "user add" || not_ok "user add"
echo "short" | "$G" -C "$S" user add bob --role editor >"$T/out" 2>"$T/err"
expect_eq "$?" 2 "short password refused"
expect_grep "$T/err" "must have 8 to 1024 characters" "short password message"
echo "another long one" | "$G" -C "$S" user add alice --role editor >/dev/null 2>"$T/err"
expect_eq "$?" 5 "user add twice refused"
expect_exit 2 "user add with a bad role" -- "$G" -C "$S" user add carol --role boss
expect_exit 0 "user list --json" -- "$G" -C "$S" user list --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["name"]=="alice" and d[0]["role"]=="editor" and "password" not in d[0]' "$T/out" \
    && ok "user list --json, no password hash" || not_ok "user list --json"
h1=$(sqlite3 "$S/gazette.db" "SELECT password FROM user WHERE name='alice'")
case "$h1" in '$argon2id$'*) ok "password stored as argon2id" ;; *) not_ok "password stored as argon2id ($h1)" ;; esac
echo "a brand new password" | "$G" -C "$S" user passwd alice >/dev/null 2>&1 \
    && ok "user passwd" || not_ok "user passwd"
h2=$(sqlite3 "$S/gazette.db" "SELECT password FROM user WHERE name='alice'")
[ "$h1" != "$h2" ] && ok "password hash changed" || not_ok "password hash changed"
echo "whatever pass" | "$G" -C "$S" user passwd nobody >/dev/null 2>&1
expect_eq "$?" 4 "passwd of a missing user"
expect_exit 0 "user grant" -- "$G" -C "$S" user grant alice --channel news --can review --level 2
expect_eq "$(sqlite3 "$S/gazette.db" "SELECT can || level FROM permission")" "review2" "permission stored"

# audit log
expect_exit 0 "audit" -- "$G" -C "$S" audit --json --limit 500
python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
acts={(e["action"],e["object"]) for e in d}
for need in [("create","site"),("create","channel"),("move","channel"),("create","article"),("edit","article"),("trash","article"),("purge","article"),("create","user"),("passwd","user"),("grant","user")]:
    assert need in acts, need
' "$T/out" && ok "audit log records every kind of change" || not_ok "audit log records every kind of change"

# convert
printf '# T\n\n<b>x</b> [a](javascript:alert(1))\n' >"$T/c.md"
expect_exit 0 "convert markdown" -- "$G" convert "$T/c.md"
expect_grep "$T/out" "&lt;b&gt;" "raw HTML escaped when untrusted"
if grep -q "javascript" "$T/out"; then not_ok "javascript link dropped"; else ok "javascript link dropped"; fi
finish
