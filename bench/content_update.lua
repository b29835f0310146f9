-- PUT /api/v1/chapters/{id}/content, one chapter per thread (run with -c equal to -t), each request based on
-- the revision the previous response returned, as an editor's client does (a stale one would get 412)
local next_id = 1
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local i = 0
  for line in io.lines(os.getenv("BENCH_CHAPTERS")) do
    i = i + 1
    if i == id then chapter = line end
  end
  revision = 1
  n = 0
end

function request()
  n = n + 1
  local body = '{"content":"Paragraph one, edit ' .. n .. '.\\n\\n' .. string.rep("More words in the chapter. ", 100) .. '"}'
  return wrk.format("PUT", "/api/v1/chapters/" .. chapter .. "/content",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
      ["If-Match"] = '"r' .. revision .. '"' }, body)
end

function response(status, headers, body)
  local r = body:match('"revision":(%d+)')
  if r then revision = tonumber(r) end
end
