#!/usr/bin/env bash
# bench/compare.sh: folio against Hugo building the same outputs, against Hugo plus
# Pagefind, and against the physical floor of the same work.
#
#   bench/compare.sh [--rebuild] [--keep] [--warm] N [RUNS]
#
# Generates a corpus of N publications with bench/gencorpus (seed 1; cached in
# /tmp/folio-corpus-N, made again when the generator changes; set CORPUS to use
# another folder as it is), builds folio once with go build (FOLIO=PATH runs a folio
# built elsewhere instead, e.g. from a clean worktree of HEAD, with FOLIO_SRC=that
# worktree, whose theme Hugo's site takes its static files from), then runs RUNS rounds
# (default 5). Each round runs, in turns (the order rotates from one round to the next):
#
#   folio     folio build of the corpus into a fresh --dest, with no build cache
#             (a fresh XDG_CACHE_HOME, and the corpus' .folio-cache/ removed): a cold build;
#   hugo      hugo --quiet of bench/hugo-full (HUGO_SITE=DIR for another site), which
#             builds the same files as folio but for folio's search index, into a fresh
#             destination; HUGO=PATH runs another Hugo than the one on PATH (the
#             reference is 0.166, which Debian does not package:
#               GOTOOLCHAIN=auto CGO_ENABLED=0 GOBIN=/opt/hugo-0.166 \
#                 go install github.com/gohugoio/hugo@v0.166.0
#             builds it from the Go module proxy, then HUGO=/opt/hugo-0.166/hugo);
#   pagefind  right after hugo, Pagefind indexes that Hugo output (the search a Hugo
#             user adds; PAGEFIND=PATH, or npm's pagefind@1.5.2 installed into
#             $TMPDIR/folio-bench-pagefind-1.5.2 as bench/search/browser does);
#             "Hugo + Pagefind" is the sum of the two runs' wall and CPU times and the
#             larger of their peak RSS;
#   floor     the physical floor of the same work: bench/floor (goldmark alone renders
#             every body, output discarded) then cp -r of folio's output tree (from the
#             warm-up) into a fresh folder, in one shell under one GNU time.
#
# each under GNU time (/usr/bin/time -v) for wall time, user+sys CPU time and peak RSS.
# One untimed warm-up run of each comes first, so every timed run reads the corpus from
# the page cache; bench/compare-files.sh then checks that folio's and Hugo's warm-up
# outputs hold the same files but for the documented differences. Every run writes to a
# folder of its own, and outputs are deleted only at the end: on an ext4 file system
# without a journal (this VM's), files created just after thousands were deleted cost
# ten times more (the allocator steps over recently freed inodes), so deleting one run's
# output would bill the next run for it (the work folder needs room for every output:
# about 4 GB per round at 10,000 publications).
# It prints the load average before and after, the medians and the ratios folio/Hugo,
# folio/(Hugo + Pagefind) and folio/floor (medians of the per-round ratios, each from
# runs taken in turns), as a Markdown table.
#
# --rebuild also measures folio's rebuild after one file changed, with
#   FOLIO_BENCH_N=N go test ./internal/serve -run XXX -bench SaveToReload/generated -benchtime 10x
# (save to live-reload event, in memory, watcher debounce included; see that benchmark).
# --keep keeps the work folder (every output, the logs) and prints its path.
#
# BASE=PATH compares folio with another folio instead (a build of an earlier commit, or
# one without a cache being measured): the rounds alternate the two cold builds, Hugo,
# Pagefind and the floor are not run (nor needed), the warm-up outputs are compared with
# diff -r, and the table gives folio/base. BASE_ARGS adds arguments to base's build
# (BASE=the same folio BASE_ARGS=--no-cache measures the build cache). With --warm, each
# builds again into its own output of the round before, with its caches, after one
# publication of the corpus changed (a line appended; the file is put back at the end).
set -euo pipefail

usage() {
  echo "usage: bench/compare.sh [--rebuild] [--keep] [--warm] N [RUNS]" >&2
  exit 2
}

rebuild=false keep=false warm=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) rebuild=true; shift ;;
    --keep) keep=true; shift ;;
    --warm) warm=true; shift ;;
    -h|--help) sed -n '2,48p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] && [ $# -le 2 ] || usage
if $warm && [ -z "${BASE:-}" ]; then
  echo "compare.sh: --warm compares two folio builds: set BASE (see --help)" >&2
  exit 2
fi
n=$1 runs=${2:-5}
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: N must be a positive number, got '$n'" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: RUNS must be a positive number, got '$runs'" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

hugo=${HUGO:-hugo}
hugo_site=${HUGO_SITE:-bench/hugo-full}
pagefind=${PAGEFIND:-}
if [ -z "$pagefind" ] && [ -z "${BASE:-}" ]; then
  pfdir="${TMPDIR:-/tmp}/folio-bench-pagefind-1.5.2"
  if ! "$pfdir/node_modules/.bin/pagefind" --version >/dev/null 2>&1; then
    echo "installing pagefind@1.5.2 into $pfdir (npm)"
    npm install --prefix "$pfdir" --no-save --no-package-lock --no-audit --no-fund pagefind@1.5.2 >&2
  fi
  # The platform's binary itself, not npm's node wrapper around it: Pagefind's own cost.
  pagefind=$(find "$pfdir/node_modules/@pagefind" -path '*/bin/pagefind*' -type f -perm -u+x ! -name '*.sha256' 2>/dev/null | head -1)
  [ -n "$pagefind" ] || pagefind="$pfdir/node_modules/.bin/pagefind"
fi
missing=""
command -v go >/dev/null 2>&1 || missing="$missing go"
if [ -z "${BASE:-}" ]; then
  command -v "$hugo" >/dev/null 2>&1 || missing="$missing $hugo"
  "$pagefind" --version >/dev/null 2>&1 || missing="$missing pagefind"
fi
{ [ -x /usr/bin/time ] && [[ "$(/usr/bin/time --version 2>&1)" == *GNU* ]]; } || missing="$missing /usr/bin/time(GNU)"
if [ -n "$missing" ]; then
  echo "compare.sh: missing:$missing" >&2
  echo "  install with: apt-get install -y time; Hugo 0.166 and Pagefind as above; Go 1.26 for go" >&2
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

if [ -n "${FOLIO:-}" ]; then
  echo "folio: $FOLIO; building the floor (go build)"
  cp "$FOLIO" "$work/folio"
else
  echo "building folio and the floor (go build)"
  go build -o "$work/folio" ./cmd/folio
fi
go build -o "$work/floor" ./bench/floor
[ -z "${BASE:-}" ] || cp "$BASE" "$work/base"
# Hugo writes .hugo_build.lock into its site folder: run a copy, not the repository's.
# bench/hugo-full mounts the corpus and the static files of folio's theme (mounts.toml),
# from FOLIO_SRC, the source tree the measured folio was built from (default: this one).
cp -r "$hugo_site" "$work/hugo-site"
hugo_config=()
if [ -x "$work/hugo-site/mounts.sh" ]; then
  "$work/hugo-site/mounts.sh" "$corpus" "${FOLIO_SRC:-.}/themes/default/static" >"$work/hugo-site/mounts.toml"
  hugo_config=(--config hugo.toml,mounts.toml)
fi

# run TOOL ROUND: one build under GNU time; its report goes to $work/TOOL-ROUND.time.
run() {
  local tool=$1 round=$2 dest="$work/out-$1-$2" log="$work/$1-$2.log" cache="$work/cache-$1-$2"
  if $warm; then dest="$work/out-$1-warm" cache="$work/cache-$1-warm"; fi
  mkdir -p "$cache"
  local status=0
  case $tool in
    folio)
      $warm || rm -rf "$corpus/.folio-cache"
      XDG_CACHE_HOME="$cache" /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$work/folio" build --source "$corpus" --dest "$dest" >"$log" 2>&1 || status=$?
      ;;
    base)
      $warm || rm -rf "$corpus/.folio-cache"
      # shellcheck disable=SC2086 # BASE_ARGS are words
      XDG_CACHE_HOME="$cache" /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$work/base" build --source "$corpus" --dest "$dest" ${BASE_ARGS:-} >"$log" 2>&1 || status=$?
      ;;
    hugo)
      local content=(--contentDir "$corpus/content")
      [ ${#hugo_config[@]} -eq 0 ] || content=("${hugo_config[@]}")
      /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$hugo" --quiet --source "$work/hugo-site" "${content[@]}" \
        --destination "$dest" --cacheDir "$cache" >"$log" 2>&1 || status=$?
      ;;
    pagefind)
      # Indexes this round's Hugo output: the publication pages, from their article,
      # without contents and citation, as bench/search/browser runs it on folio's.
      /usr/bin/time -v -o "$work/$tool-$round.time" \
        "$pagefind" --site "$work/out-hugo-$round" --force-language en \
        --glob 'publications/*/index.html' --root-selector article.publication \
        --exclude-selectors nav.toc --exclude-selectors section.cite >"$log" 2>&1 || status=$?
      ;;
    floor)
      /usr/bin/time -v -o "$work/$tool-$round.time" \
        sh -c '"$1" "$2" && cp -r "$3" "$4"' floor "$work/floor" "$corpus/content" \
        "$work/out-folio-0" "$dest" >"$log" 2>&1 || status=$?
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

# A round's units, in turns: Hugo is followed by Pagefind on its output, as a Hugo user
# runs them.
units=(folio hugo floor)
tools=(folio hugo pagefind floor)
unit() { if [ "$1" = hugo ]; then run hugo "$2"; run pagefind "$2"; else run "$1" "$2"; fi; }
if [ -n "${BASE:-}" ]; then
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "warm-up: one untimed run of each"
  edited=""
  if $warm; then
    rm -rf "$corpus/.folio-cache"
    edited=$(find "$corpus/content/publications" -name '*.md' | sort | sed -n 7p)
    cp "$edited" "$work/edited.orig"
    trap 'cp "$work/edited.orig" "$edited"; cleanup' EXIT
  fi
  run folio 0
  run base 0
  out0() { if $warm; then echo "$work/out-$1-warm"; else echo "$work/out-$1-0"; fi; }
  if diff -r -q "$(out0 folio)" "$(out0 base)" >/dev/null; then
    echo "outputs: byte-identical (diff -r)"
  else
    echo "outputs: DIFFERENT (diff -r -q):"
    # diff is cut short by head: its status (SIGPIPE) must not end the script.
    { diff -r -q "$(out0 folio)" "$(out0 base)" || true; } | head -5 | sed 's/^/  /'
  fi
  for ((r = 1; r <= runs; r++)); do
    if $warm; then echo "edit $r" >>"$edited"; fi
    if ((r % 2)); then run folio "$r"; run base "$r"; else run base "$r"; run folio "$r"; fi
    read -r fw _ fm < <(field "$work/folio-$r.time")
    read -r bw _ bm < <(field "$work/base-$r.time")
    echo "round $r/$runs: folio ${fw}s ${fm}MB  base ${bw}s ${bm}MB  load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(go version | cut -d' ' -f3)"
  echo "folio: ${FOLIO:-this tree at $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- cmd internal themes go.mod 2>/dev/null || echo ' with uncommitted changes')}; base: $BASE ${BASE_ARGS:-}"
  echo "load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  kind=cold
  if $warm; then kind="warm, one publication changed"; fi
  echo "| $n publications, $runs runs ($kind; medians) | wall s (min-max) | CPU user+sys s | peak RSS MB |"
  echo "|---|---|---|---|"
  for t in folio base; do
    ws=() cs=() ms=()
    for ((r = 1; r <= runs; r++)); do
      read -r w c m < <(field "$work/$t-$r.time")
      ws+=("$w") cs+=("$c") ms+=("$m")
    done
    echo "| $t | $(median "${ws[@]}") ($(printf '%s\n' "${ws[@]}" | sort -g | head -1)-$(printf '%s\n' "${ws[@]}" | sort -g | tail -1)) | $(median "${cs[@]}") | $(median "${ms[@]}") |"
  done
  rs=()
  for col in 1 2 3; do
    per=()
    for ((r = 1; r <= runs; r++)); do
      per+=("$(paste <(field "$work/folio-$r.time") <(field "$work/base-$r.time") | awk -v c="$col" '{ printf "%.4f", $c / $(c + 3) }')")
    done
    rs+=("$(printf '%.3f' "$(median "${per[@]}")")")
  done
  echo "| **folio / base** (median of per-round ratios) | **${rs[0]}** | ${rs[1]} | **${rs[2]}** |"
  exit 0
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warm-up: one untimed run of each"
for u in "${units[@]}"; do unit "$u" 0; done
echo "file lists of the warm-up outputs (bench/compare-files.sh; Pagefind's pagefind/ included):"
bench/compare-files.sh "$work/out-folio-0" "$work/out-hugo-0" 2>&1 | sed 's/^/  /' ||
  echo "  WARNING: the two outputs differ beyond the documented differences: the comparison is not like for like"
for ((r = 1; r <= runs; r++)); do
  order=""
  for ((k = 0; k < 3; k++)); do
    u=${units[$(((r + k) % 3))]}
    unit "$u" "$r"
    order="$order $u"
  done
  printf 'round %d/%d:%s  ' "$r" "$runs" "$order"
  for t in "${tools[@]}"; do
    read -r w c m < <(field "$work/$t-$r.time")
    printf '%s %ss %sMB  ' "$t" "$w" "$m"
  done
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# hp R: the "Hugo + Pagefind" line of round R: wall and CPU summed, the larger RSS.
hp() {
  paste <(field "$work/hugo-$1.time") <(field "$work/pagefind-$1.time") |
    awk '{ printf "%.2f %.2f %.0f\n", $1 + $4, $2 + $5, ($3 > $6 ? $3 : $6) }'
}
for ((r = 0; r <= runs; r++)); do hp "$r" >"$work/hp-$r.fields"; done
# fields T R: wall, CPU, RSS of tool T (or hp) in round R.
fields() { if [ "$1" = hp ]; then cat "$work/hp-$2.fields"; else field "$work/$1-$2.time"; fi; }

lines=(folio hugo pagefind hp floor)
declare -A W C M
for t in "${lines[@]}"; do
  ws=() cs=() ms=()
  for ((r = 1; r <= runs; r++)); do
    read -r w c m < <(fields "$t" "$r")
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
    rs+=("$(paste <(fields "$a" "$r") <(fields "$b" "$r") |
      awk -v c="$col" '{ printf "%.4f", $c / $(c + 3) }')")
  done
  printf '%.2f' "$(median "${rs[@]}")"
}

echo
echo "folio's own step summary (last round):"
sed 's/^/  /' "$work/folio-$runs.log"
echo
hv=$("$hugo" version | cut -d' ' -f2 | cut -d+ -f1 | sed 's/^v//')
pv=$("$pagefind" --version | awk '{ print $NF }')
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(go version | cut -d' ' -f3); Hugo $hv; Pagefind $pv"
if [ -n "${FOLIO:-}" ]; then
  echo "folio: $FOLIO ($("$work/folio" version 2>/dev/null | head -1))"
else
  echo "folio at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- cmd internal themes go.mod 2>/dev/null || echo ' (with uncommitted changes)')"
fi
echo "load average (1, 5, 15 min) before: $load_before; after: $load_after"
echo "output: folio $(du -sm "$work/out-folio-1" | cut -f1) MB in $(find "$work/out-folio-1" -type f | wc -l) files; Hugo $(du -sm "$work/out-hugo-1/" --exclude=pagefind | cut -f1) MB, Pagefind $(du -sm "$work/out-hugo-1/pagefind" | cut -f1) MB in $(find "$work/out-hugo-1/pagefind" -type f | wc -l) files"
echo
echo "| $n publications, $runs runs (medians) | wall s (min-max) | CPU user+sys s | peak RSS MB |"
echo "|---|---|---|---|"
for t in "${lines[@]}"; do
  case $t in
    folio) name="folio build (cold)" ;;
    hugo) name="Hugo $hv, same outputs (bench/hugo-full)" ;;
    pagefind) name="Pagefind $pv on Hugo's output" ;;
    hp) name="Hugo + Pagefind" ;;
    floor) name="floor: goldmark + cp -r of folio's output" ;;
  esac
  echo "| $name | ${W[$t]} (${W[$t-min]}-${W[$t-max]}) | ${C[$t]} | ${M[$t]} |"
done
echo "| **folio / Hugo** (median of per-round ratios) | **$(ratio folio hugo 1)** | $(ratio folio hugo 2) | **$(ratio folio hugo 3)** |"
echo "| **folio / (Hugo + Pagefind)** | **$(ratio folio hp 1)** | $(ratio folio hp 2) | **$(ratio folio hp 3)** |"
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
