-- GET a path template over many ids: BENCH_IDS names a file of ids, BENCH_PATH a template with {id}
-- (default: the chapter read). Each thread walks the ids from its own random start, so requests rotate.
function init(args)
  ids = {}
  for line in io.lines(os.getenv("BENCH_IDS")) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  template = os.getenv("BENCH_PATH") or "/api/v1/chapters/{id}/read"
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  i = math.random(#ids)
end

function request()
  i = i % #ids + 1
  return wrk.format("GET", (template:gsub("{id}", ids[i])))
end
