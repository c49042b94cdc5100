"""What the admin's API tests share: a client for the API (requests with a
session and its CSRF token), the moved clock, and ok/not ok lines as the
shell tests print them.  Imported by api_check.py and content_check.py,
which are called as NAME.py URL SITE_DIR CLOCK_FILE.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

URL, SITE, CLOCK = sys.argv[1], sys.argv[2], sys.argv[3]
PUBLIC = os.path.join(SITE, "public")

SESSION_IDLE = 30 * 60
SESSION_MAX = 12 * 3600
LOGIN_USER_MAX = 5


class _Count:
    failed = 0


def failed():
    return _Count.failed


def ok(cond, what, extra=""):
    if cond:
        print("ok - " + what)
    else:
        _Count.failed += 1
        print("not ok - " + what + (" (" + extra + ")" if extra else ""))
    return cond


def now():
    with open(CLOCK) as f:
        return int(f.read().strip())


def move_clock(seconds):
    t = now() + seconds
    with open(CLOCK + ".new", "w") as f:
        f.write("%d\n" % t)
    os.rename(CLOCK + ".new", CLOCK)


class Reply:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.body = body = raw.decode("utf-8", "replace")
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def get(self, *path):
        v = self.json
        for k in path:
            if v is None:
                return None
            v = v.get(k) if isinstance(v, dict) else None
        return v

    def __repr__(self):
        return "%d %s" % (self.status, self.body[:200])


def request(method, path, data=None, cookie=None, csrf=None, headers=None,
            form=False, raw=None):
    h = dict(headers or {})
    body = raw
    if data is not None:
        if form:
            body = urllib.parse.urlencode(data).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            body = json.dumps(data).encode()
            h["Content-Type"] = "application/json"
    if cookie:
        h["Cookie"] = "gz_session=" + cookie
    if csrf:
        h["X-CSRF-Token"] = csrf
    req = urllib.request.Request(URL + path, data=body, method=method,
                                 headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return Reply(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        return Reply(e.code, e.headers, e.read())


class User:
    def __init__(self, name, password):
        self.name, self.password = name, password
        self.cookie = self.csrf = None

    def login(self, expect=200, headers=None):
        r = request("POST", "/api/login",
                    {"name": self.name, "password": self.password},
                    headers=headers)
        if r.status == 200:
            c = r.headers.get("Set-Cookie", "")
            self.cookie = c.split(";")[0].split("=", 1)[1]
            self.csrf = r.get("csrf")
            self.set_cookie = c
        ok(r.status == expect, "%s logs in: %d" % (self.name, expect), repr(r))
        return r

    def get(self, path):
        return request("GET", path, cookie=self.cookie)

    def post(self, path, data=None, csrf=True, **kw):
        return request("POST", path, data if data is not None else {},
                       cookie=self.cookie, csrf=self.csrf if csrf else None,
                       **kw)

    def upload(self, files, field="file", path="/api/media"):
        """POST files [(name, bytes, content type)] as multipart."""
        boundary = "gz-test-boundary-7d3a91"
        parts = []
        for name, data, ctype in files:
            parts.append(("--%s\r\nContent-Disposition: form-data; "
                          "name=\"%s\"; filename=\"%s\"\r\n"
                          "Content-Type: %s\r\n\r\n" %
                          (boundary, field, name, ctype)).encode() + data +
                         b"\r\n")
        body = b"".join(parts) + ("--%s--\r\n" % boundary).encode()
        return request("POST", path, raw=body, cookie=self.cookie,
                       csrf=self.csrf, headers={
                           "Content-Type": "multipart/form-data; boundary=" +
                           boundary})

    def create(self, channel, title, lang="zh", **fields):
        d = {"channel": channel, "lang": lang, "title": title,
             "body": "正文。" + title}
        d.update(fields)
        return self.post("/api/articles", d)

    def act(self, aid, action, comment=None):
        d = {} if comment is None else {"comment": comment}
        return self.post("/api/articles/%d/%s" % (aid, action), d)


def expect(r, status, what):
    return ok(r.status == status, what + " -> %d" % status, repr(r))


def state(r):
    return (r.get("work", "state"), r.get("work", "level"))


def public_file(article):
    return os.path.join(PUBLIC, article["channel"],
                        article["slug"] + ".html") if article["lang"] == "zh" \
        else os.path.join(PUBLIC, article["lang"], article["channel"],
                          article["slug"] + ".html")


def wait_for(cond, seconds=15):
    end = time.time() + seconds
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.2)
    return cond()


