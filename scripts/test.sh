#!/bin/sh
# Quick start, part 2: install what the tests need from Debian (Dovecot, GNU Mailutils imap4d,
# PostgreSQL, OCR, catdoc, LibreOffice, poppler, Chromium), lint, run every test. The tests
# start their own Dovecot, imap4d, PostgreSQL and Chromium on free loopback ports and
# stop them at the end: they need no system service, and this script starts none.
set -eu
cd "$(dirname "$0")/.."
have_postgres() {
    for bin in /usr/lib/postgresql/*/bin/postgres; do [ -x "$bin" ] && return 0; done
    return 1
}

packages=""
if ! command -v dovecot >/dev/null 2>&1 && [ ! -x /usr/sbin/dovecot ]; then
    packages="dovecot-imapd"
fi
# A second IMAP server of another lineage (GNU Mailutils): the poll tests run against both.
if [ ! -x /usr/sbin/imap4d ]; then
    packages="$packages mailutils-imap4d"
fi
# tests/kit/imap4d.py hashes its test users' passwords with `openssl passwd -6`.
if ! command -v openssl >/dev/null 2>&1; then
    packages="$packages openssl"
fi
if ! have_postgres; then
    packages="$packages postgresql"
fi
# The sample inbox's scanned letter is drawn in DejaVu Serif; a test regenerates it.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
    packages="$packages fonts-dejavu-core"
fi
# The export tests open the XLSX and the høringsnotat DOCX in LibreOffice (PDF, then PNG).
if ! command -v soffice >/dev/null 2>&1; then
    packages="$packages libreoffice-writer-nogui libreoffice-calc-nogui"
fi
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    packages="$packages poppler-utils"
fi
# The review desk's end-to-end tests (tests/web/test_browser.py) drive Chromium with Selenium.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    packages="$packages chromium chromium-driver"
fi
# Adds the run-time packages (OCR, catdoc, libwpd-tools) and installs everything in one apt call.
# shellcheck disable=SC2086 # one word per package
scripts/runtime-packages.sh $packages
scripts/setup-env.sh test
.venv/bin/ruff check .
# Every `hoering` child process the tests start (real polls, kills, serve, the memory-limited
# imports) would otherwise compile the package anew: PYTHONDONTWRITEBYTECODE=1 (set in some
# shells and CI images) stops Python writing .pyc files, not reading them. Written once here,
# skipped when current; a stale one is ignored by Python, so an edit never runs old code.
.venv/bin/python -m compileall -q -x '(^|/)(\.venv|\.git|tests)(/|$)' .
# And pytest keeps its rewritten test modules as .pyc only where writing is allowed: a second
# run then collects in 6.5 s of CPU instead of 11.5 s (the first run writes them).
unset PYTHONDONTWRITEBYTECODE
# One worker per core, at most four (pytest-xdist): each worker starts its own servers on
# free ports; `--dist loadfile` keeps a file's module fixtures on one worker, and files marked
# `long` are collected first (tests/conftest.py) and kept first, so both workers start on them.
.venv/bin/python -m pytest --numprocesses auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder "$@"
