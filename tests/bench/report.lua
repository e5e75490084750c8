-- wrk prints this JSON line at the end: throughput, latency percentiles (ms), errors.
-- With a file after `--` (one Cookie header value a line), each request carries the
-- next of them, round-robin from a random start per thread: distinct users' requests.
-- Without one, wrk sends its one prepared request, as before.
local cookies = {}
local prepared = {}
local next_index = 1

local function cycle()
  local req = prepared[next_index]
  if not req then
    req = wrk.format(nil, nil, {Cookie = cookies[next_index]})
    prepared[next_index] = req
  end
  next_index = next_index % #cookies + 1
  return req
end

init = function(args)
  if not args[1] then return end
  for line in io.lines(args[1]) do
    if line ~= "" then cookies[#cookies + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  next_index = math.random(#cookies)
  request = cycle  -- wrk asks for each request only when `request` is defined
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_s": %.3f, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.errors.status))
end
