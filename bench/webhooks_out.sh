#!/usr/bin/env bash
# bench/run.sh webhooks-out [events]: N site events written straight into the outbox at once, fanned out to one
# endpoint and delivered to a local receiver that answers 200 at once (bench/Receiver.java). Prints deliveries/s
# and the delay from each outbox row's creation to its arrival at the receiver (p50/p99).
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-5000}
PORT=${BENCH_PORT:-18093}
RECEIVER_PORT=$((PORT + 1))
DB=quire_bench_webhooks_out
. bench/lib.sh

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
LOG=bench/results/webhooks-out-server.log
ARRIVALS=bench/results/webhooks-out-arrivals.txt
"$JAVA_HOME/bin/java" -cp target/quire.jar bench/Receiver.java "$RECEIVER_PORT" "$ARRIVALS" > bench/results/webhooks-out-receiver.log 2>&1 &
RECEIVER=$!
env QUIRE_HTTP_PORT="$PORT" QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:benchwo: \
  QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 JAVA_TOOL_OPTIONS="${BENCH_JAVA_OPTS--Xmx256m -XX:+UseParallelGC}" \
  QUIRE_WEBHOOKS_REQUIRE_HTTPS=false QUIRE_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true QUIRE_WEBHOOKS_PER_ENDPOINT_CONCURRENCY=16 \
  "$JAVA_HOME/bin/java" -jar target/quire.jar > "$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID $RECEIVER 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$PORT/health/ready" "$PID" "$LOG"
until grep -q listening bench/results/webhooks-out-receiver.log; do sleep 0.1; done

API="http://127.0.0.1:$PORT/api/v1"
EMAIL=webhooks-out@example.com PASSWORD=velvet-orbit-71-canyon-drift
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"username\":\"webhooksout\"}" "$API/auth/register"
become_author "$EMAIL" "$PASSWORD" "$API"
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$API/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
SITE=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"name":"Bench Site"}' "$API/sites" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d "{\"name\":\"bench\",\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"events\":[\"site.*\"]}" "$API/sites/$SITE/webhooks"
sleep 2   # the site.created event and its delivery, out of the way
: > "$ARRIVALS"

psql -h 127.0.0.1 -U postgres -d "$DB" -qc "INSERT INTO outbox (topic, aggregate_id, payload)
  SELECT 'site.updated', '$SITE', jsonb_build_object('siteId', '$SITE', 'seq', g) FROM generate_series(1, $EVENTS) g;
  NOTIFY quire_outbox, 'site.updated'"
until [ "$(wc -l < "$ARRIVALS")" -ge "$EVENTS" ]; do
  kill -0 "$PID" || { tail "$LOG"; exit 1; }
  sleep 0.5
done
psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT (payload->>'seq'), (extract(epoch FROM created_at) * 1000)::bigint FROM outbox
  WHERE topic = 'site.updated' AND payload ? 'seq'" > bench/results/webhooks-out-created.txt
python3 - "$ARRIVALS" bench/results/webhooks-out-created.txt "$EVENTS" <<'PY'
import sys
arrivals = {}
for line in open(sys.argv[1]):
    seq, at = line.split()
    arrivals.setdefault(seq, int(at))
created = dict(line.strip().split("|") for line in open(sys.argv[2]) if line.strip())
delays = sorted(arrivals[s] - int(created[s]) for s in arrivals if s in created)
first, last = min(int(v) for v in created.values()), max(arrivals.values())
pct = lambda p: delays[min(len(delays) - 1, int(len(delays) * p))]
print(f"\n{len(arrivals)} of {sys.argv[3]} events delivered once each: {len(arrivals) / ((last - first) / 1000):.0f} deliveries/s")
print(f"outbox row → arrival: p50 {pct(0.5)} ms, p99 {pct(0.99)} ms, max {delays[-1]} ms (all written at once: a burst)")
PY
echo "duplicates at the receiver: $(( $(wc -l < "$ARRIVALS") - $(cut -d' ' -f1 "$ARRIVALS" | sort -u | wc -l) ))"
