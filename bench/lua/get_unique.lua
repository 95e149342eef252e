-- A GET of the URL given to wrk with a query parameter no other request repeats (`bench=<thread>-<n>`),
-- so that no response cache can answer it: the uncached cost of a page. The view ignores the parameter.
-- done() writes a JSON report to $WRK_REPORT.

local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local threads = {}
local count = 0

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function request()
  count = count + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", wrk.path .. separator .. "bench=" .. thread_index .. "-" .. count)
end

function done(summary, latency, requests)
  report.write(summary, latency, threads)
end
