-- wrk script for bench/ingest.sh: each request reports a random seeded
-- device's state, background (with an unread count) and foreground in
-- turn, as the IM SDK does when the app is left and reopened.
--
--   wrk -t T ... -s bench/state.lua URL -- DEVICES API_KEY [RATE T]
--
-- DEVICES is the seed's device count (IDs d0000001 …). RATE, when above
-- 0, paces the whole run to RATE requests a second: each of the T threads
-- hands out send slots T/RATE seconds apart and delay() holds each
-- connection until its slot, so the offered load does not depend on how
-- fast the server answers (wrk alone only offers closed-loop load).

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local devices, width, interval_ms, background
local headers = {}

function init(args)
  devices = tonumber(args[1])
  width = math.max(7, string.len(args[1]))
  headers["Authorization"] = "Bearer " .. args[2]
  headers["Content-Type"] = "application/json"
  local rate, threads = tonumber(args[3] or "0"), tonumber(args[4] or "1")
  if rate > 0 then
    interval_ms = 1000 * threads / rate
  end
  math.randomseed(os.time() * 1000 + id)
  background = (id % 2 == 0)
end

function request()
  local n = math.random(1, devices)
  local path = string.format("/api/v1/devices/d%0" .. width .. "d/state", n)
  local body
  background = not background
  if background then
    body = string.format('{"state":"background","unread":%d}', math.random(0, 99))
  else
    body = '{"state":"foreground"}'
  end
  return wrk.format("POST", path, headers, body)
end

-- wrk's Lua has no millisecond clock; LuaJIT's ffi reaches libc's.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } pushcheck_timeval;
  int gettimeofday(pushcheck_timeval *tv, void *tz);
]]
local tv = ffi.new("pushcheck_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local next_slot = 0

-- Defined only for a paced run: with delay() present wrk goes through a
-- timer for every request.
if os.getenv("PUSHCHECK_WRK_PACED") == "1" then
  function delay()
    local now = now_ms()
    local slot = math.max(next_slot, now)
    next_slot = slot + interval_ms
    return slot - now
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
