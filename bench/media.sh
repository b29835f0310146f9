#!/usr/bin/env bash
# bench/run.sh media [duration] [connections]: uploads of a 1 MB JPEG (each then processed by the workers: decode,
# re-encode without EXIF, three variants), then downloads of a variant (the thumb) and of the original, with peak
# RSS sampled during the runs. The heap is capped (-Xmx256m) to show uploads stream to disk rather than the heap.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-16}
PORT=${BENCH_PORT:-18096}
DB=quire_bench_media
. bench/lib.sh

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
DATA=$(mktemp -d)
LOG=bench/results/media-server.log
env QUIRE_HTTP_PORT="$PORT" QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:benchmedia: \
  QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 QUIRE_DATA_DIR="$DATA" \
  QUIRE_MEDIA_QUOTA_BYTES=1000000000000 JAVA_TOOL_OPTIONS="${BENCH_JAVA_OPTS--Xmx256m -XX:+UseParallelGC}" \
  QUIRE_RATE_LIMIT_ENABLED=false QUIRE_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=100000 \
  "$JAVA_HOME/bin/java" -jar target/quire.jar > "$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
wait_ready "http://127.0.0.1:$PORT/health/ready" "$PID" "$LOG"

API="http://127.0.0.1:$PORT/api/v1"
PASSWORD=velvet-orbit-71-canyon-drift
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"benchmedia@example.com\",\"password\":\"$PASSWORD\",\"username\":\"benchmedia\"}" "$API/auth/register" > /dev/null
become_author benchmedia@example.com "$PASSWORD" "$API"
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"benchmedia@example.com\",\"password\":\"$PASSWORD\"}" "$API/auth/login" | json accessToken)

JPEG=$(mktemp --suffix .jpg); BODY=$(mktemp)
"$JAVA_HOME/bin/java" bench/NoiseJpeg.java "$JPEG" 1500 1100
{ printf -- '--bench-boundary\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
  cat "$JPEG"; printf -- '\r\n--bench-boundary--\r\n'; } > "$BODY"
FILE=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: multipart/form-data; boundary=bench-boundary' \
  --data-binary @"$BODY" "$API/media/upload" | json id)
until curl -fs -H "Authorization: Bearer $TOKEN" "$API/media/$FILE" | grep -q '"isProcessed":true'; do sleep 0.2; done

PEAK=$(rss_of "$PID")
sample() { while kill -0 "$PID" 2>/dev/null; do r=$(rss_of "$PID"); [ "$r" -gt "$(cat "$1")" ] && echo "$r" > "$1"; sleep 0.2; done; }
PEAKFILE=$(mktemp); echo "$PEAK" > "$PEAKFILE"; sample "$PEAKFILE" & SAMPLER=$!
run() { # name, wrk args...
  local name=$1; shift
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  echo "$out" > "bench/results/media-$(echo "$name" | tr ' /' '__').txt"
  printf '%-40s %12s %10s %10s %8s MiB  %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$(rss_of "$PID")" \
    "$(awk '/Non-2xx/ {print "non-2xx: " $5}' <<< "$out")"
}
printf '\nimage: %s bytes (%s)\n' "$(stat -c %s "$JPEG")" "1500x1100 noise JPEG"
printf '%-40s %12s %10s %10s %8s\n' scenario 'req/s' p50 p99 RSS
export BENCH_TOKEN=$TOKEN BENCH_UPLOAD=$BODY
run "POST /media/upload (1 MB JPEG)" -s bench/upload.lua "$API/media/upload"
PROCESSED_AT_END=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "SELECT count(*) FILTER (WHERE is_processed), count(*) FROM media_files")
run "GET variant thumb" -s bench/get_auth.lua "$API/media/$FILE/download?variant=thumb"
run "GET original (1 MB)" -s bench/get_auth.lua "$API/media/$FILE/download"
kill "$SAMPLER" 2>/dev/null || true
printf 'processed / stored when the upload run ended: %s\n' "$PROCESSED_AT_END"
printf 'peak RSS during the runs: %s MiB (heap capped: %s)\n' "$(cat "$PEAKFILE")" "${BENCH_JAVA_OPTS--Xmx256m}"
echo "wrk -t2 -c$CONNECTIONS -d$DURATION; server, Postgres and wrk share the machine"
