#!/usr/bin/env python3
"""Property test of site search: for random queries, the set of articles
found equals the set whose title or visible body text contains the query,
found by a plain scan.

Chinese: random substrings of 1 to 4 Han characters cut from the
articles (and some that occur nowhere) must be found wherever they occur.
Other text: whole words, folded for case and accents.  Several terms:
every one must occur.

The expected sets come from the database itself (live articles at time
--now), the bodies' Markdown reduced to the text a reader sees.  The
searches go through `gazette search --json` (--gazette/--site) or the
server's /api/search (--url).

Prints "ok - ..." / "not ok - ..." lines, like the shell tests.
"""
import argparse
import json
import random
import re
import sqlite3
import subprocess
import sys
import unicodedata
import urllib.parse
import urllib.request

HAN = re.compile(r'[\u3400-\u4dbf\u4e00-\u9fff]+')
WORD = re.compile(r'[0-9a-z]+')


def visible(md):
    """The text of a gen-corpus Markdown body as a reader sees it."""
    md = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', md)
    md = md.replace('**', '')
    md = re.sub(r'(?m)^(## |- )', '', md)
    return md


def fold(s):
    s = unicodedata.normalize('NFKD', s.lower())
    return ''.join(c for c in s if not unicodedata.combining(c))


def load(db, now):
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT a.id, a.lang, a.title, b.body FROM article a"
        " JOIN article_body b ON b.article_id = a.id"
        " WHERE a.status = 'published' AND a.deleted = 0"
        " AND a.publish_at <= ? AND (a.expire_at = 0 OR a.expire_at > ?)",
        (now, now)).fetchall()
    docs = {}
    for id_, lang, title, body in rows:
        text = title + '\n' + visible(body)
        docs[id_] = {'lang': lang, 'text': text,
                     'words': set(WORD.findall(fold(text)))}
    return docs


def expected(docs, terms):
    out = set()
    for id_, d in docs.items():
        if all(match(d, t) for t in terms):
            out.add(id_)
    return out


def match(d, term):
    if HAN.fullmatch(term):
        return term in d['text']
    return fold(term) in d['words']


class Searcher:
    def __init__(self, args):
        self.a = args

    def page(self, q, n):
        if self.a.url:
            u = '%s/api/search?%s' % (self.a.url.rstrip('/'),
                urllib.parse.urlencode({'q': q, 'page': n, 'per_page': 50}))
            with urllib.request.urlopen(u, timeout=30) as r:
                return json.load(r)
        out = subprocess.run([self.a.gazette, '-C', self.a.site, 'search',
                              '--json', '--per-page', '50', '--page', str(n),
                              '--', q], capture_output=True, check=True)
        return json.loads(out.stdout)

    def ids(self, q):
        found, n = set(), 1
        while True:
            res = self.page(q, n)
            for hit in res['results']:
                found.add(hit['id'])
            if n >= res['pages']:
                return found, res['total']
            n += 1


def han_substring(r, docs):
    zh = [d for d in docs.values() if d['lang'] == 'zh']
    while True:
        t = r.choice(zh)['text']
        k = r.randint(1, 4)
        i = r.randrange(0, max(1, len(t) - k))
        s = t[i:i + k]
        if HAN.fullmatch(s):
            return s


def word(r, docs):
    en = [d for d in docs.values() if d['lang'] == 'en']
    w = r.choice(sorted(r.choice(en)['words']))
    x = r.random()
    if x < 0.3:
        w = w.upper()
    elif x < 0.6:
        w = w.capitalize()
    if r.random() < 0.2 and 'e' in w:
        w = w.replace('e', '\u00e9', 1)  # an accent the index folds away
    return w


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--db', required=True)
    p.add_argument('--now', type=int, required=True)
    p.add_argument('--gazette')
    p.add_argument('--site')
    p.add_argument('--url')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--queries', type=int, default=60)
    a = p.parse_args()
    r = random.Random(a.seed)
    docs = load(a.db, a.now)
    s = Searcher(a)
    alphabet = sorted({c for d in docs.values() for c in d['text']
                       if HAN.fullmatch(c)})
    kinds = {
        'Chinese substring': lambda: [han_substring(r, docs)],
        'Chinese string found nowhere': lambda: [''.join(
            r.choice(alphabet) for _ in range(r.randint(3, 4)))],
        'English word': lambda: [word(r, docs)],
        'two English words': lambda: [word(r, docs), word(r, docs)],
        'two terms, mixed': lambda: [han_substring(r, docs), word(r, docs)],
        'two Chinese terms': lambda: [han_substring(r, docs),
                                      han_substring(r, docs)],
    }
    failed = 0
    for kind, make in kinds.items():
        bad, nonempty = [], 0
        for _ in range(a.queries):
            terms = make()
            q = ' '.join(terms)
            want = expected(docs, terms)
            got, total = s.ids(q)
            if want:
                nonempty += 1
            if got != want or total != len(want):
                bad.append((q, sorted(want - got)[:5], sorted(got - want)[:5],
                            total, len(want)))
        if bad:
            failed += 1
            print('not ok - %s: %d of %d queries differ from a scan'
                  % (kind, len(bad), a.queries))
            for q, miss, extra, total, n in bad[:5]:
                print('    %r: missing %s, extra %s, total %d, want %d'
                      % (q, miss, extra, total, n))
        else:
            print('ok - %s: %d queries (%d with hits) find exactly what a '
                  'scan finds' % (kind, a.queries, nonempty))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
