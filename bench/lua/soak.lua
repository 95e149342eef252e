-- The soak's mix (bench/soak.py): 90 % reads, 8 % vote PUTs, 2 % comment POSTs, paced to a request rate.
--
-- $WRK_SOAK_DATA is written by soak.py:
--   series <slug>
--   theories <id> <id> ...
--   tokens <key> <key> ...
-- $WRK_SOAK_DELAY_MS: the pause before each request on a connection (0 = as fast as possible, for the peak);
-- each pause is drawn uniformly from [0.5, 1.5] x that, so connections do not march in step.
--
-- Reads: 30 % the `hot` list, 10 % the `new` list, 30 % a theory (API), 20 % a theory's page (HTML),
-- 10 % a theory's comments. Votes are +1 or -1 at random by a random user on a random theory (a PUT that
-- repeats the current value is still a vote); comments are short Markdown by a random user.
-- done() writes the report (bench/lua/report.lua) to $WRK_REPORT.

local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local slug = ""
local theory_ids, header_sets = {}, {}
local delay_ms = 0
local counter = 0

function init(args)
  math.randomseed(os.time() + 7919 * (thread_index or 0))
  delay_ms = tonumber(os.getenv("WRK_SOAK_DELAY_MS") or "0")
  for line in io.lines(os.getenv("WRK_SOAK_DATA")) do
    local words = {}
    for word in line:gmatch("%S+") do
      table.insert(words, word)
    end
    if words[1] == "series" then
      slug = words[2]
    elseif words[1] == "theories" then
      for i = 2, #words do table.insert(theory_ids, words[i]) end
    elseif words[1] == "tokens" then
      for i = 2, #words do
        table.insert(header_sets, {["Authorization"] = "Token " .. words[i], ["Content-Type"] = "application/json"})
      end
    end
  end
end

function delay()
  if delay_ms <= 0 then
    return 0
  end
  return math.floor(delay_ms * (0.5 + math.random()))
end

local function any(list)
  return list[math.random(#list)]
end

function request()
  counter = counter + 1
  local theory = any(theory_ids)
  local r = math.random()
  if r < 0.90 then
    local read = r / 0.90
    if read < 0.30 then
      return wrk.format("GET", "/api/v1/theories/?series=" .. slug .. "&sort=hot")
    elseif read < 0.40 then
      return wrk.format("GET", "/api/v1/theories/?series=" .. slug .. "&sort=new")
    elseif read < 0.70 then
      return wrk.format("GET", "/api/v1/theories/" .. theory .. "/")
    elseif read < 0.90 then
      return wrk.format("GET", "/theories/" .. theory .. "/")
    end
    return wrk.format("GET", "/api/v1/theories/" .. theory .. "/comments/")
  elseif r < 0.98 then
    local body = (math.random() < 0.5) and '{"value": 1}' or '{"value": -1}'
    return wrk.format("PUT", "/api/v1/theories/" .. theory .. "/vote/", any(header_sets), body)
  end
  local body = '{"body": "Soak comment ' .. counter .. ': the smoke hid *someone*."}'
  return wrk.format("POST", "/api/v1/theories/" .. theory .. "/comments/", any(header_sets), body)
end

function response(status, headers, body)
  report.count_status(status)
end

function done(summary, latency, requests)
  report.write(summary, latency, threads)
end
