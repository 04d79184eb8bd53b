#!/usr/bin/env bash
# Where the server's CPU went in a JFR recording (scripts/bench.sh with BENCH_JFR=1): the top
# methods by samples on top of the stack (self), and the top methods anywhere in the stack (total).
# usage: scripts/bench-jfr.sh server-fanout-1.jfr [rows=25]
set -euo pipefail
file="$1"
rows="${2:-25}"
JFR="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jfr"
samples="$(mktemp)"
trap 'rm -f "$samples"' EXIT
"$JFR" print --stack-depth 64 --events jdk.ExecutionSample "$file" > "$samples"

# One line per sample: its frames, top first, separated by '|'; line numbers dropped.
stacks() {
  awk '
    /jdk.ExecutionSample/ { if (s != "") print s; s = ""; inside = 0; next }
    /stackTrace = \[/ { inside = 1; next }
    inside && /^[ \t]*\]/ { inside = 0; next }
    inside { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (f != "...") s = s (s == "" ? "" : "|") f }
    END { if (s != "") print s }
  ' "$samples"
}

total="$(stacks | wc -l)"
echo "samples: $total"
echo
echo "-- self (top of stack) --"
stacks | cut -d'|' -f1 | sort | uniq -c | sort -rn | head -n "$rows" \
  | awk -v t="$total" '{ n = $1; $1 = ""; printf "%6.1f%% %s\n", 100 * n / t, $0 }'
echo
echo "-- total (anywhere in the stack) --"
stacks | awk -F'|' '{ delete seen; for (i = 1; i <= NF; i++) if (!seen[$i]++) print $i }' \
  | sort | uniq -c | sort -rn | head -n "$rows" \
  | awk -v t="$total" '{ n = $1; $1 = ""; printf "%6.1f%% %s\n", 100 * n / t, $0 }'
