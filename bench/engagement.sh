#!/usr/bin/env bash
# bench/run.sh engagement [duration] [connections]: a published chapter with 300 comments (100 threads of 3) and
# 500 reactions, then wrk on the comment list (first page, 20 threads with their first replies), the reaction
# summary, and reaction clicks (one signed-in reader adding LIKE again and again: the path of a click, one insert
# that finds its row). Prints requests/s, p50/p99 and RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15s}
CONNECTIONS=${2:-64}
PORT=${BENCH_PORT:-18095}
DB=quire_bench_engagement
. bench/lib.sh

psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null
LOG=bench/results/engagement-server.log
env QUIRE_HTTP_PORT="$PORT" QUIRE_HTTP_ACCESS_LOG=false QUIRE_LOG_LEVEL=WARN QUIRE_REDIS_KEY_PREFIX=quire:benchengage: \
  QUIRE_PG_URL=postgresql://postgres@127.0.0.1:5432/$DB QUIRE_REDIS_URL=redis://127.0.0.1:6379/0 JAVA_TOOL_OPTIONS="${BENCH_JAVA_OPTS--Xmx256m -XX:+UseParallelGC}" \
  QUIRE_RATE_LIMIT_ENABLED=false QUIRE_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE=100000 \
  "$JAVA_HOME/bin/java" -jar target/quire.jar > "$LOG" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$PORT/health/ready" "$PID" "$LOG"

API="http://127.0.0.1:$PORT/api/v1"
PASSWORD=velvet-orbit-71-canyon-drift
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
register() { curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$1@example.com\",\"password\":\"$PASSWORD\",\"username\":\"$1\"}" "$API/auth/register" > /dev/null; }
login() { curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$1@example.com\",\"password\":\"$PASSWORD\"}" "$API/auth/login" | json accessToken; }
register benchauthor; register benchreader
become_author benchauthor@example.com "$PASSWORD" "$API"
AUTHOR=$(login benchauthor); READER=$(login benchreader)
post() { curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $1" -d "$3" "$API$2"; }
SITE=$(post "$AUTHOR" /sites '{"name":"Engagement bench"}' | json id)
SERIES=$(post "$AUTHOR" "/sites/$SITE/series" '{"title":"Bench series"}' | json id)
post "$AUTHOR" "/series/$SERIES/publish" '{}' > /dev/null
CHAPTER=$(post "$AUTHOR" "/series/$SERIES/chapters" '{"title":"Bench chapter","content":"Text."}' | json id)
post "$AUTHOR" "/chapters/$CHAPTER/publish" '{}' > /dev/null
# 100 threads of a comment and two replies, and 500 reactions from 500 users, in SQL (the API would hash 500 passwords)
psql -h 127.0.0.1 -U postgres -d "$DB" -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO users (id, email, username, display_name, password_hash, status)
SELECT gen_random_uuid(), 'rdr' || g || '@example.com', 'rdr' || g, 'Reader ' || g, 'x', 'ACTIVE' FROM generate_series(1, 500) g;
WITH top AS (
  INSERT INTO comments (id, chapter_id, site_id, user_id, content, content_html, created_at, reply_count)
  SELECT gen_random_uuid(), '$CHAPTER', '$SITE', (SELECT id FROM users WHERE username = 'rdr' || g), 'Comment ' || g,
         '<p>Comment ' || g || '</p>', now() - g * interval '1 minute', 2
    FROM generate_series(1, 100) g RETURNING id, user_id)
INSERT INTO comments (id, chapter_id, site_id, user_id, parent_id, depth, content, content_html)
SELECT gen_random_uuid(), '$CHAPTER', '$SITE', top.user_id, top.id, 1, 'Reply', '<p>Reply</p>' FROM top, generate_series(1, 2);
INSERT INTO reactions (user_id, target_type, target_id, type)
SELECT id, 'chapter', '$CHAPTER', (ARRAY['LIKE','LOVE','LAUGH','WOW','SAD','ANGRY'])[1 + (row_number() OVER ()) % 6] FROM users WHERE username LIKE 'rdr%';
SQL

run() { # name, wrk args...
  local name=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d5s "$@" > /dev/null   # warm-up
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  echo "$out" > "bench/results/engagement-$(echo "$name" | tr ' /' '__').txt"
  printf '%-40s %12s %10s %10s %8s MiB  %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" "$(rss_of "$PID")" \
    "$(awk '/Non-2xx/ {print "non-2xx: " $5}' <<< "$out")"
}
printf '\n%-40s %12s %10s %10s %8s\n' scenario 'req/s' p50 p99 RSS
run "GET comments (20 threads + replies)" "$API/chapters/$CHAPTER/comments"
run "GET reactions summary" "$API/chapters/$CHAPTER/reactions"
export BENCH_TOKEN=$READER BENCH_BODY='{"type":"LIKE"}'
run "POST reaction (already there)" -s bench/post_json.lua "$API/chapters/$CHAPTER/reactions"
echo "wrk -t2 -c$CONNECTIONS -d$DURATION after a 5 s warm-up; server, Postgres and wrk share the machine"
