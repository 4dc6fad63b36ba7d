#!/bin/sh
# Quick start, part 2: install what the tests need (Dovecot and PostgreSQL from Debian), lint,
# run every test. The tests start their own Dovecot and PostgreSQL on free loopback ports and
# stop them at the end: they need no system service, and this script starts none.
set -eu
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
have_postgres() {
    for bin in /usr/lib/postgresql/*/bin/postgres; do [ -x "$bin" ] && return 0; done
    return 1
}

packages=""
if ! command -v dovecot >/dev/null 2>&1 && [ ! -x /usr/sbin/dovecot ]; then
    packages="dovecot-imapd"
fi
if ! have_postgres; then
    packages="$packages postgresql"
fi
if [ -n "$packages" ]; then
    as_root apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
fi
scripts/setup-env.sh test
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
