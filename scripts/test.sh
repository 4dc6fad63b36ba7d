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
# Attachment extraction: OCR of scans and images (Danish and English), legacy .doc files.
if ! command -v tesseract >/dev/null 2>&1; then
    packages="$packages tesseract-ocr tesseract-ocr-dan"
elif [ ! -f /usr/share/tesseract-ocr/5/tessdata/dan.traineddata ] \
    && [ ! -f /usr/share/tesseract-ocr/4.00/tessdata/dan.traineddata ]; then
    packages="$packages tesseract-ocr-dan"
fi
if ! command -v catdoc >/dev/null 2>&1; then
    packages="$packages catdoc"
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
if [ -n "$packages" ]; then
    as_root apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
fi
scripts/setup-env.sh test
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
