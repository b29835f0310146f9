#!/usr/bin/env bash
# The read benchmark (bench/run.sh read [duration] [connections]): seeds 50 sites, 500 series and 20,000
# chapters of ~2 KB Markdown, then measures with wrk on loopback, after a warm-up, each of our read paths and the
# machine's two ceilings (bare Vert.x from memory; bare Vert.x with one Postgres query per request), and prints
# each figure as a ratio to its ceiling. Quire runs twice: read cache on, then read cache off.
# BENCH_JAVA_OPTS is passed to Quire's JVM; by default what the Dockerfile gives a 512 MiB container: a 256 MiB
# heap and the parallel collector.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-64}
PORT=${BENCH_PORT:-18090}
DB=quire_bench_read
WARMUP=${BENCH_WARMUP:-15s}   # JIT and the read cache: 20,000 chapters take a few seconds to load
READ_PATH='/api/v1/chapters/{id}/read'
. bench/lib.sh

PIDS=()
stop_all() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
}
trap stop_all EXIT
start_quire() { # port, extra env assignments...
  local port=$1; shift
  # one client address sends everything: the read limit is raised so the limiter (still on) is measured, not hit
  env QUIRE_HTTP_PORT="$port" QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:benchread: \
    QUIRE_RATE_LIMIT_CLASSES_READ_ANONYMOUS_PER_MINUTE=100000000 \
    QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 JAVA_TOOL_OPTIONS="${BENCH_JAVA_OPTS--Xmx256m -XX:+UseParallelGC}" "$@" \
    "$JAVA_HOME/bin/java" -jar target/quire.jar > "bench/results/read-server-$port.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$port/health/ready" "$!" "bench/results/read-server-$port.log"
}
measure() { # name, pid, url, [BENCH_PATH template] → prints a row and sets RPS; RSS is the peak while measured
  local name=$1 pid=$2 url=$3 template=$READ_PATH
  [ $# -ge 4 ] && template=$4
  BENCH_PATH=$template wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/read.lua "$url" > /dev/null
  local peak_file; peak_file=$(mktemp)
  rss_of "$pid" > "$peak_file"
  ( while kill -0 "$pid" 2> /dev/null; do
      r=$(rss_of "$pid"); [ "$r" -gt "$(cat "$peak_file")" ] && echo "$r" > "$peak_file"; sleep 0.5
    done ) &
  local sampler=$!
  local out; out=$(BENCH_PATH=$template wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/read.lua "$url")
  kill "$sampler" 2> /dev/null || true
  echo "$out" > "bench/results/read-$(echo "$name" | tr ' /' '__').txt"
  RPS=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  printf '%-40s %12s %10s %10s %8s MiB %s\n' "$name" "$RPS" "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(cat "$peak_file")" "$(echo "$out" | awk '/Non-2xx/ {print "non-2xx: " $5}')"
  rm -f "$peak_file"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else printf "n/a" }'; }

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
start_quire "$PORT"
QUIRE=${PIDS[0]}
API="http://127.0.0.1:$PORT/api/v1"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"reader-bench@example.com","password":"velvet-orbit-71-canyon-drift","username":"readerbench"}' "$API/auth/register"
OWNER=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT id FROM users WHERE email = 'reader-bench@example.com'")
psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -q -v owner="$OWNER" -f bench/seed_read.sql
export BENCH_IDS=bench/results/read-chapter-ids.txt
psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT id FROM chapters ORDER BY random()" > "$BENCH_IDS"
SERIES_IDS=bench/results/read-series-ids.txt
psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT id FROM series ORDER BY random()" > "$SERIES_IDS"
SITE_IDS=bench/results/read-site-ids.txt
psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT id FROM sites ORDER BY random()" > "$SITE_IDS"
BODY=bench/results/read-body.json
curl -fs "$API/chapters/$(head -n 1 "$BENCH_IDS")/read" > "$BODY"
printf '\n%s chapters, read body %s bytes; JDK %s, %s cores\n\n' "$(wc -l < "$BENCH_IDS")" "$(wc -c < "$BODY")" \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1 | cut -d'"' -f2)" "$(nproc)"
printf '%-40s %12s %10s %10s %12s\n' scenario 'req/s' p50 p99 'peak RSS'

measure "GET chapter read (cache on)" "$QUIRE" "http://127.0.0.1:$PORT"
CACHED=$RPS
BENCH_IDS=$SERIES_IDS measure "GET table of contents (cache on)" "$QUIRE" "http://127.0.0.1:$PORT" "/api/v1/series/{id}/chapters/public"
TOC=$RPS
BENCH_IDS=$SITE_IDS measure "GET series list page" "$QUIRE" "http://127.0.0.1:$PORT" "/api/v1/sites/{id}/series/public"
LIST=$RPS
kill -TERM "$QUIRE"; wait "$QUIRE" 2>/dev/null || true

start_quire "$PORT" QUIRE_READING_CACHE_ENABLED=false
measure "GET chapter read (cache off)" "${PIDS[1]}" "http://127.0.0.1:$PORT"
UNCACHED=$RPS
kill -TERM "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true

"$JAVA_HOME/bin/java" -cp target/quire.jar bench/Ceilings.java memory $((PORT + 1)) "$BODY" > bench/results/ceiling-memory.log 2>&1 &
PIDS+=($!)
until grep -q listening bench/results/ceiling-memory.log; do kill -0 "${PIDS[2]}" || { cat bench/results/ceiling-memory.log; exit 1; }; sleep 0.1; done
measure "ceiling: bare Vert.x, bytes from memory" "${PIDS[2]}" "http://127.0.0.1:$((PORT + 1))"
MEMORY=$RPS
"$JAVA_HOME/bin/java" -cp target/quire.jar bench/Ceilings.java pg $((PORT + 2)) "postgresql://postgres@127.0.0.1:5432/$DB" \
  > bench/results/ceiling-pg.log 2>&1 &
PIDS+=($!)
until grep -q listening bench/results/ceiling-pg.log; do kill -0 "${PIDS[3]}" || { cat bench/results/ceiling-pg.log; exit 1; }; sleep 0.1; done
measure "ceiling: bare Vert.x, one query" "${PIDS[3]}" "http://127.0.0.1:$((PORT + 2))"
ONE_QUERY=$RPS

echo
echo "cached chapter read: $(ratio "$CACHED" "$MEMORY") of the in-memory ceiling (target ≥ 60%, p99 < 10 ms)"
echo "table of contents:   $(ratio "$TOC" "$MEMORY") of the in-memory ceiling"
echo "series list page:    $(ratio "$LIST" "$ONE_QUERY") of the one-query ceiling"
echo "uncached read:       $(ratio "$UNCACHED" "$ONE_QUERY") of the one-query ceiling (target ≥ 50%)"
echo "wrk -t2 -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, rotating over every id; server and wrk share the machine"
