-- POST /api/v1/auth/refresh, one session per thread (run with -c equal to -t): each response's new refresh
-- token is used for the next request, as a real client must (replaying a rotated one revokes the session).
local next_id = 1
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local i = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    i = i + 1
    if i == id then token = line end
  end
end

function request()
  return wrk.format("POST", "/api/v1/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  local fresh = body:match('"refreshToken":"([^"]+)"')
  if fresh then token = fresh end
end
