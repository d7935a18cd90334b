#!/usr/bin/env bash
# Builds the benchmarks with the component from this checkout and runs them against a stub server in its own JVM,
# on 127.0.0.1 only. Prints every table and writes them, with the machine and the date, to
# benchmarks/target/results.md.
#
#   benchmarks/run.sh                      # every mode but profile (about 10 minutes on 2 cores)
#   SMOKE=1 benchmarks/run.sh              # a quick pass over the same modes with small numbers
#   N=2000 REPS=3 CONC=16,64 benchmarks/run.sh
#   CLIENTS=llmrouter,governed MODES=calls benchmarks/run.sh   # the HC5 floor and only these rows (see Bench.selected)
#   MODES=profile PROFILE_CLIENT=governed PROFILE_JFR=/tmp/llmrouter.jfr benchmarks/run.sh   # where the CPU goes (hc5, jdk, llmrouter, governed)
#     (PROFILE_JFC=<file.jfc> records with other JFR settings than the JDK's "profile", e.g. a 1 ms sampling period)
#
# Both JVMs run with the JVM's default flags.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SMOKE:-0}" == "1" ]]; then
  N="${N:-300}"; REPS="${REPS:-1}"; CONC="${CONC:-1,16}"
  FAILOVER_N="${FAILOVER_N:-300}"; STREAM_N="${STREAM_N:-50}"
  SCALE_COUNT="${SCALE_COUNT:-500}"; SCALE_DELAY="${SCALE_DELAY:-500}"
else
  N="${N:-5000}"; REPS="${REPS:-5}"; CONC="${CONC:-1,16,64}"
  FAILOVER_N="${FAILOVER_N:-3000}"; STREAM_N="${STREAM_N:-500}"
  SCALE_COUNT="${SCALE_COUNT:-10000}"; SCALE_DELAY="${SCALE_DELAY:-2000}"
fi
MODES="${MODES:-calls failover stream scale}"
STUB_THREADS="${STUB_THREADS:-8}"
STREAM_GAP_MS="${STREAM_GAP_MS:-50}"

mvn -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests
OUT=benchmarks/target/bench
rm -rf "$OUT" && mkdir -p "$OUT"
CP="benchmarks/target/classes:benchmarks/target/lib/*"

STUB_PID=""
cleanup() {
  if [[ -n "$STUB_PID" ]] && kill -0 "$STUB_PID" 2>/dev/null; then
    kill "$STUB_PID" 2>/dev/null || true
    wait "$STUB_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# The stub keeps every idle keep-alive connection open (the JDK server closes idle ones beyond 200, and any idle
# for 30 s, which the clients would see as failed calls on a reused connection) and writes without Nagle delay.
java -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=50000 -Dsun.net.httpserver.idleInterval=3600 -cp "$CP" dev.llmrouter.bench.StubServer "$OUT/port" "$STUB_THREADS" \
  "$STREAM_GAP_MS" 3600 > "$OUT/stub.log" 2>&1 &
STUB_PID=$!
for _ in $(seq 1 200); do [[ -s "$OUT/port" ]] && break; sleep 0.1; done
PORT="$(cat "$OUT/port")"

bench() { java -Dbench.streamGapMs="$STREAM_GAP_MS" -cp "$CP" dev.llmrouter.bench.Bench "$@"; }

for mode in $MODES; do case "$mode" in
calls)
  echo "== calls: $N calls per round, $REPS rounds per client and concurrency ($CONC)"
  bench calls "$PORT" "$N" "$REPS" "$CONC" "$OUT/calls.md" ;;
failover)
  echo "== failover"
  bench failover "$PORT" "$FAILOVER_N" "$REPS" "$OUT/failover.md" ;;
stream)
  echo "== streaming"
  bench stream "$PORT" "$STREAM_N" "$OUT/stream.md" ;;
scale)
  echo "== scale: $SCALE_COUNT calls in flight, stub delay $SCALE_DELAY ms (each client in a JVM of its own)"
  printf '| client | calls | still open when weighed | most at the stub at once | heap before, MiB | heap with all in flight, MiB | KiB per call in flight | live threads before → in flight (peak) | threads started | seconds to finish all | errors |\n|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n' > "$OUT/scale.md"
  for client in floor llmrouter; do
    bench scale "$PORT" "$client" "$SCALE_COUNT" "$SCALE_DELAY" "$OUT/scale-$client.md"
    cat "$OUT/scale-$client.md" >> "$OUT/scale.md"
  done ;;
profile)
  # one client alone, CPU per thread pool after each round; PROFILE_JFR=<file> also records a JFR method profile
  echo "== profile: ${PROFILE_CLIENT:-llmrouter} at concurrency ${PROFILE_CONC:-64} for ${PROFILE_SECONDS:-30} s"
  jfr=()
  if [[ -n "${PROFILE_JFR:-}" ]]; then jfr=("-XX:StartFlightRecording=filename=$PROFILE_JFR,settings=${PROFILE_JFC:-profile}"); fi
  java "${jfr[@]}" -cp "$CP" dev.llmrouter.bench.Bench profile "$PORT" "${PROFILE_CLIENT:-llmrouter}" \
    "${PROFILE_CONC:-64}" "${PROFILE_SECONDS:-30}" | tee "$OUT/profile.txt"
  { echo '```'; cat "$OUT/profile.txt"; echo '```'; } > "$OUT/profile.md" ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac; done

{
  echo "# Benchmark results"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "- JVM: $(java -version 2>&1 | head -1), default flags"
  echo "- Command: N=$N REPS=$REPS CONC=$CONC FAILOVER_N=$FAILOVER_N STREAM_N=$STREAM_N SCALE_COUNT=$SCALE_COUNT SCALE_DELAY=$SCALE_DELAY benchmarks/run.sh"
  echo
  for mode in $MODES; do
    case "$mode" in calls) title="Per call" ;; failover) title="Failover" ;; stream) title="Streaming" ;; scale) title="Scale" ;; profile) title="Profile" ;; esac
    echo "## $title"; echo; cat "$OUT/$mode.md"; echo
  done
} > benchmarks/target/results.md
echo
cat benchmarks/target/results.md
