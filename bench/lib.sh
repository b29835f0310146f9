# Shared by bench/run.sh and bench/read.sh: wrk and a JDK >= 21, the fat jar, and one result line per wrk run.
if ! command -v wrk > /dev/null; then
  echo "bench: installing wrk"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/*/ | while read -r d; do
    v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ "${v%%.*}" -ge 21 ] 2>/dev/null && echo "${v%%.*} ${d%/}"; done | sort -n | tail -n 1 | cut -d' ' -f2)
fi
export JAVA_HOME
[ -f target/quire.jar ] || ./mvnw -B -q package -DskipTests
mkdir -p bench/results

rss_of() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

# wait_ready url pid log: polls until the url answers 2xx, or prints the log and fails if the process died
wait_ready() {
  until curl -fs -m 2 "$1" > /dev/null; do
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.05
  done
}

# become_author EMAIL PASSWORD API: the account becomes an AUTHOR the way a user does, through the API
become_author() {
  local token
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$3/auth/login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
  curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d '{"penName":"Bench"}' "$3/author-profile"
}
