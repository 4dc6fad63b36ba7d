#!/bin/sh
# Install the Debian packages hoering uses at run time, when missing: Tesseract with Danish
# (OCR of scanned PDFs and images), catdoc (Word 97-2003 .doc), libwpd-tools (WordPerfect) and
# poppler-utils (pdftotext: long PDFs, and PDFs pdfminer cannot read). Without them hoering
# still runs and records "ocr unavailable" / "doc: catdoc not installed" / "wordperfect:
# wpd2text not installed" on those attachments; without pdftotext pdfminer reads every PDF
# to the end.
# Usage: scripts/runtime-packages.sh [EXTRA DEBIAN PACKAGES...]
set -eu
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages="$*"
if ! command -v tesseract >/dev/null 2>&1; then
    packages="$packages tesseract-ocr tesseract-ocr-dan"
elif ! ls /usr/share/tesseract-ocr/*/tessdata/dan.traineddata >/dev/null 2>&1; then
    packages="$packages tesseract-ocr-dan"
fi
if ! command -v catdoc >/dev/null 2>&1; then
    packages="$packages catdoc"
fi
if ! command -v wpd2text >/dev/null 2>&1; then
    packages="$packages libwpd-tools"
fi
if ! command -v pdftotext >/dev/null 2>&1; then
    packages="$packages poppler-utils"
fi
if [ -n "$(echo "$packages" | tr -d ' ')" ]; then
    as_root apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
fi
