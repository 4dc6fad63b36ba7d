#!/bin/sh
# Render the pictures README shows (docs/*.png) from the sample inbox:
# the høringsnotat's first two pages, the top of the XLSX's first page and the party XLSX's
# whole first page (`export --per party`), as LibreOffice prints them; and pages 1 and 4
# (the first theme section) of the generated 140-reply consultation's notat
# (bench/notat_consultation.py).
# Needs libreoffice-writer, libreoffice-calc and poppler-utils.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s#sqlite:///hoering.db#sqlite:///$work/h.db#" examples/hoering.toml > "$work/hoering.toml"
export HOERING_CONFIG="$work/hoering.toml"
.venv/bin/hoering import examples/inbox > /dev/null
.venv/bin/hoering notat --output "$work/notat.docx" > /dev/null
.venv/bin/hoering export --format xlsx --output "$work/svar.xlsx" > /dev/null
.venv/bin/hoering export --per party --format xlsx --output "$work/parter.xlsx" > /dev/null
mkdir "$work/consultation"
.venv/bin/python -m bench.notat_consultation "$work/consultation" > /dev/null
cp "$work/consultation/notat.docx" "$work/consultation.docx"
soffice "-env:UserInstallation=file://$work/lo" --headless --convert-to pdf --outdir "$work" \
    "$work/notat.docx" "$work/svar.xlsx" "$work/parter.xlsx" "$work/consultation.docx" \
    > /dev/null 2>&1
mkdir -p docs
pdftoppm -r 60 -png -f 1 -l 2 "$work/notat.pdf" "$work/notat"
# The sheet's top at 90 dpi: at 60 dpi a landscape page of 12 columns is unreadable.
pdftoppm -r 90 -png -f 1 -l 1 -x 0 -y 0 -W 1052 -H 430 "$work/svar.pdf" "$work/xlsx"
pdftoppm -r 90 -png -f 1 -l 1 -singlefile "$work/parter.pdf" "$work/parties-xlsx"
for page in 1 4; do
    pdftoppm -r 60 -png -f $page -l $page "$work/consultation.pdf" "$work/notat-consultation"
done
cp "$work"/notat-1.png "$work"/notat-2.png "$work"/notat-consultation-?.png docs/
cp "$work"/xlsx-1.png docs/xlsx-1.png
cp "$work"/parties-xlsx.png docs/parties-xlsx.png
ls -l docs/*.png
