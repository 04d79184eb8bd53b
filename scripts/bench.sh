#!/usr/bin/env bash
# Runs parley-bench scenarios against a fresh Parley node: the server pinned to CPU 0, the tool to
# CPU 1, each scenario PASSES times (a new server and data directory per pass), then a summary
# table of medians and ranges. Loopback only.
#
# usage: scripts/bench.sh [all | fanout rooms posts idle storm reads ...] [-- extra tool options]
#   e.g. scripts/bench.sh fanout -- --subscribers 500 --rates 10,20 --step 5s
# env:
#   PASSES=3                      passes per scenario
#   BENCH_PORT=<random free one from 18900-19899 per pass> server port
#   PARLEY_BENCH_SERVER_OPTS=""   JVM flags for the server, e.g. "-Xmx1g -XX:+UseParallelGC"
#   BENCH_TOOL_OPTS="-Xmx2g"      JVM flags for the tool
#   BENCH_SERVER_ENV=""           extra PARLEY_* settings for the server, e.g. "PARLEY_OUTBOX_BYTES=262144"
#   BENCH_JFR=1                   record a JFR profile of the server per pass (see scripts/bench-jfr.sh)
#   BENCH_JAR=""                  benchmark this server jar instead of target/parley.jar (built when stale), e.g.
#                                 an older build for an A/B; the tool stays the same either way
#   BENCH_TOOL_JAR=""             run this tool jar instead of target/parley-bench.jar (built when stale); any jar
#                                 with dev.parley.bench.Bench in it works, also a server jar from before the split
#   BENCH_OUT=target/bench/<time> where logs, JSON lines (results.jsonl) and the summary go
#   BENCH_SERVER_CPU=0 BENCH_TOOL_CPU=1
#   BENCH_NICE=0                  e.g. -10: run server and tool at a higher CPU priority, so that other work on a
#                                 shared machine takes fewer cycles from them (needs root)
#   BENCH_AOT=0                   1: first train a JDK 25 AOT cache (classes loaded and linked, method
#                                 profiles) on a short mixed load, then start every pass with it
#   BENCH_QUIET_MAX=""            before each pass, wait (up to BENCH_QUIET_WAIT=900 s) until the machine's
#                                 background CPU load is below this %, e.g. 15; the load is logged either way
set -euo pipefail
cd "$(dirname "$0")/.."

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PASSES="${PASSES:-3}"
PORT="${BENCH_PORT:-}"
SERVER_CPU="${BENCH_SERVER_CPU:-0}"
TOOL_CPU="${BENCH_TOOL_CPU:-1}"
NICE="${BENCH_NICE:-0}"
read -r -a server_opts <<< "${PARLEY_BENCH_SERVER_OPTS:-}"
read -r -a tool_opts <<< "${BENCH_TOOL_OPTS:--Xmx2g}"
read -r -a server_env <<< "${BENCH_SERVER_ENV:-}"

scenarios=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    all) scenarios+=(fanout rooms posts idle storm reads) ;;
    fanout|rooms|posts|idle|storm|reads) scenarios+=("$1") ;;
    *) echo "bench.sh: unknown scenario '$1' (fanout rooms posts idle storm reads all)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=(fanout rooms posts idle storm reads)

# The server (target/parley.jar, from src/main) and the tool (target/parley-bench.jar, from
# src/bench) are two jars of one build: rebuild when one of those in use is missing or stale.
stale() { [ ! -f "$1" ] || [ -n "$(find "${@:2}" pom.xml -newer "$1" -print -quit)" ]; }
for jar in BENCH_JAR BENCH_TOOL_JAR; do
  if [ -n "${!jar:-}" ] && [ ! -f "${!jar}" ]; then
    echo "bench.sh: $jar ${!jar} not found" >&2
    exit 2
  fi
done
if { [ -z "${BENCH_JAR:-}" ] && stale target/parley.jar src/main; } \
    || { [ -z "${BENCH_TOOL_JAR:-}" ] && stale target/parley-bench.jar src/bench; }; then
  echo "bench.sh: building target/parley.jar and target/parley-bench.jar"
  ./mvnw -q -B -o package -Dmaven.test.skip=true || ./mvnw -q -B package -Dmaven.test.skip=true
fi
if [[ " ${scenarios[*]} " == *" reads "* ]] && ! command -v wrk >/dev/null; then
  echo "bench.sh: installing wrk for the reads scenario"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

out="${BENCH_OUT:-target/bench/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
# Private copies: a rebuild of target/ during the run must not swap classes under a running JVM.
cp "${BENCH_JAR:-target/parley.jar}" "$out/parley.jar"
cp "${BENCH_TOOL_JAR:-target/parley-bench.jar}" "$out/parley-bench.jar"
JAR="$out/parley.jar"
TOOL="$out/parley-bench.jar"
# Every connection is a file descriptor in the tool and one in the server.
ulimit -n "$(ulimit -Hn)"

port_busy() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }
# A random free port per pass (unless BENCH_PORT is set): two runs on one machine must never pick
# the same port between passes and load each other's server.
pick_port() {
  if [ -n "${BENCH_PORT:-}" ]; then
    PORT="$BENCH_PORT"
    if port_busy "$PORT"; then
      echo "bench.sh: port $PORT is already in use" >&2
      exit 1
    fi
    return
  fi
  PORT=$((18900 + RANDOM % 1000))
  while port_busy "$PORT"; do PORT=$((18900 + RANDOM % 1000)); done
}

server_pid=""
data_dir=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  if [ -n "$data_dir" ]; then
    rm -rf "$data_dir"
    data_dir=""
  fi
}
trap stop_server EXIT

# Busy % of all CPUs over 2 s: other people's work on a shared machine skews every number.
background_busy() {
  local a b
  a=($(head -n1 /proc/stat)); sleep 2; b=($(head -n1 /proc/stat))
  local busy=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) ))
  local idle=$(( (b[4]+b[5]) - (a[4]+a[5]) ))
  echo $(( 100 * busy / (busy + idle) ))
}

wait_for_quiet() {
  local load deadline=$(( $(date +%s) + ${BENCH_QUIET_WAIT:-900} ))
  load="$(background_busy)"
  while [ -n "${BENCH_QUIET_MAX:-}" ] && [ "$load" -gt "$BENCH_QUIET_MAX" ] && [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 5
    load="$(background_busy)"
  done
  echo "# background CPU load before this pass: ${load}%"
}

start_server() { # scenario pass
  pick_port
  data_dir="$(mktemp -d /tmp/parley-bench.XXXXXX)"
  local jfr=()
  if [ "${BENCH_JFR:-0}" = 1 ]; then
    jfr=("-XX:StartFlightRecording=filename=$out/server-$1-$2.jfr,settings=profile,dumponexit=true")
  fi
  env PARLEY_HTTP_HOST=127.0.0.1 PARLEY_HTTP_PORT="$PORT" PARLEY_DATA_DIR="$data_dir" \
      PARLEY_RATE_LIMITS=off PARLEY_MAX_SUBSCRIPTIONS=100 ${server_env[@]+"${server_env[@]}"} \
      nice -n "$NICE" taskset -c "$SERVER_CPU" "$JAVA" ${server_opts[@]+"${server_opts[@]}"} ${jfr[@]+"${jfr[@]}"} \
      ${aot_opts[@]+"${aot_opts[@]}"} \
      -jar "$JAR" > "$out/server-$1-$2.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$server_pid" 2>/dev/null || break
    # Ready only when the port answers and it is our server that listens on it.
    if curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 \
        && ss -Hltnp "sport = :$PORT" 2>/dev/null | grep -q "pid=$server_pid,"; then
      return 0
    fi
    sleep 0.25
  done
  echo "bench.sh: server did not start, see $out/server-$1-$2.log" >&2
  exit 1
}

{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# kernel $(uname -r), $("$JAVA" -version 2>&1 | head -n1), ${BENCH_JAR:+server jar $BENCH_JAR, }${BENCH_TOOL_JAR:+tool jar $BENCH_TOOL_JAR, }work tree at git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src/main src/bench 2>/dev/null || echo ' + uncommitted changes in src/main or src/bench')"
  echo "# server opts: ${PARLEY_BENCH_SERVER_OPTS:-(none)}; tool opts: ${tool_opts[*]}; server env: ${BENCH_SERVER_ENV:-(none)}"
  echo "# AOT cache: ${BENCH_AOT:-0}"
  echo "# nice $NICE; fd limit $(ulimit -n); scenarios: ${scenarios[*]}; passes: $PASSES; extra: ${extra[*]:-(none)}"
} | tee "$out/machine.txt"

# The tool, pinned, against the running server: bench <scenario> [options].
bench() {
  nice -n "$NICE" taskset -c "$TOOL_CPU" "$JAVA" "${tool_opts[@]}" -cp "$TOOL" dev.parley.bench.Bench "$1" \
      --port "$PORT" --pid "$server_pid" "${@:2}"
}

aot_opts=()
if [ "${BENCH_AOT:-0}" = 1 ]; then
  # JDK 25 (JEP 483/514/515): a training run records which classes load and how hot methods
  # behave; later starts load that cache instead of discovering it again, so a fresh server
  # reaches compiled code sooner. The cache is only valid for this jar and this JDK.
  echo "== training the AOT cache =="
  aot_opts=("-XX:AOTCacheOutput=$out/parley.aot")
  start_server aot-training 1
  train() { bench "$@" > /dev/null; }
  train storm --clients 5000
  train fanout --subscribers 500 --rates 50,200 --warmup 0s --step 10s
  train posts --rates 500,1000 --warmup 0s --step 10s
  # Code the training never ran is compiled worse than without a cache (reads: 5,300 instead of
  # 13,300 requests/s when they were left out), so the training covers every scenario's paths.
  if command -v wrk >/dev/null; then train reads --duration 5s; fi
  stop_server
  [ -f "$out/parley.aot" ] || { echo "bench.sh: no AOT cache was written, see $out/server-aot-training-1.log" >&2; exit 1; }
  aot_opts=("-XX:AOTCache=$out/parley.aot")
fi

for scenario in "${scenarios[@]}"; do
  for pass in $(seq 1 "$PASSES"); do
    echo "== $scenario pass $pass/$PASSES =="
    wait_for_quiet | tee -a "$out/machine.txt"
    start_server "$scenario" "$pass"
    bench "$scenario" --pass "$pass" ${extra[@]+"${extra[@]}"} | tee "$out/$scenario-$pass.txt"
    grep '^{' "$out/$scenario-$pass.txt" >> "$out/results.jsonl" || true
    stop_server
  done
done

"$JAVA" -cp "$TOOL" dev.parley.bench.Bench summary "$out/results.jsonl" | tee "$out/summary.txt"
echo "bench.sh: results in $out"
