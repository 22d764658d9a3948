-- wrk script: optional cycling through request paths (for the uncached picker), and a JSON
-- summary with the percentiles the benchmark reports.
local paths = nil
local counter = 0

function init(args)
  if args[1] then
    paths = {}
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
  end
end

function request()
  if paths then
    counter = counter + 1
    return wrk.format("GET", paths[(counter - 1) % #paths + 1])
  end
  return wrk.format()
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "errors": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
