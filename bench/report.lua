-- wrk script: a JSON summary with the percentiles the benchmark reports, and either cycling through
-- request paths (`-- FILE`: the uncached picker), quick entry's POST (`-- post FILE RUN TIME CSRF`) or
-- the API's create (`-- api FILE RUN TIME`, JSON with a bearer token).
--
-- The POST is what a phone at the pump sends: each request logs a fill-up for the next vehicle in
-- turn (FILE has "id energy odometer" lines, the odometer in the vehicle's unit and above any it
-- has), a little further on each time, with a one-time token of its own (RUN tells runs apart).
local paths, vehicles = nil, nil
local counter = 0
local run, filled_at, csrf, api

function init(args)
  if args[1] == "post" or args[1] == "api" then
    api = args[1] == "api"
    vehicles = {}
    for line in io.lines(args[2]) do
      local id, energy, odometer = line:match("(%d+) (%S+) (%d+)")
      vehicles[#vehicles + 1] = {id = id, energy = energy, odometer = tonumber(odometer)}
    end
    run, filled_at, csrf = tonumber(args[3]), args[4], args[5]
  elseif args[1] then
    paths = {}
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
  end
end

function request()
  counter = counter + 1
  if vehicles and api then
    -- The API's create: the same fill-up as JSON, authenticated by the -H bearer token alone.
    local vehicle = vehicles[(counter - 1) % #vehicles + 1]
    local body = string.format(
      '{"filled_at":"%s","odometer":%d,"energy":"%s","quantity":30,"price":1.5}',
      filled_at, vehicle.odometer + counter, vehicle.energy)
    local headers = {["Content-Type"] = "application/json"}
    for name, value in pairs(wrk.headers) do headers[name] = headers[name] or value end
    return wrk.format("POST", "/api/v1/vehicles/" .. vehicle.id .. "/fill-ups", headers, body)
  end
  if vehicles then
    local vehicle = vehicles[(counter - 1) % #vehicles + 1]
    local body = string.format(
      "vehicle=%s&energy=%s&filled_at=%s&odometer=%d&quantity=30&price=1.5&total_cost=&is_full=on&notes="
        .. "&entry_token=%08x-0000-4000-8000-%012x",
      vehicle.id, vehicle.energy, filled_at, vehicle.odometer + counter, run, counter)
    -- Headers given to wrk.format replace wrk's own (Host, the -H cookie): keep those too.
    local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["X-CSRFToken"] = csrf}
    for name, value in pairs(wrk.headers) do headers[name] = headers[name] or value end
    return wrk.format("POST", nil, headers, body)
  end
  if paths then
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
