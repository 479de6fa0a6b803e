#!/usr/bin/env bash
# Binary sizes, start-up and whole-process diff time of a release build against git (issue #15;
# the table in docs/benchmarks.md). Build first: make release
# Usage: scripts/size-and-startup.sh [TARGET_DIR] [CORPUS_DIR]
set -euo pipefail
target=${1:-${CARGO_TARGET_DIR:-target}}/release
corpus=${2:-../shared/corpus}
cli=$target/clausewright-cli
per_run() { # mean milliseconds per run of a command, over N runs
  local n=$1; shift
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo "scale=1; ($end - $start) / $n / 1000000" | bc
}
instructions() { # instructions one run of a command executes, counted by valgrind. Under valgrind
  # the diff runs about 50 times slower; on a busy machine its 400 ms budget can run out, and the
  # count is then of a coarser comparison, which the output shows.
  local out n
  out=$(mktemp)
  n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >"$out" | awk '/Collected/ {print $4}')
  cmp -s <("$@" 2>/dev/null) "$out" || n="$n (not comparable: the budget ran out under valgrind; measure on an idle machine)"
  rm -f "$out"
  echo "$n"
}
cpu_ms() { # mean CPU time of 100 runs of a command (perf's task-clock)
  perf stat -x, -e task-clock -r 100 "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.2f", $1}'
}
faults() { # mean page faults of 20 runs of a command (perf's software counter)
  perf stat -r 20 -x, -e page-faults "$@" 2>&1 >/dev/null | awk -F, '/page-faults/ {printf "%.0f", $1}'
}
wall_ms() { # mean wall time of N runs of a command, to a hundredth of a millisecond (perf)
  local n=$1; shift
  perf stat -r "$n" "$@" 2>&1 >/dev/null | awk '/time elapsed/ {printf "%.2f", $1 * 1000}'
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
alternated() { # OURS… -- GIT…: both commands' wall time, alternated over 9 rounds of 50 runs
  # each (a change in the machine's load falls on both), as the median of the rounds' means
  local ours_cmd=() ours=() gits=()
  while [ "$1" != -- ]; do ours_cmd+=("$1"); shift; done
  shift
  for _ in $(seq 9); do
    ours+=("$(wall_ms 50 "${ours_cmd[@]}")")
    gits+=("$(wall_ms 50 "$@")")
  done
  echo "ours $(median "${ours[@]}"), git $(median "${gits[@]}")"
}
for bin in "$target/clausewright" "$cli"; do
  [ -x "$bin" ] || { echo "no $bin: build the release first" >&2; exit 1; }
  printf '%-16s %6.1f MB  relative relocations: %s\n' "$(basename "$bin")" "$(echo "scale=1; $(stat -c %s "$bin") / 1000000" | bc)" \
    "$(readelf -d "$bin" | awk '/RELACOUNT/ {print $3}' | grep . || echo 0)"
done
echo "--version: ours $(per_run 200 "$cli" --version) ms, git $(per_run 200 git --version) ms"
if command -v valgrind >/dev/null; then echo "  instructions: ours $(instructions "$cli" --version), git $(instructions git --version)"; fi
if command -v perf >/dev/null; then
  echo "  CPU ms: ours $(cpu_ms "$cli" --version), git $(cpu_ms git --version)"
  echo "  page faults: ours $(faults "$cli" --version), git $(faults git --version)"
  echo "  wall ms (perf, alternated): $(alternated "$cli" --version -- git --version)"
fi
if [ -d "$corpus" ]; then
  for pair in "ChatGPT/003.md ChatGPT/004.md" "Grok/006.md Grok/007.md" "DeepSeek/002.md DeepSeek/003.md"; do
    set -- $pair
    a=$corpus/$1 b=$corpus/$2
    [ -f "$a" ] && [ -f "$b" ] || continue
    echo "$1 -> $2: ours $(per_run 100 "$cli" diff "$a" "$b" --format json) ms, git $(per_run 100 git diff --no-index --word-diff=porcelain "$a" "$b") ms"
    # Instructions per process, which load on the machine does not change (when valgrind is
    # here), and CPU time per process (when perf is).
    if command -v valgrind >/dev/null; then
      echo "  instructions: ours $(instructions "$cli" diff "$a" "$b" --format json), git $(instructions git diff --no-index --word-diff=porcelain "$a" "$b")"
    fi
    if command -v perf >/dev/null; then
      echo "  CPU ms: ours $(cpu_ms "$cli" diff "$a" "$b" --format json), git $(cpu_ms git diff --no-index --word-diff=porcelain "$a" "$b")"
      echo "  page faults: ours $(faults "$cli" diff "$a" "$b" --format json), git $(faults git diff --no-index --word-diff=porcelain "$a" "$b")"
      echo "  wall ms (perf, alternated): $(alternated "$cli" diff "$a" "$b" --format json -- git diff --no-index --word-diff=porcelain "$a" "$b")"
    fi
  done
fi
