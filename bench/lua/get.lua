-- A plain GET of the URL given to wrk; done() writes a JSON report to $WRK_REPORT.
-- No response() callback: wrk then skips handing every body to Lua, so the load generator stays cheap.
-- Non-2xx answers still show in summary.errors.status.

local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  report.write(summary, latency, threads)
end
