-- POST /api/v1/auth/login with BENCH_EMAIL / BENCH_PASSWORD (a full Argon2id verification per request)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}', os.getenv("BENCH_EMAIL"), os.getenv("BENCH_PASSWORD"))
