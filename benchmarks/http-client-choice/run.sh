#!/usr/bin/env bash
# Builds and runs the HTTP client choice benchmark with one command:
#   ./run.sh                       # defaults: N=5000 per round, REPS=5, CONC=1,16,64
#   N=2000 REPS=2 CONC=16 ./run.sh # quicker
# The stub server runs in its own JVM (its CPU is not charged to the client), bound to 127.0.0.1.
# Both JVMs run with default flags (common ForkJoinPool parallelism is NOT overridden); the stub only raises
# JDK HttpServer limits (TCP_NODELAY, maxIdleConnections 200 -> 2000: with 4 clients x 64 pooled connections the
# default makes the server close pooled keep-alive connections, which HC5 then reports as failed POSTs).
set -euo pipefail
cd "$(dirname "$0")"

N="${N:-5000}"
REPS="${REPS:-5}"
CONC="${CONC:-1,16,64}"
SERVER_THREADS="${SERVER_THREADS:-8}"
MAX_SECONDS="${MAX_SECONDS:-420}"   # driver stops starting rounds after this

mvn -q -B package
JAR=target/http-client-choice.jar
OUT=target/results.txt

WORK="$(mktemp -d)"
PORT_FILE="$WORK/port"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# stub server: random port on 127.0.0.1, hard lifetime bound of MAX_SECONDS+180 s
java -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=2000 -cp "$JAR" dev.llmrouter.bench.StubServer \
  0 "$PORT_FILE" "$SERVER_THREADS" $((MAX_SECONDS + 180)) > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 100); do
  [[ -s "$PORT_FILE" ]] && break
  sleep 0.2
done
[[ -s "$PORT_FILE" ]] || { echo "stub server did not start"; cat "$WORK/server.log"; exit 1; }
PORT="$(cat "$PORT_FILE")"
echo "stub server pid $SERVER_PID on 127.0.0.1:$PORT"

timeout $((MAX_SECONDS + 120)) java \
  -Dbench.port="$PORT" -Dbench.n="$N" -Dbench.reps="$REPS" -Dbench.conc="$CONC" \
  -Dbench.maxSeconds="$MAX_SECONDS" \
  -jar "$JAR" 2>&1 | tee "$OUT"
echo "results saved to $(pwd)/$OUT"
