-- POSTs the multipart body in the file BENCH_UPLOAD (boundary "bench-boundary") with the bearer token BENCH_TOKEN.
local f = assert(io.open(os.getenv("BENCH_UPLOAD"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "multipart/form-data; boundary=bench-boundary"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
