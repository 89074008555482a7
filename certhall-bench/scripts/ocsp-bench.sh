#!/bin/bash
# OCSP load benchmark: certhall's POST /ocsp against `openssl ocsp` as a responder, same
# machine, same 100 000 certificates, same request bodies, wrk on one core and the server on the
# other. See docs/benchmarks.md, section "OCSP responder and CRLs".
#
#   certhall-bench/scripts/ocsp-bench.sh setup   # fresh schema, CAs, 100 000 certificates, files
#   certhall-bench/scripts/ocsp-bench.sh run     # one measuring pass (run it several times)
#   certhall-bench/scripts/ocsp-bench.sh cluster # one node alone, then two nodes behind haproxy
#
# Build first (from the repository root):
#   ./mvnw -q -DskipTests -pl certhall-app,certhall-bench -am package
#
# Settings (environment): WORK (/tmp/certhall-ocsp-bench), SCHEMA (bench_ocsp), PORT (18480),
# OPENSSL_PORT (18481), SERVER_CPU (0), WRK_CPU (1), CONNECTIONS (32), DURATION (20s),
# COUNT (100000), PGURL (jdbc:postgresql://127.0.0.1:5432/test), PSQL ("psql -h 127.0.0.1 -U
# postgres test"), APP_JAR, BENCH_JAR, JAVA_OPTS (-Xms512m -Xmx1g), ROUNDS (3: measurements of
# each kind per pass), WARMUP (150s: the warm-up run of each node, long enough to cache every answer), PORT_B (18482), BALANCER_PORT
# (18483), NICE (0; e.g. -10 gives both servers and wrk alike a higher priority than
# other work on a shared machine, root only: with the kernel's autogroups, CPU is shared between
# sessions first, so the script then runs in a session of its own and sets that session's nice).
#
# Every result line ends with the 1-minute load average at its end and the CPU that processes
# other than the measured server and wrk used meanwhile ("others", in cores): figures taken while
# others is high are figures of the scheduler as much as of the server.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/certhall-ocsp-bench}
SCHEMA=${SCHEMA:-bench_ocsp}
PORT=${PORT:-18480}
OPENSSL_PORT=${OPENSSL_PORT:-18481}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
COUNT=${COUNT:-100000}
PGURL=${PGURL:-jdbc:postgresql://127.0.0.1:5432/test}
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres test}
APP_JAR=${APP_JAR:-$ROOT/certhall-app/target/certhall-app-0.1.0-SNAPSHOT-exec.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/certhall-bench/target/benchmarks.jar}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx1g}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-150s}
NICE=${NICE:-0}
PORT_B=${PORT_B:-18482}
BALANCER_PORT=${BALANCER_PORT:-18483}
LUA=$ROOT/certhall-bench/scripts/ocsp-wrk.lua
LOAD=$WORK/load
SERVER_PID=
SERVER_B_PID=
HAPROXY_PID=
OPENSSL_PID=

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# start_node CPUS PORT DATA_DIR NAME: a node of the app on the schema, its management port at
# PORT + 1000, its output in $WORK/NAME.log; waits until it answers and sets NODE_PID
start_node() {
  nice -n "$NICE" taskset -c "$1" java $JAVA_OPTS -jar "$WORK/app.jar" \
    --certhall.data-dir="$3" --server.port="$2" --management.server.port=$(($2 + 1000)) \
    --certhall.public-url="http://127.0.0.1:$PORT" \
    --spring.datasource.url="$PGURL?currentSchema=$SCHEMA" --spring.datasource.username=postgres \
    --certhall.ca.hierarchies=ECDSA >"$WORK/$4.log" 2>&1 &
  NODE_PID=$!
  for _ in $(seq 180); do
    if curl -sf -o /dev/null "http://127.0.0.1:$2/ca"; then
      log "$4 up (pid $NODE_PID, cpu $1)"
      return
    fi
    kill -0 "$NODE_PID" 2>/dev/null || { tail -30 "$WORK/$4.log"; exit 1; }
    sleep 1
  done
  log "$4 did not start"; exit 1
}

start_server() { # $1: CPU list for taskset
  # the jar is copied so that a rebuild meanwhile cannot change what runs
  cp "$APP_JAR" "$WORK/app.jar"
  start_node "$1" "$PORT" "$WORK/data" server
  SERVER_PID=$NODE_PID
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# a second node on the same schema, its own data directory copied from the first (the keys are in
# the database; the directory holds the generated secrets both nodes must share)
start_server_b() { # $1: CPU list for taskset
  rm -rf "$WORK/data-b" && cp -a "$WORK/data" "$WORK/data-b"
  start_node "$1" "$PORT_B" "$WORK/data-b" server-b
  SERVER_B_PID=$NODE_PID
}

# haproxy as in deploy/haproxy.cfg (round robin, readiness checks on the management ports)
start_haproxy() { # $1: CPU list for taskset
  cat >"$WORK/haproxy.cfg" <<CFG
global
    maxconn 4096
    nbthread 1
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch
frontend public
    bind 127.0.0.1:$BALANCER_PORT
    default_backend certhall
backend certhall
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    server a 127.0.0.1:$PORT check port $((PORT + 1000)) inter 2s
    server b 127.0.0.1:$PORT_B check port $((PORT_B + 1000)) inter 2s
CFG
  nice -n "$NICE" taskset -c "$1" haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$BALANCER_PORT/ca" && { log "haproxy up (pid $HAPROXY_PID)"; return; }
    sleep 0.2
  done
  log "haproxy did not start"; cat "$WORK/haproxy.log"; exit 1
}

# the node's count of cached answers (management port = public port + 1000), into the results
cached() { # $1: public port, $2: name
  local size
  size=$(curl -s "http://127.0.0.1:$(($1 + 1000))/actuator/prometheus" | awk '/^certhall_ocsp_cache_size/ {print $2}')
  echo "node $2 caches $size answers (of $COUNT certificates)" | tee -a "$WORK/results.txt"
}

stop_cluster() {
  local p
  for p in "$HAPROXY_PID" "$SERVER_B_PID"; do
    if [ -n "$p" ]; then
      kill "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
  HAPROXY_PID=
  SERVER_B_PID=
}

start_openssl() {
  # openssl 3.0's responder serves one connection at a time and hangs for good on a connection
  # closed before its request line (see ocsp-wrk.lua), so each measurement gets a fresh one
  (cd "$LOAD" && exec nice -n "$NICE" taskset -c "$SERVER_CPU" openssl ocsp -index index.txt -port "$OPENSSL_PORT" \
    -rsigner ocsp.pem -rkey ocsp.key -CA ca.pem -nmin 240 >>"$WORK/openssl.log" 2>&1) &
  OPENSSL_PID=$!
  for _ in $(seq 50); do
    ss -ltn | grep -q ":$OPENSSL_PORT " && return
    sleep 0.1
  done
  log "openssl responder did not start"; exit 1
}

stop_openssl() {
  if [ -n "$OPENSSL_PID" ]; then
    kill "$OPENSSL_PID" 2>/dev/null || true
    wait "$OPENSSL_PID" 2>/dev/null || true
    OPENSSL_PID=
  fi
}

cleanup() { stop_openssl; stop_cluster; stop_server; }
trap cleanup EXIT

# CPU jiffies of the processes (pids separated by commas)
cpu_ticks() { local p t=0; for p in ${1//,/ }; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
# jiffies the whole machine spent busy (all CPUs), to see what else ran during a measurement
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# measure NAME PIDS URL MODE [wrk options]: one wrk run, one result line (MODE: the Lua script's
# arguments, e.g. "keepalive check"; PIDS: the measured processes, separated by commas)
measure() {
  local name=$1 pid=$2 url=$3 mode=$4
  shift 4
  local c0 b0 c1 b1 out w
  c0=$(cpu_ticks "$pid"); b0=$(busy_ticks)
  out=$(cd "$LOAD" && TIMEFORMAT='%U %S' && { time nice -n "$NICE" taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" \
    -d"$DURATION" --latency "$@" -s "$LUA" "$url" -- $mode 2>&1; } 2>"$WORK/wrk.time")
  c1=$(cpu_ticks "$pid"); b1=$(busy_ticks)
  w=$(awk '{printf "%d", ($1 + $2) * 100}' "$WORK/wrk.time")
  echo "$out" >>"$WORK/wrk.log"
  local result
  result=$(echo "$out" | grep '^RESULT' | sed 's/^RESULT //')
  # server CPU (cores, and µs per request), wrk's, and what everything else on the machine used
  # meanwhile (cores): other work there makes a figure suspect
  local requests secs
  requests=$(echo "$result" | sed 's/.*requests=\([0-9]*\).*/\1/')
  secs=$(echo "$result" | sed 's/.*duration_s=\([0-9.]*\).*/\1/')
  awk -v n="$name" -v r="$result" -v c=$((c1 - c0)) -v b=$((b1 - b0)) -v w="$w" -v q="$requests" \
    -v s="$secs" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%-26s %s server_cpu=%.2f us_per_req=%.1f wrk_cpu=%.2f others=%.2f load=%s\n",
      n, r, c / 100 / s, (q > 0 ? c * 10000 / q : 0), w / 100 / s, (b - c - w) / 100 / s, l }' \
    | tee -a "$WORK/results.txt"
}

setup() {
  mkdir -p "$WORK" "$LOAD"
  log "fresh schema $SCHEMA and data directory $WORK/data"
  $PSQL -q -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
  rm -rf "$WORK/data"
  start_server "$SERVER_CPU,$WRK_CPU" # Flyway creates the tables, the server the CAs and signers
  curl -s "http://127.0.0.1:$PORT/ca/ecdsa-root.pem" >"$LOAD/root.pem"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$LOAD/ocsp.key"
  openssl pkey -in "$LOAD/ocsp.key" -pubout -out "$LOAD/ocsp-pub.pem"
  log "issuing $COUNT certificates"
  java -cp "$BENCH_JAR" cn.certhall.bench.OcspLoadSetup \
    --jdbc-url="$PGURL?currentSchema=$SCHEMA" --user=postgres --data-dir="$WORK/data" \
    --public-url="http://127.0.0.1:$PORT" --ca=ecdsa-issuing --count="$COUNT" \
    --signer-public-key="$LOAD/ocsp-pub.pem" --out="$LOAD" 2>&1 | grep -v DEBUG
  stop_server
  # spot checks: the same good and revoked certificate through both responders
  start_server "$SERVER_CPU"
  start_openssl
  for line in 1 100; do
    sed -n "${line}p" "$LOAD/requests.hex" | xxd -r -p >"$WORK/check.der"
    serial=0x$(sed -n "${line}p" "$LOAD/index.txt" | cut -f4)
    for p in "$PORT" "$OPENSSL_PORT"; do
      curl -s -H 'Content-Type: application/ocsp-request' -H 'Connection: close' \
        --data-binary @"$WORK/check.der" "http://127.0.0.1:$p/ocsp" -o "$WORK/check-$p.der"
      echo "port $p, certificate $line: $(openssl ocsp -respin "$WORK/check-$p.der" \
        -CAfile "$LOAD/root.pem" -issuer "$LOAD/ca.pem" -serial "$serial" 2>&1 | tr '\n' ' ')"
    done
  done
}

run() {
  [ -f "$LOAD/requests.hex" ] || { echo "run setup first" >&2; exit 1; }
  echo "# pass $(date -u +%FT%TZ): $(nproc) CPUs, server on CPU $SERVER_CPU, wrk on CPU $WRK_CPU," \
    "-t1 -c$CONNECTIONS -d$DURATION, nice $NICE; $(uptime)" | tee -a "$WORK/results.txt"
  start_server "$SERVER_CPU"
  local url="http://127.0.0.1:$PORT/ocsp"
  # cold: each of the first requests is a cache miss (status from PostgreSQL, then signed); one
  # wrk thread walks the requests in order, so a 10 s run stays within the first pass as long as
  # it makes fewer than $COUNT requests
  DURATION=10s measure "certhall cold (first pass)" "$SERVER_PID" "$url" keepalive
  # warm-up: the rest of the 100 000 responses into the cache, and the JIT
  DURATION=$WARMUP measure "certhall warm-up" "$SERVER_PID" "$url" keepalive >/dev/null
  local i
  for i in $(seq "$ROUNDS"); do
    measure "certhall keep-alive" "$SERVER_PID" "$url" keepalive
    start_openssl
    measure "openssl close" "$OPENSSL_PID" "http://127.0.0.1:$OPENSSL_PORT/ocsp" close
    stop_openssl
    measure "certhall close" "$SERVER_PID" "$url" close
    start_openssl
    # openssl's responder keeps a connection only for one client at a time: one connection
    CONNECTIONS=1 measure "openssl keep-alive (-c1)" "$OPENSSL_PID" \
      "http://127.0.0.1:$OPENSSL_PORT/ocsp" keepalive
    stop_openssl
  done
  stop_server
}

if [ "$NICE" != 0 ] && [ -e /proc/self/autogroup ]; then
  if [ "$(ps -o sid= -p $$ | tr -d ' ')" != "$$" ]; then
    exec setsid --wait "$0" "$@"
  fi
  echo "$NICE" >/proc/self/autogroup
fi

# One node alone (its CPU), then the same node and a second one on the same schema behind haproxy,
# in one pass; both nodes share CPU $SERVER_CPU, haproxy runs beside wrk on CPU $WRK_CPU. Every
# answer is checked (the Lua script's "check": HTTP 200 and a signed OCSP response).
cluster() {
  [ -f "$LOAD/requests.hex" ] || { echo "run setup first" >&2; exit 1; }
  echo "# cluster pass $(date -u +%FT%TZ): $(nproc) CPUs, servers on CPU $SERVER_CPU, wrk and haproxy on CPU" \
    "$WRK_CPU, -t1 -c$CONNECTIONS -d$DURATION, nice $NICE; $(uptime)" | tee -a "$WORK/results.txt"
  start_server "$SERVER_CPU"
  local one="http://127.0.0.1:$PORT/ocsp" two="http://127.0.0.1:$BALANCER_PORT/ocsp"
  # warm-up: one run long enough for a cold node (every answer signed, about 1 300/s) to cache all
  # $COUNT answers (wrk starts each run at the same request, so several short runs would not)
  DURATION=$WARMUP measure "node A warm-up" "$SERVER_PID" "$one" keepalive >/dev/null
  start_server_b "$SERVER_CPU"
  DURATION=$WARMUP measure "node B warm-up" "$SERVER_B_PID" "http://127.0.0.1:$PORT_B/ocsp" keepalive >/dev/null
  cached "$PORT" A
  cached "$PORT_B" B
  start_haproxy "$WRK_CPU"
  local i
  for i in $(seq "$ROUNDS"); do
    measure "one node keep-alive" "$SERVER_PID" "$one" "keepalive check"
    measure "two nodes via haproxy" "$SERVER_PID,$SERVER_B_PID,$HAPROXY_PID" "$two" "keepalive check"
  done
  stop_cluster
  stop_server
}

case "${1:-}" in
  setup) setup ;;
  run) run ;;
  cluster) cluster ;;
  *) echo "usage: $0 setup|run|cluster" >&2; exit 2 ;;
esac
