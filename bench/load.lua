-- wrk script of bench/load. Environment:
--   BENCH_VARY=1        append a new query parameter to every request (misses any page cache)
--   BENCH_PATHS         newline-separated paths to cycle through (default: the URL's path)
-- Every request carries X-Forwarded-For with one of 5,000 client addresses, as the TLS proxy in
-- front of the site would append it (the server runs with TRUSTED_PROXY_COUNT=1): per-client rate
-- limits (60 searches a minute...) then see many visitors, not one wrk.
-- Prints one line "BENCH {json}" with the requests per second and the p50/p95/p99 latency in ms.
local vary = os.getenv("BENCH_VARY") == "1"
local paths = {}
local counter = 0

function init(args)
  for line in string.gmatch(os.getenv("BENCH_PATHS") or "", "[^\n]+") do
    table.insert(paths, line)
  end
  if #paths == 0 then
    table.insert(paths, wrk.path)
  end
  math.randomseed(os.time())
end

function request()
  counter = counter + 1
  local path = paths[(counter - 1) % #paths + 1]
  if vary then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "banc=" .. math.random(1, 1000000000) .. "-" .. counter
  end
  local client = math.random(0, 4999)
  local headers = {}
  for name, value in pairs(wrk.headers) do  -- wrk.format uses this table instead of wrk.headers
    headers[name] = value
  end
  headers["X-Forwarded-For"] = "10.1." .. math.floor(client / 256) .. "." .. client % 256
  return wrk.format(nil, path, headers)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "requests": %d, "errors": %d, "status_errors": %d}\n',
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, summary.errors.status))
end
