#!/bin/sh
# Quick start, part 2: install what the tests need (Dovecot from Debian), lint, run every test.
# The tests start their own Dovecot on a free loopback port; no service is left running.
set -eu
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v dovecot >/dev/null 2>&1 && [ ! -x /usr/sbin/dovecot ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd
fi
scripts/setup-env.sh test
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
