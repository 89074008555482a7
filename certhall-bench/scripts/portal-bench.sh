#!/bin/bash
# Portal benchmark: the applicant pages under wrk, and simulated applicants walking 单位证书新办
# (cn.certhall.bench.PortalLoad), the server on one core and the load on the other. See
# docs/benchmarks.md, section "Portal pages (issue 20)".
#
#   certhall-bench/scripts/portal-bench.sh setup   # fresh schema and data directory, CAs made
#   certhall-bench/scripts/portal-bench.sh pages   # wrk on /?channelId=demo, /orders, /ca in turn
#   certhall-bench/scripts/portal-bench.sh load    # APPLICANTS applicants, CONCURRENCY at a time
#
# `pages` measures each jar of JARS (default: APP_JAR) in turn in the same pass, e.g.
#   JARS="/tmp/before.jar certhall-app/target/certhall-app-0.1.0-SNAPSHOT-exec.jar" ... pages
# Compare a page with /ca and /orders of the same pass: on a shared machine only such ratios
# (and the server's CPU per request) mean something, not requests/s alone.
#
# Build first (from the repository root):
#   ./mvnw -q -DskipTests -pl certhall-app,certhall-bench -am package
#
# Settings (environment): WORK (/tmp/certhall-portal-bench), SCHEMA (bench_portal), PORT (18580),
# SERVER_CPU (0), LOAD_CPU (1: wrk and the generator), CONNECTIONS (50), DURATION (20s), ROUNDS
# (3), APPLICANTS (300), CONCURRENCY (20), WARMUP (40 applicants, not counted), PGURL
# (jdbc:postgresql://127.0.0.1:5432/test), PSQL ("psql -h 127.0.0.1 -U postgres test"), APP_JAR,
# JARS, BENCH_JAR, JAVA_OPTS (-Xms512m -Xmx1g).
#
# Limits raised for the load (all applicants come from 127.0.0.1, each with its own organization
# and mobiles): the daily SMS caps (certhall.limits.sms.*, per address 50 by default) and the wait
# of an upload for one of the 2 places of the heavy requests (certhall.heavy-requests.queue-wait,
# 2 s by default, then 429; here 60 s): with 20 applicants uploading on one core the queue is
# longer than 2 s. The number of places (max-concurrent, 2) stays as it is.
#
# Every result line ends with the 1-minute load average at its end and the CPU that processes
# other than the measured server and the load generator used meanwhile ("others", in cores).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/certhall-portal-bench}
SCHEMA=${SCHEMA:-bench_portal}
PORT=${PORT:-18580}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-3}
APPLICANTS=${APPLICANTS:-300}
CONCURRENCY=${CONCURRENCY:-20}
WARMUP=${WARMUP:-40}
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres test}
APP_JAR=${APP_JAR:-$ROOT/certhall-app/target/certhall-app-0.1.0-SNAPSHOT-exec.jar}
JARS=${JARS:-$APP_JAR}
BENCH_JAR=${BENCH_JAR:-$ROOT/certhall-bench/target/benchmarks.jar}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx1g}
BASE=http://127.0.0.1:$PORT
SERVER_PID=

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

start_server() { # $1: jar, $2: CPU list for taskset
  # the jar is copied so that a rebuild meanwhile cannot change what runs
  cp "$1" "$WORK/app.jar"
  taskset -c "$2" java $JAVA_OPTS -jar "$WORK/app.jar" \
    --certhall.data-dir="$WORK/data" --server.port="$PORT" \
    --certhall.public-url="$BASE" \
    --spring.datasource.url="$PGURL?currentSchema=$SCHEMA" --spring.datasource.username=postgres \
    --certhall.ca.hierarchies=ECDSA \
    --certhall.limits.sms.per-mobile=100000 --certhall.limits.sms.per-subject=100000 \
    --certhall.limits.sms.per-address=100000 \
    --certhall.heavy-requests.queue-wait=60s >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 180); do
    if curl -sf -o /dev/null "$BASE/ca"; then
      log "server up (pid $SERVER_PID, cpu $2, $1)"
      return
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
    sleep 1
  done
  log "server did not start"; exit 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

trap stop_server EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# jiffies the whole machine spent busy (all CPUs), to see what else ran during a measurement
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# measure NAME PATH: one wrk run, one result line
measure() {
  local name=$1 path=$2
  local c0 b0 c1 b1 out w t0 t1
  c0=$(cpu_ticks "$SERVER_PID"); b0=$(busy_ticks); t0=$(date +%s.%N)
  out=$(TIMEFORMAT='%U %S' && { time taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" \
    --latency "$BASE$path" 2>&1; } 2>"$WORK/wrk.time")
  c1=$(cpu_ticks "$SERVER_PID"); b1=$(busy_ticks); t1=$(date +%s.%N)
  w=$(awk '{printf "%d", ($1 + $2) * 100}' "$WORK/wrk.time")
  echo "$out" >>"$WORK/wrk.log"
  local requests rps p50 p99 bad timeouts
  requests=$(echo "$out" | awk '/requests in/{print $1}')
  rps=$(echo "$out" | awk '/^Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  timeouts=$(echo "$out" | awk '/Socket errors/{print $NF}')
  awk -v n="$name" -v q="$requests" -v r="$rps" -v p50="$p50" -v p99="$p99" -v bad="${bad:-0}" -v to="${timeouts:-0}" \
    -v c=$((c1 - c0)) -v b=$((b1 - b0)) -v w="$w" -v s="$(echo "$t1 - $t0" | bc)" \
    -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%-24s requests=%d rps=%.1f p50=%s p99=%s non2xx=%d timeouts=%d server_cpu=%.2f us_per_req=%.0f wrk_cpu=%.2f others=%.2f load=%s\n",
      n, q, r, p50, p99, bad, to, c / 100 / s, (q > 0 ? c * 10000 / q : 0), w / 100 / s, (b - c - w) / 100 / s, l }' \
    | tee -a "$WORK/results.txt"
}

setup() {
  mkdir -p "$WORK"
  log "fresh schema $SCHEMA and data directory $WORK/data"
  PGOPTIONS='-c client_min_messages=warning' $PSQL -q -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
  rm -rf "$WORK/data"
  start_server "$APP_JAR" "$SERVER_CPU,$LOAD_CPU" # Flyway creates the tables, the server the CAs
  stop_server
}

pages() {
  [ -d "$WORK/data" ] || { echo "run setup first" >&2; exit 1; }
  echo "# pages $(date -u +%FT%TZ): $(nproc) CPUs, server on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU," \
    "-t1 -c$CONNECTIONS -d$DURATION; $(uptime)" | tee -a "$WORK/results.txt"
  local jar i label
  for jar in $JARS; do
    label=$(basename "$jar" .jar)
    start_server "$jar" "$SERVER_CPU"
    # warm-up (the JIT), not shown
    for path in '/?channelId=demo' /orders /ca; do
      DURATION=10s measure "warm-up $path" "$path" >/dev/null
    done
    for i in $(seq "$ROUNDS"); do
      measure "$label home" '/?channelId=demo'
      measure "$label /orders" /orders
      measure "$label /ca" /ca
    done
    echo "# $label: sessions in $SCHEMA.spring_session after the pass:" \
      "$($PSQL -Atc "SELECT count(*) FROM $SCHEMA.spring_session")" | tee -a "$WORK/results.txt"
    stop_server
  done
}

load() {
  [ -d "$WORK/data" ] || { echo "run setup first" >&2; exit 1; }
  echo "# load $(date -u +%FT%TZ): $(nproc) CPUs, server on CPU $SERVER_CPU, generator on CPU $LOAD_CPU," \
    "$APPLICANTS applicants, $CONCURRENCY at a time, $WARMUP to warm up; $(uptime)" | tee -a "$WORK/results.txt"
  start_server "$APP_JAR" "$SERVER_CPU"
  local c0 b0 g0 c1 b1 t0 t1 rc=0
  # a short walk of a few applicants first, so the warm-up below starts on a loaded JIT
  taskset -c "$LOAD_CPU" java -cp "$BENCH_JAR" cn.certhall.bench.PortalLoad --url "$BASE" \
    --applicants "$WARMUP" --concurrency "$CONCURRENCY" 2>&1 | grep -v 'fallback font' >/dev/null || true
  c0=$(cpu_ticks "$SERVER_PID"); b0=$(busy_ticks); t0=$(date +%s.%N)
  TIMEFORMAT='%U %S'
  { time taskset -c "$LOAD_CPU" java -cp "$BENCH_JAR" cn.certhall.bench.PortalLoad --url "$BASE" \
    --applicants "$APPLICANTS" --concurrency "$CONCURRENCY" >"$WORK/load.out" 2>&1; } 2>"$WORK/load.time" || rc=$?
  c1=$(cpu_ticks "$SERVER_PID"); b1=$(busy_ticks); t1=$(date +%s.%N)
  grep -v 'fallback font' "$WORK/load.out" | tee -a "$WORK/results.txt"
  g0=$(awk '{printf "%d", ($1 + $2) * 100}' "$WORK/load.time")
  awk -v c=$((c1 - c0)) -v b=$((b1 - b0)) -v g="$g0" -v s="$(echo "$t1 - $t0" | bc)" -v a="$APPLICANTS" \
    -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "server_cpu=%.2f server_ms_per_applicant=%.0f generator_cpu=%.2f others=%.2f load=%s\n",
      c / 100 / s, c * 10 / a, g / 100 / s, (b - c - g) / 100 / s, l }' | tee -a "$WORK/results.txt"
  stop_server
  return "$rc"
}

case "${1:-}" in
  setup) setup ;;
  pages) pages ;;
  load) load ;;
  *) echo "usage: $0 setup|pages|load" >&2; exit 2 ;;
esac
