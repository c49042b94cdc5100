-- bench/search.lua: wrk script for bench/serve's search latency.
-- Each request asks /api/search for one of the queries in the file
-- $QUERIES (URL-encoded, one a line), chosen as $MODE says:
--   zipf      the k-th query with probability proportional to 1/k, as
--             the queries of a site's readers fall (a few asked often,
--             most rarely): what the server's answer cache meets
--   distinct  each query once, in order (wrk thread t of $THREADS asks
--             queries t, t + $THREADS, ...): every request is a new
--             search, nothing cached helps, as long as the file holds
--             more queries than the run asks
local queries = {}
local cumulative = {}
local mode = os.getenv("MODE") or "zipf"
local stride = tonumber(os.getenv("THREADS") or "1")
local nthreads = 0
local next_i = 0
part = 0 -- set by setup() for each thread (a global of its state)

for line in io.lines(os.getenv("QUERIES")) do
	queries[#queries + 1] = line
end

function setup(thread)
	thread:set("part", nthreads)
	nthreads = nthreads + 1
end

function init(args)
	local total = 0
	for k = 1, #queries do
		total = total + 1 / k
		cumulative[k] = total
	end
	for k = 1, #queries do
		cumulative[k] = cumulative[k] / total
	end
	next_i = part + 1 - stride
	math.randomseed(1234 + part)
end

local function zipf()
	local u = math.random()
	local lo, hi = 1, #cumulative
	while lo < hi do
		local mid = math.floor((lo + hi) / 2)
		if cumulative[mid] < u then lo = mid + 1 else hi = mid end
	end
	return queries[lo]
end

request = function()
	local q
	if mode == "distinct" then
		next_i = next_i + stride
		if next_i > #queries then next_i = part + 1 end
		q = queries[next_i]
	else
		q = zipf()
	end
	return wrk.format("GET", "/api/search?q=" .. q)
end
