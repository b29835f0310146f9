-- POSTs batches of BENCH_BATCH events (default 100) with the site's ingest key; every event has a new id, so
-- every one is a real insert. Events: page views and chapter progress on BENCH_CHAPTERS (comma-separated ids).
local counter = 0
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  key = os.getenv("BENCH_KEY")
  batch = tonumber(os.getenv("BENCH_BATCH") or "100")
  chapters = {}
  for id in string.gmatch(os.getenv("BENCH_CHAPTERS"), "[^,]+") do chapters[#chapters + 1] = id end
  run = tonumber(os.getenv("BENCH_RUN") or "0")
  math.randomseed(os.time() + tid)
  agents = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
  }
end

function request()
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    local id = string.format("%08x-%04x-4000-8000-%012x", run, tid, counter)
    local chapter = chapters[(counter % #chapters) + 1]
    if counter % 3 == 0 then
      parts[i] = string.format('{"eventId":"%s","eventType":"CHAPTER_PROGRESS","chapterId":"%s","percent":%d,"sessionId":"s%d"}',
        id, chapter, counter % 100, counter % 500)
    else
      parts[i] = string.format('{"eventId":"%s","eventType":"PAGE_VIEW","chapterId":"%s","url":"https://reader.example/c/%d?utm_source=news","referrer":"https://google.com/","sessionId":"s%d"}',
        id, chapter, counter % 20, counter % 500)
    end
  end
  return wrk.format("POST", "/api/v1/analytics/events", { ["Content-Type"] = "application/json", ["X-Quire-Key"] = key,
    ["User-Agent"] = agents[(counter % #agents) + 1] }, "[" .. table.concat(parts, ",") .. "]")
end
