#!/usr/bin/env bash
# bench/hugo-full/mounts.sh CORPUS THEME_STATIC: prints the second configuration file of
# bench/hugo-full (mounts.toml). Hugo mounts take absolute paths, so the corpus' content/
# and the static files of folio's theme (its stylesheets, favicon and recommendations
# filter; not search.js, folio's search client) are mounted where the site expects them,
# beside the site's own content/ (the years, recommendations and search pages).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bench/hugo-full/mounts.sh CORPUS THEME_STATIC" >&2; exit 2; }
corpus=$(cd "$1" && pwd) static=$(cd "$2" && pwd)
cat <<TOML
[[module.mounts]]
  source = "content"
  target = "content"
[[module.mounts]]
  source = "$corpus/content"
  target = "content"
[[module.mounts]]
  source = "$static"
  target = "static/static"
  files = ["! search.js"]
[[module.mounts]]
  source = "layouts"
  target = "layouts"
[[module.mounts]]
  source = "data"
  target = "data"
TOML
