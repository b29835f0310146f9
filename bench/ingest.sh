#!/usr/bin/env bash
# bench/run.sh ingest [duration] [connections]: wrk posts 100-event batches with a site's public ingest key, every
# event new. Prints committed events/s (counted in analytics_events), p50/p99 and RSS, next to the machine's two
# ceilings measured in the same run (bench/IngestCeilings.java): the reactive unnest insert without HTTP, and HTTP
# with JSON parsing without writes; our figure is shown as a ratio to the lower one.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-64}
PORT=${BENCH_PORT:-18093}
DB=quire_bench_ingest
WARMUP=${BENCH_WARMUP:-10s}
. bench/lib.sh

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
LOG=bench/results/ingest-server.log
# limits opened up: one client address and one site are measured, not refused
env QUIRE_HTTP_PORT="$PORT" QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:benchingest: \
  QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 JAVA_TOOL_OPTIONS="${BENCH_JAVA_OPTS--Xmx256m -XX:+UseParallelGC}" \
  QUIRE_RATE_LIMIT_CLASSES_INGEST_ANONYMOUS_PER_MINUTE=100000000 QUIRE_ANALYTICS_SITE_REQUESTS_PER_MINUTE=100000000 \
  QUIRE_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=100000 \
  "$JAVA_HOME/bin/java" -jar target/quire.jar > "$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; if [ -n "${CEIL:-}" ]; then kill $CEIL 2>/dev/null || true; fi' EXIT
wait_ready "http://127.0.0.1:$PORT/health/ready" "$PID" "$LOG"

API="http://127.0.0.1:$PORT/api/v1"
EMAIL=ingest-bench@example.com PASSWORD=velvet-orbit-71-canyon-drift
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"username\":\"ingestbench\"}" "$API/auth/register"
become_author "$EMAIL" "$PASSWORD" "$API"
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$API/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
SITE=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"name":"Ingest bench"}' "$API/sites" | json id)
SERIES=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"title":"Bench series"}' "$API/sites/$SITE/series" | json id)
CHAPTERS=""
for i in $(seq 1 20); do
  C=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d "{\"title\":\"Chapter $i\",\"content\":\"Text $i.\"}" "$API/series/$SERIES/chapters" | json id)
  CHAPTERS="$CHAPTERS${CHAPTERS:+,}$C"
done
export BENCH_KEY BENCH_CHAPTERS="$CHAPTERS"
BENCH_KEY=$(curl -fs -H "Authorization: Bearer $TOKEN" "$API/sites/$SITE/analytics/ingest-key" | json ingestKey)

count() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT count(*) FROM analytics_events"; }
BENCH_RUN=1 wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/ingest.lua "http://127.0.0.1:$PORT" > /dev/null
BEFORE=$(count)
START=$(date +%s%N)
PEAK=0
( while kill -0 "$PID" 2>/dev/null; do r=$(rss_of "$PID"); [ "$r" -gt "$PEAK" ] && PEAK=$r && echo "$PEAK" > bench/results/ingest-peak-rss; sleep 0.5; done ) &
WATCH=$!
OUT=$(BENCH_RUN=2 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/ingest.lua "http://127.0.0.1:$PORT")
ELAPSED_MS=$(( ($(date +%s%N) - START) / 1000000 ))
kill $WATCH 2>/dev/null || true
AFTER=$(count)
echo "$OUT" > bench/results/ingest.txt
OURS=$(( (AFTER - BEFORE) * 1000 / ELAPSED_MS ))
P50=$(awk '$1 == "50%" {print $2}' <<< "$OUT"); P99=$(awk '$1 == "99%" {print $2}' <<< "$OUT")
NON2XX=$(awk '/Non-2xx/ {print $5}' <<< "$OUT")
kill -TERM $PID; wait $PID 2>/dev/null || true

# --- the ceilings, with Quire stopped
WRITE=$("$JAVA_HOME/bin/java" -cp target/quire.jar bench/IngestCeilings.java write "postgresql://postgres@127.0.0.1:5432/$DB" 10 \
  | awk '/rows\/s/ {print $(NF-1)}')
"$JAVA_HOME/bin/java" -cp target/quire.jar bench/IngestCeilings.java parse $((PORT + 1)) > bench/results/ceiling-parse.log 2>&1 &
CEIL=$!
until curl -s -m 1 -o /dev/null "http://127.0.0.1:$((PORT + 1))/"; do sleep 0.2; done
PARSE_OUT=$(BENCH_RUN=3 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/ingest.lua "http://127.0.0.1:$((PORT + 1))")
PARSE=$(awk '/Requests\/sec/ {printf "%.0f", $2 * 100}' <<< "$PARSE_OUT")
kill $CEIL; CEIL=""
LOWER=$(( WRITE < PARSE ? WRITE : PARSE ))

printf '\n%-44s %12s %9s %9s %9s\n' scenario 'events/s' p50 p99 'peak RSS'
printf '%-44s %12s %9s %9s %6s MiB  %s\n' "POST 100-event batches (committed)" "$OURS" "$P50" "$P99" "$(cat bench/results/ingest-peak-rss)" \
  "${NON2XX:+non-2xx: $NON2XX}"
printf '%-44s %12s\n' "ceiling: unnest insert, 4 x 1000 in flight" "$WRITE"
printf '%-44s %12s\n' "ceiling: HTTP + JSON parse, no writes" "$PARSE"
echo "ours / lower ceiling: $(( OURS * 100 / LOWER ))%"
echo "wrk -t2 -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up; every event a new id; server, Postgres and wrk share the machine"
