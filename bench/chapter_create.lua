-- POST /api/v1/series/{BENCH_SERIES}/chapters: a new ~600-word chapter per request (number, order, slug allocated,
-- Markdown rendered and sanitised, version 1 and an outbox row written)
local words = {}
for i = 1, 600 do words[#words + 1] = (i % 12 == 0) and "word.\n\n" or "word" end
local body = '{"title":"Bench chapter","content":"' .. table.concat(words, " "):gsub("\n", "\\n") .. '"}'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = body
wrk.path = "/api/v1/series/" .. os.getenv("BENCH_SERIES") .. "/chapters"
