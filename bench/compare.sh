#!/usr/bin/env bash
# bench/compare.sh: folio against Hugo and against the goldmark-only floor.
#
#   bench/compare.sh [--rebuild] [--keep] N [RUNS]
#
# Generates a corpus of N publications with bench/gencorpus (seed 1; cached in
# /tmp/folio-corpus-N, made again when the generator changes; set CORPUS to use
# another folder as it is), builds folio once with go build, then runs RUNS rounds
# (default 5). Each round runs, in turns (the order rotates from one round to the next):
#
#   folio  folio build of the corpus into a fresh --dest, with no build cache
#          (a fresh XDG_CACHE_HOME, and the corpus' .folio-cache/ removed): a cold build;
#   hugo   hugo --quiet of bench/hugo-site with the corpus' content/ as its content
#          folder, into a fresh destination; HUGO=PATH runs another Hugo than the one
#          on PATH (the issue's reference is 0.166, which Debian does not package:
#            GOTOOLCHAIN=auto CGO_ENABLED=0 GOBIN=/opt/hugo-0.166 \
#              go install github.com/gohugoio/hugo@v0.166.0
#          builds it from the Go module proxy, then HUGO=/opt/hugo-0.166/hugo);
#   floor  go run ./bench/floor: goldmark alone renders every body, output discarded.
#
# each under GNU time (/usr/bin/time -v) for wall time, user+sys CPU time and peak RSS.
# One untimed warm-up run of each comes first, so every timed run reads the corpus from
# the page cache. Every run writes to a folder of its own, and outputs are deleted only
# at the end: on an ext4 file system without a journal (this VM's), files created just
# after thousands were deleted cost ten times more (the allocator steps over recently
# freed inodes), so deleting one run's output would bill the next run for it (the work
# folder needs room for every output: about 1.6 GB per round at 10,000 publications).
# It prints the medians, the ratios folio/Hugo (median of the per-round ratios, each
# from runs taken in turns) and folio/floor, as a Markdown table.
#
# --rebuild also measures folio's rebuild after one file changed, with
#   FOLIO_BENCH_N=N go test ./internal/serve -run XXX -bench SaveToReload/generated -benchtime 10x
# (save to live-reload event, in memory, watcher debounce included; see that benchmark).
# HUGO_BENCH_RELATED=1 in the environment adds related publications to Hugo's pages,
# as folio's have (off by default: Hugo's .Related is quadratic on this corpus).
# --keep keeps the work folder (every output, the logs) and prints its path.
set -euo pipefail

usage() {
  echo "usage: bench/compare.sh [--rebuild] [--keep] N [RUNS]" >&2
  exit 2
}

rebuild=false keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) rebuild=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] && [ $# -le 2 ] || usage
n=$1 runs=${2:-5}
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: N must be a positive number, got '$n'" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: RUNS must be a positive number, got '$runs'" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

hugo=${HUGO:-hugo}
missing=""
command -v go >/dev/null 2>&1 || missing="$missing go"
command -v "$hugo" >/dev/null 2>&1 || missing="$missing $hugo"
{ [ -x /usr/bin/time ] && [[ "$(/usr/bin/time --version 2>&1)" == *GNU* ]]; } || missing="$missing /usr/bin/time(GNU)"
if [ -n "$missing" ]; then
  echo "compare.sh: missing:$missing" >&2
  echo "  install with: apt-get install -y hugo time   (and Go 1.26 for go)" >&2
  exit 1
fi

corpus=${CORPUS:-/tmp/folio-corpus-$n}
count_md() { find "$1/content" -name '*.md' 2>/dev/null | wc -l; }
# The stamp names the generator's source, so a corpus made by an older generator is
# made again rather than measured.
stamp="n=$n seed=1 $(cat internal/corpus/corpus.go bench/gencorpus/main.go | sha256sum | cut -c1-16)"
if [ -d "$corpus" ] && [ -z "${CORPUS:-}" ] && [ "$(cat "$corpus/.compare-stamp" 2>/dev/null)" != "$stamp" ]; then
  if [ -f "$corpus/.compare-stamp" ]; then
    echo "corpus: $corpus was made by another version of the generator; making it again"
    rm -rf "$corpus"
  else
    echo "compare.sh: $corpus exists but was not made by compare.sh; remove it or set CORPUS" >&2
    exit 1
  fi
fi
if [ -d "$corpus" ]; then
  if [ "$(count_md "$corpus")" -ne "$n" ]; then
    echo "compare.sh: $corpus does not hold $n publications" >&2
    exit 1
  fi
  echo "corpus: $corpus (cached)"
else
  echo "corpus: generating $n publications into $corpus"
  tmpc="$corpus.tmp.$$"
  rm -rf "$tmpc"
  go run ./bench/gencorpus -n "$n" -seed 1 -o "$tmpc"
  echo "$stamp" >"$tmpc/.compare-stamp"
  mv "$tmpc" "$corpus"
fi

work=$(mktemp -d /tmp/folio-compare.XXXXXX)
cleanup() {
  if $keep; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap "exit 130" INT TERM

echo "building folio and the floor (go build)"
go build -o "$work/folio" ./cmd/folio
go build -o "$work/floor" ./bench/floor
# Hugo writes .hugo_build.lock into its site folder: run a copy, not the repository's.
cp -r bench/hugo-site "$work/hugo-site"

# run TOOL ROUND: one build under GNU time; its report goes to $work/TOOL-ROUND.time.
run() {
  local tool=$1 round=$2 dest="$work/out-$1-$2" log="$work/$1-$2.log" cache="$work/cache-$1-$2"
  mkdir -p "$cache"
  local status=0
  case $tool in
    folio)
      rm -rf "$corpus/.folio-cache"
      XDG_CACHE_HOME="$cache" /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$work/folio" build --source "$corpus" --dest "$dest" >"$log" 2>&1 || status=$?
      ;;
    hugo)
      /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$hugo" --quiet --source "$work/hugo-site" --contentDir "$corpus/content" \
        --destination "$dest" --cacheDir "$cache" >"$log" 2>&1 || status=$?
      ;;
    floor)
      /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$work/floor" "$corpus/content" >"$log" 2>&1 || status=$?
      ;;
  esac
  if [ "$status" -ne 0 ]; then
    echo "compare.sh: $tool failed (exit $status):" >&2
    cat "$log" "$work/$tool-$round.time" >&2 || true
    exit 1
  fi
}

# field FILE: wall seconds, CPU seconds (user+sys), peak RSS in MB, from a GNU time report.
field() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time \(seconds\)/ { cpu += $2 }
    /System time \(seconds\)/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, cpu, rss }' "$1"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

tools=(folio hugo floor)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warm-up: one untimed run of each"
for t in "${tools[@]}"; do run "$t" 0; done
for ((r = 1; r <= runs; r++)); do
  order=""
  for ((k = 0; k < 3; k++)); do
    t=${tools[$(((r + k) % 3))]}
    run "$t" "$r"
    order="$order $t"
  done
  printf 'round %d/%d:%s  ' "$r" "$runs" "$order"
  for t in "${tools[@]}"; do
    read -r w c m < <(field "$work/$t-$r.time")
    printf '%s %ss %sMB  ' "$t" "$w" "$m"
  done
  echo
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A W C M
for t in "${tools[@]}"; do
  ws=() cs=() ms=()
  for ((r = 1; r <= runs; r++)); do
    read -r w c m < <(field "$work/$t-$r.time")
    ws+=("$w") cs+=("$c") ms+=("$m")
  done
  W[$t]=$(median "${ws[@]}") C[$t]=$(median "${cs[@]}") M[$t]=$(median "${ms[@]}")
  W[$t-min]=$(printf '%s\n' "${ws[@]}" | sort -g | head -1)
  W[$t-max]=$(printf '%s\n' "${ws[@]}" | sort -g | tail -1)
done
# Median of the per-round ratios a/b of one measure (1 wall, 2 CPU, 3 RSS).
ratio() {
  local a=$1 b=$2 col=$3 rs=()
  for ((r = 1; r <= runs; r++)); do
    rs+=("$(paste <(field "$work/$a-$r.time") <(field "$work/$b-$r.time") |
      awk -v c="$col" '{ printf "%.4f", $c / $(c + 3) }')")
  done
  printf '%.2f' "$(median "${rs[@]}")"
}

echo
echo "folio's own step summary (last round):"
sed 's/^/  /' "$work/folio-$runs.log"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(go version | cut -d' ' -f3); $("$hugo" version | cut -d' ' -f1-2)"
echo "folio at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- cmd internal themes go.mod 2>/dev/null || echo ' (with uncommitted changes)')"
echo "load average (1, 5, 15 min) before: $load_before; after: $load_after"
echo
echo "| $n publications, $runs runs (medians) | wall s (min-max) | CPU user+sys s | peak RSS MB |"
echo "|---|---|---|---|"
for t in "${tools[@]}"; do
  case $t in folio) name="folio build (cold)" ;; hugo) name="Hugo $("$hugo" version | cut -d' ' -f2 | cut -d+ -f1 | sed 's/^v//')${HUGO_BENCH_RELATED:+ with .Related}" ;; floor) name="goldmark floor" ;; esac
  echo "| $name | ${W[$t]} (${W[$t-min]}-${W[$t-max]}) | ${C[$t]} | ${M[$t]} |"
done
echo "| **folio / Hugo** (median of per-round ratios) | **$(ratio folio hugo 1)** | $(ratio folio hugo 2) | **$(ratio folio hugo 3)** |"
echo "| folio / floor | $(ratio folio floor 1) | $(ratio folio floor 2) | $(ratio folio floor 3) |"

if $rebuild; then
  echo
  echo "rebuild, one file changed: FOLIO_BENCH_N=$n go test ./internal/serve -run XXX -bench SaveToReload/generated -benchtime 10x"
  out=$(FOLIO_BENCH_N=$n go test ./internal/serve -run XXX -bench 'SaveToReload/generated' -benchtime 10x 2>&1) || {
    echo "$out" >&2
    exit 1
  }
  echo "$out" | grep -E '^Benchmark' | awk '{ printf "  %s: %.0f ms per save-to-reload (%s runs)\n", $1, $3 / 1e6, $2 }'
fi
