#!/usr/bin/env bash
# Starts Quire against a scratch database and measures: start-up time to ready, idle RSS, fat jar size, then
# wrk on loopback per scenario (requests/s, p50, p99, RSS after). Usage: bench/run.sh [duration] [connections]
# bench/run.sh read [duration] [connections] runs the read benchmark instead (bench/read.sh), and
# bench/run.sh webhooks-in [duration] [connections] the incoming webhook benchmark (bench/webhooks_in.sh), and
# bench/run.sh webhooks-out [events] the outgoing one (bench/webhooks_out.sh), and
# bench/run.sh ingest [duration] [connections] the analytics ingestion one (bench/ingest.sh), and
# bench/run.sh engagement [duration] [connections] comment lists and reactions (bench/engagement.sh), and
# bench/run.sh media [duration] [connections] uploads and downloads of images (bench/media.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = read ]; then
  shift
  exec bench/read.sh "$@"
fi
if [ "${1:-}" = webhooks-in ]; then
  shift
  exec bench/webhooks_in.sh "$@"
fi
if [ "${1:-}" = engagement ]; then
  shift
  exec bench/engagement.sh "$@"
fi
if [ "${1:-}" = media ]; then
  shift
  exec bench/media.sh "$@"
fi
if [ "${1:-}" = ingest ]; then
  shift
  exec bench/ingest.sh "$@"
fi
if [ "${1:-}" = webhooks-out ]; then
  shift
  exec bench/webhooks_out.sh "$@"
fi
DURATION=${1:-15s}
CONNECTIONS=${2:-64}
PORT=${BENCH_PORT:-18090}
DB=quire_bench

. bench/lib.sh

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
LOG=bench/results/server.log
START_NS=$(date +%s%N)
# auth limits opened up so the load measures the work, not the limiter (Argon2 parameters stay the defaults)
QUIRE_HTTP_PORT=$PORT QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:bench: \
  QUIRE_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=100000 QUIRE_AUTH_LOCKOUT_THRESHOLD=1000000 \
  QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 \
  "$JAVA_HOME/bin/java" -jar target/quire.jar > "$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$PORT/health/ready" "$PID" "$LOG"
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
sleep 5
rss_mb() { rss_of "$PID"; }
IDLE_RSS=$(rss_mb)
JAR_MB=$(du -m target/quire.jar | cut -f1)

printf '\nstart-up to ready (empty database, migrations included): %s ms\n' "$READY_MS"
printf 'idle RSS: %s MiB   fat jar: %s MiB   (JDK %s, %s cores)\n\n' "$IDLE_RSS" "$JAR_MB" \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 | cut -d'"' -f2)" "$(nproc)"
printf '%-28s %12s %10s %10s %12s\n' scenario 'req/s' p50 p99 'RSS after'
for scenario in /health/live /openapi.json /health/ready; do
  curl -fs "http://127.0.0.1:$PORT$scenario" > /dev/null
  wrk -t2 -c"$CONNECTIONS" -d5s --latency "http://127.0.0.1:$PORT$scenario" > /dev/null   # warm-up
  OUT=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$scenario")
  echo "$OUT" > "bench/results/$(echo "$scenario" | tr '/' '_').txt"
  RPS=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
  P50=$(echo "$OUT" | awk '$1 == "50%" {print $2}')
  P99=$(echo "$OUT" | awk '$1 == "99%" {print $2}')
  printf '%-28s %12s %10s %10s %9s MiB\n' "GET $scenario" "$RPS" "$P50" "$P99" "$(rss_mb)"
done

# --- sign-in and refresh: Argon2id per login, a rotation (3 writes) per refresh
BASE="http://127.0.0.1:$PORT/api/v1/auth"
export BENCH_EMAIL=bench@example.com BENCH_PASSWORD=velvet-orbit-71-canyon-drift
curl -fs -o /dev/null -H 'Content-Type: application/json' -d \
  "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\",\"username\":\"bench\"}" "$BASE/register"
run_post() { # name, wrk args...
  local name=$1; shift
  local out; out=$(wrk "$@" --latency)
  echo "$out" > "bench/results/$name.txt"
  printf '%-28s %12s %10s %10s %9s MiB  %s\n' "$name" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(rss_mb)" \
    "$(echo "$out" | awk '/Non-2xx/ {print "non-2xx: " $5}')"
}
run_post "POST login" -t2 -c16 -d"$DURATION" -s bench/login.lua "$BASE/login"
BENCH_PASSWORD=wrong-password-for-timing run_post "POST login (wrong pw)" -t2 -c16 -d"$DURATION" -s bench/login.lua "$BASE/login"
BENCH_EMAIL=nobody@example.com run_post "POST login (no account)" -t2 -c16 -d"$DURATION" -s bench/login.lua "$BASE/login"
export BENCH_TOKENS=bench/results/refresh-tokens.txt
: > "$BENCH_TOKENS"
for _ in $(seq 1 8); do
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" "$BASE/login" \
    | sed -n 's/.*"refreshToken":"\([^"]*\)".*/\1/p' >> "$BENCH_TOKENS"
  echo >> "$BENCH_TOKENS"
done
run_post "POST refresh" -t8 -c8 -d"$DURATION" -s bench/refresh.lua "$BASE/refresh"

# --- authoring: chapter create and content update (Markdown rendering, versions, outbox included)
become_author "$BENCH_EMAIL" velvet-orbit-71-canyon-drift "http://127.0.0.1:$PORT/api/v1"
export BENCH_TOKEN; BENCH_TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"velvet-orbit-71-canyon-drift\"}" "$BASE/login" \
  | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
API="http://127.0.0.1:$PORT/api/v1"
json_id() { sed -n 's/^{"id":"\([^"]*\)".*/\1/p'; }
SITE=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" -d '{"name":"Bench"}' "$API/sites" | json_id)
export BENCH_SERIES; BENCH_SERIES=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" \
  -d '{"title":"Bench series"}' "$API/sites/$SITE/series" | json_id)
run_post "POST chapter (create)" -t2 -c16 -d"$DURATION" -s bench/chapter_create.lua "$API"
export BENCH_CHAPTERS=bench/results/chapters.txt
: > "$BENCH_CHAPTERS"
for i in $(seq 1 8); do
  curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" -d "{\"title\":\"Edit $i\"}" \
    "$API/series/$BENCH_SERIES/chapters" | json_id >> "$BENCH_CHAPTERS"
  echo >> "$BENCH_CHAPTERS"
done
run_post "PUT chapter content" -t8 -c8 -d"$DURATION" -s bench/content_update.lua "$API"

echo
echo "wrk on 127.0.0.1, server and load generator sharing the machine; GETs -t2 -c$CONNECTIONS, logins -t2 -c16,"
echo "refresh and content -t8 -c8 (one session / chapter per connection), chapter create -t2 -c16;"
echo "Argon2id m=19456 KiB, t=2, p=1 (the defaults)"
