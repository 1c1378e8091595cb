#!/usr/bin/env bash
# Takes the README's screenshot of Datasette's search page: a fresh dossier served read-only with
# Datasette/metadata.yml, the search query for "depression", shot by headless Chromium.
#
# Usage: Scripts/datasette-screenshot.sh PATH/TO/dossier [VENV] [OUTPUT]
#   VENV: a virtual environment with Datasette (default .ci-venv, made by
#         .ci/ecosystem/python-tools.sh); OUTPUT: default docs/datasette-search.png.
# Needs Debian's chromium (apt-get install chromium). CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
dossier="$(realpath "${1:?usage: datasette-screenshot.sh PATH/TO/dossier [VENV] [OUTPUT]}")"
venv="${2:-.ci-venv}"
output="$(realpath -m "${3:-docs/datasette-search.png}")"
command -v chromium > /dev/null || { echo "error: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
[ -x "$venv/bin/datasette" ] || { echo "error: no Datasette in $venv (.ci/ecosystem/python-tools.sh $venv)" >&2; exit 1; }

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$dossier" setup --database "$work/dossier.sqlite" > /dev/null
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$venv/bin/datasette" serve --immutable "$work/dossier.sqlite" -m Datasette/metadata.yml \
  -h 127.0.0.1 -p "$port" > "$work/datasette.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/-/versions.json" > /dev/null && break
  sleep 0.2
done

mkdir -p "$(dirname "$output")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,900 \
  --user-data-dir="$work/chromium" --screenshot="$output" \
  "http://127.0.0.1:$port/dossier/search?q=depression&kind=" 2> "$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; exit 1; }
echo "wrote $output ($(stat -c %s "$output") bytes)"
