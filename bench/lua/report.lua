-- Shared by the wrk scripts: done() writes the run's figures as JSON to $WRK_REPORT.
-- Loaded with dofile() so that each script stays a plain wrk script.

local report = {}

local function json_number(value)
  if value ~= value or value == math.huge or value == -math.huge then
    return "null"
  end
  return string.format("%.6f", value)
end

-- Per-thread response counters, merged in done(): {[status] = count}.
statuses = {}

function report.count_status(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function report.write(summary, latency, threads, extra)
  local path = os.getenv("WRK_REPORT")
  if not path then
    return
  end
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses") or {}
    for status, count in pairs(counts) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(merged) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local errors = summary.errors
  local out = assert(io.open(path, "w"))
  out:write("{")
  out:write(string.format('"requests": %d, "duration_us": %d, "bytes": %d, ', summary.requests, summary.duration, summary.bytes))
  out:write(string.format(
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ',
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
  out:write(string.format(
    '"latency_us": {"mean": %s, "p50": %s, "p90": %s, "p99": %s, "max": %s}, ',
    json_number(latency.mean), json_number(latency:percentile(50)), json_number(latency:percentile(90)),
    json_number(latency:percentile(99)), json_number(latency.max)))
  out:write('"statuses": {' .. table.concat(parts, ", ") .. "}")
  if extra then
    out:write(", " .. extra)
  end
  out:write("}\n")
  out:close()
end

return report
