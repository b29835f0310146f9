-- POSTs pre-signed Stripe events (bench/sign_stripe.py), each once: thread k of n takes lines k, k+n, k+2n, ...
-- BENCH_EVENTS names the file, BENCH_PATH the inbox path.
local threads = {}
local count = 0

function setup(thread)
  thread:set("index", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS") or "2")
  events = {}
  local line_no = 0
  for line in io.lines(os.getenv("BENCH_EVENTS")) do
    if line_no % n == index then
      local tab = line:find("\t", 1, true)
      events[#events + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
    end
    line_no = line_no + 1
  end
  path = os.getenv("BENCH_PATH")
  offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
  i = offset
end

function request()
  i = i + 1
  local e = events[(i - 1) % #events + 1]
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Stripe-Signature"] = e[1] }, e[2])
end

function done(summary, latency, requests)
  -- nothing: the shell compares wrk's 2xx count with the rows in webhook_events
end
