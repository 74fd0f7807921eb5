#!/usr/bin/env bash
# The figures in docs/packaging.md for the NativeAOT example: binary size, whole-process time to the first
# prediction, the in-process breakdown, and single-sample latency with one and two kernel threads.
#
#   packaging/aot-measure.sh [WEIGHTS.safetensors]     (publishes examples/AotInference first; about a minute)
#
# On a shared machine timings move with its load, so each figure is given as the best and the median of several
# runs, with the load average before and after; CPU time (perf stat's task-clock, where perf is installed) moves less.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$repo/examples/AotInference/bin/Release/net8.0/linux-x64/publish/AotInference"
weights=("$@")

dotnet publish "$repo/examples/AotInference" -c Release -r linux-x64 >/dev/null
echo "binary: $(stat -c %s "$bin") bytes ($bin)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

# Best and median of one number per line.
stats() { sort -n | awk '{ a[NR] = $1 } END { printf "best %s, median %s", a[1], (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# The whole process, fork to exit, exiting right after the first prediction.
"$bin" "${weights[@]}" --first >/dev/null   # page cache warm
runs=21
for i in $(seq $runs); do
    s=$(date +%s%N); "$bin" "${weights[@]}" --first >/dev/null; e=$(date +%s%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", (e - s) / 1e6 }'
done | stats | xargs -0 printf "process start to first prediction (and exit), wall ms over $runs runs: %s\n"
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
    perf stat -r $runs -e task-clock "$bin" "${weights[@]}" --first 2>&1 >/dev/null \
        | awk '/task-clock/ { cpu = $1 } /elapsed/ { wall = $1 * 1000 } END { printf "perf stat -r %d: %s ms CPU, %.1f ms wall (mean)\n", '$runs', cpu, wall }'
fi

# Inside the process: Main to the first prediction, and its parts.
out="$(for i in $(seq $runs); do "$bin" "${weights[@]}" --first; done)"
for part in "prediction: " "construct " "load " "first Predict "; do
    printf '%-16s %s\n' "$part" "$(sed -E "s/.*$part([0-9.]+) (ms|us).*/\1 \2/" <<<"$out" | awk '{ print $1 }' | stats) $(sed -E "s/.*$part([0-9.]+) (ms|us).*/\2/" <<<"$out" | head -1)"
done

# Single-sample latency: five runs of 20,000 timed calls each; the best and median of their medians.
for threads in 1 2; do
    for i in 1 2 3 4 5; do "$bin" "${weights[@]}" --threads "$threads" | tail -1 | sed -E 's/.*median ([0-9.]+) us.*/\1/'; done \
        | stats | xargs -0 printf "single-sample Predict, $threads thread(s), us (median of 20,000 calls, 5 runs): %s\n"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
