#!/usr/bin/env bash
# bench/compare-files.sh FOLIO_OUT HUGO_OUT: compares the file lists of folio's output
# and bench/hugo-full's for the same corpus (bench/compare.sh runs it on its warm-up
# builds). Prints how many files each wrote, then every path that only one of them
# wrote, numbers folded to N and counted ("12  only folio: search/sN.N.bin").
#
# Exits 1 if a path is missing from one side other than the differences bench/README.md
# documents: folio's search index (search/*.bin), its search client (static/search.js)
# and its build marker (.folio-build); on the Hugo side, Pagefind's index (pagefind/),
# when Pagefind has run.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bench/compare-files.sh FOLIO_OUT HUGO_OUT" >&2; exit 2; }
for d in "$1" "$2"; do
  [ -d "$d" ] || { echo "compare-files.sh: $d is not a folder" >&2; exit 2; }
done
list() { (cd "$1" && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }
f=$(mktemp) h=$(mktemp)
trap 'rm -f "$f" "$h"' EXIT
list "$1" >"$f"
list "$2" >"$h"
echo "files: folio $(wc -l <"$f"), Hugo $(wc -l <"$h")"
only() { # only NAME FILE: paths of one side only, numbers folded, counted
  sed -E 's#^pagefind/.*#pagefind/...#; s#[0-9]+#N#g' | sort | uniq -c | sort -rn | awk -v who="$1" '{ printf "  %6d  only %s: %s\n", $1, who, $2 }'
}
LC_ALL=C comm -23 "$f" "$h" | only folio
LC_ALL=C comm -13 "$f" "$h" | only Hugo
unexpected=$({
  LC_ALL=C comm -23 "$f" "$h" | grep -v -E '^(search/[^/]+\.bin|static/search\.js|\.folio-build)$' || true
  LC_ALL=C comm -13 "$f" "$h" | grep -v -E '^pagefind/' || true
})
if [ -n "$unexpected" ]; then
  echo "compare-files.sh: $(echo "$unexpected" | wc -l) paths differ beyond the documented ones, for example:" >&2
  echo "$unexpected" | head -5 | sed 's/^/  /' >&2
  exit 1
fi
echo "same file lists but for the documented differences"
