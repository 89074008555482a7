-- wrk script for the OCSP load benchmark: every call POSTs the next of the requests in
-- $OCSP_REQUESTS (default requests.hex: one DER OCSPRequest per line, hex, as written by
-- cn.certhall.bench.OcspLoadSetup), cycling; each wrk thread starts at its own offset.
--
--   wrk -t1 -c32 -d20s --latency -s ocsp-wrk.lua http://127.0.0.1:18480/ocsp -- keepalive
--   wrk ... -- close     (header "Connection: close": one TCP connection per request)
--   wrk ... -- keepalive check   (also counts answers that are no signed OCSP response)
--
-- "keepalive" sends "Connection: keep-alive", which HTTP/1.1 servers assume anyway and which
-- makes openssl's HTTP/1.0 responder keep the connection. All requests are built in init(), so
-- request() only hands out a prepared string.

-- wrk opens and closes a connection to the server before the run, to check it answers. That
-- empty connection hangs openssl 3.0's single-process responder for good (apps/lib/http_server.c
-- returns on EOF before the request line without dropping the connection, then reads it again
-- forever at 100% CPU), so skip the check: use the looked-up address as it is.
wrk.resolve = function(host, service)
  wrk.addrs = wrk.lookup(host, service)
end

local thread_count = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local mode = args[1] or "keepalive"
  check = args[2] == "check"
  local path = wrk.path ~= "" and wrk.path or "/ocsp"
  local headers = { ["Content-Type"] = "application/ocsp-request" }
  if mode == "close" then
    headers["Connection"] = "close"
  elseif mode == "keepalive" then
    headers["Connection"] = "keep-alive"
  else
    error("mode is keepalive or close, not " .. mode)
  end
  reqs = {}
  for line in io.lines(os.getenv("OCSP_REQUESTS") or "requests.hex") do
    local body = (line:gsub("..", function(h) return string.char(tonumber(h, 16)) end))
    reqs[#reqs + 1] = wrk.format("POST", path, headers, body)
  end
  n = #reqs
  i = (id * 25013) % n
  bad = 0
  checked = 0
  if check then
    -- defined only when checking: a response() callback costs wrk time on every answer
    response = function(status, headers, body)
      checked = checked + 1
      -- an OCSP error response is 5 bytes; a signed one is hundreds
      if status ~= 200 or body == nil or #body < 200 or body:byte(1) ~= 0x30 then
        bad = bad + 1
      end
    end
  end
end

function request()
  i = i % n + 1
  return reqs[i]
end

function done(summary, latency, requests)
  local c, b = 0, 0
  for _, t in ipairs(threads) do
    c = c + (t:get("checked") or 0)
    b = b + (t:get("bad") or 0)
  end
  if c > 0 then
    io.write(string.format("checked %d responses, %d not a signed OCSP response\n", c, b))
  end
  local checks = c > 0 and string.format(" not_signed=%d", b) or ""
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout, checks))
end
