-- bench/visit.lua: wrk script for bench/serve's visit counter: a POST
-- to the URL given, as a browser's counter.js sends it (wrk's own
-- User-Agent is taken for a robot's and not counted).
wrk.method = "POST"
wrk.headers["User-Agent"] =
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
wrk.headers["Content-Length"] = "0"
