-- Authenticated vote PUTs: many users (tokens) over a set of theories, every PUT changing the vote.
--
-- $WRK_VOTE_DATA is written by bench_voting.py before each run:
--   theories <id> <id> ...
--   users <id> <id> ...
--   tokens <key> <key> ...        (same order as users)
--   vote <user id> <theory id> <value>   (one line per existing vote of these users on these theories)
-- $WRK_THREADS is the -t given to wrk; each thread takes every n-th user, so no two threads
-- ever send for the same (user, theory) pair.
--
-- Request k of a thread goes to user r = k mod U and theory (q + 7r) mod T with q = k div U:
-- consecutive requests hit different users and theories, and a pair comes back only after
-- U x T requests (U after all of a thread's users, for a single theory), so its previous
-- PUT has been answered by then. Each PUT sends the opposite of the pair's current value
-- (+1 when there is none), so every acknowledged PUT creates or flips a vote.
--
-- done() writes the report to $WRK_REPORT and, to $WRK_VOTE_STATE_OUT, one line per pair with the last
-- value sent and the value before it ("<user> <theory> <last> <before>", 0 for no vote), then a line
-- "sent <n>" per thread. bench_voting.py compares them with voting_vote after the run: a pair may still
-- hold <before> only if its last PUT was never answered 200 (in flight when wrk stopped).

local report = dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local function words(line)
  local out = {}
  for word in line:gmatch("%S+") do
    table.insert(out, word)
  end
  return out
end

local theory_ids, user_ids, tokens = {}, {}, {}
local theory_count, user_count = 0, 0
local k = 0
-- sent["<user> <theory>"] = "<last value sent> <value before it>"; current[...] = the pair's value as of
-- the last PUT sent. Globals, so that done() can read them from each thread.
sent = {}
sent_count = 0
local current = {}
local header_sets = {}

function init(args)
  local thread_total = tonumber(os.getenv("WRK_THREADS") or "1")
  local all_users, all_tokens = {}, {}
  for line in io.lines(os.getenv("WRK_VOTE_DATA")) do
    local w = words(line)
    if w[1] == "theories" then
      for i = 2, #w do table.insert(theory_ids, w[i]) end
    elseif w[1] == "users" then
      for i = 2, #w do table.insert(all_users, w[i]) end
    elseif w[1] == "tokens" then
      for i = 2, #w do table.insert(all_tokens, w[i]) end
    elseif w[1] == "vote" then
      current[w[2] .. " " .. w[3]] = tonumber(w[4])
    end
  end
  for i = 1, #all_users do
    if (i - 1) % thread_total == thread_index then
      table.insert(user_ids, all_users[i])
      table.insert(tokens, all_tokens[i])
    end
  end
  theory_count, user_count = #theory_ids, #user_ids
  for i = 1, user_count do
    header_sets[i] = {
      ["Authorization"] = "Token " .. tokens[i],
      ["Content-Type"] = "application/json",
    }
  end
end

function request()
  local r = k % user_count
  local q = math.floor(k / user_count)
  local t = (q + 7 * r) % theory_count
  k = k + 1
  local user, theory = user_ids[r + 1], theory_ids[t + 1]
  local key = user .. " " .. theory
  local before = current[key] or 0
  local value = (before == 1) and -1 or 1
  current[key] = value
  sent[key] = value .. " " .. before
  sent_count = sent_count + 1
  local body = (value == 1) and '{"value": 1}' or '{"value": -1}'
  return wrk.format("PUT", "/api/v1/theories/" .. theory .. "/vote/", header_sets[r + 1], body)
end

function response(status, headers, body)
  report.count_status(status)
end

function done(summary, latency, requests)
  report.write(summary, latency, threads)
  local path = os.getenv("WRK_VOTE_STATE_OUT")
  if path then
    local out = assert(io.open(path, "w"))
    for _, thread in ipairs(threads) do
      for key, values in pairs(thread:get("sent") or {}) do
        out:write(key .. " " .. values .. "\n")
      end
      out:write("sent " .. (thread:get("sent_count") or 0) .. "\n")
    end
    out:close()
  end
end
