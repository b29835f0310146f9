#!/usr/bin/env bash
# bench/run.sh webhooks-in [duration] [connections]: signed Stripe-style events posted with wrk to one author's
# inbox, each event once. Prints accepted events/s with p50/p99, then checks that every 2xx'd event is a row in
# webhook_events and how long processing took to drain the backlog.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-64}
PORT=${BENCH_PORT:-18092}
DB=quire_bench_webhooks
WARMUP=${BENCH_WARMUP:-10s}
EVENTS=${BENCH_EVENT_COUNT:-200000}
. bench/lib.sh

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
LOG=bench/results/webhooks-in-server.log
env QUIRE_HTTP_PORT="$PORT" QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:benchwh: \
  QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 JAVA_TOOL_OPTIONS="${BENCH_JAVA_OPTS--Xmx256m -XX:+UseParallelGC}" \
  QUIRE_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=100000 \
  "$JAVA_HOME/bin/java" -jar target/quire.jar > "$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$PORT/health/ready" "$PID" "$LOG"

API="http://127.0.0.1:$PORT/api/v1"
EMAIL=webhooks-bench@example.com PASSWORD=velvet-orbit-71-canyon-drift SECRET=whsec_bench_secret_$$
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"username\":\"webhooksbench\"}" "$API/auth/register"
become_author "$EMAIL" "$PASSWORD" "$API"
AUTHOR=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT id FROM users WHERE email = '$EMAIL'")
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$API/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d "{\"secret\":\"$SECRET\"}" "$API/payment-gateway/stripe/webhook-secret"

export BENCH_EVENTS=bench/results/webhooks-in-events.tsv BENCH_PATH="/api/v1/webhooks/stripe/$AUTHOR" BENCH_THREADS=2
python3 bench/sign_stripe.py "$EVENTS" "$SECRET" "$BENCH_EVENTS"   # signed now: the run must end within 300 s

ok_count() { awk '/requests in/ {total = $1} /Non-2xx/ {bad = $5} END {print total - bad}' <<< "$1"; }
WARM=$(BENCH_OFFSET=0 wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s bench/webhooks_in.lua "http://127.0.0.1:$PORT")
OUT=$(BENCH_OFFSET="$(awk '/requests in/ {print $1}' <<< "$WARM")" \
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/webhooks_in.lua "http://127.0.0.1:$PORT")
echo "$OUT" > bench/results/webhooks-in.txt
SENT=$(( $(ok_count "$WARM") + $(ok_count "$OUT") ))
ROWS=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT count(*) FROM webhook_events")
printf '\n%-40s %12s %10s %10s %8s MiB %s\n' scenario 'events/s' p50 p99 RSS ''
printf '%-40s %12s %10s %10s %8s MiB %s\n' "POST signed Stripe events (new ids)" "$(awk '/Requests\/sec/ {print $2}' <<< "$OUT")" \
  "$(awk '$1 == "50%" {print $2}' <<< "$OUT")" "$(awk '$1 == "99%" {print $2}' <<< "$OUT")" "$(rss_of "$PID")" \
  "$(awk '/Non-2xx/ {print "non-2xx: " $5}' <<< "$OUT")"
echo "2xx answers (warm-up + measured): $SENT; rows in webhook_events: $ROWS $([ "$ROWS" -ge "$SENT" ] && echo '(every acknowledged event is stored)' || echo '(MISSING EVENTS)')"
START=$(date +%s%N)
until [ "$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT count(*) FROM webhook_events WHERE status = 'RECEIVED'")" = 0 ]; do sleep 0.5; done
echo "processing backlog drained $(( ($(date +%s%N) - START) / 1000000 )) ms after the load stopped"
echo "wrk -t2 -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up; every request a new event id; server and wrk share the machine"
