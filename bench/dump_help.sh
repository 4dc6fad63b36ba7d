#!/bin/sh
# Every command's --help, to compare two checkouts: bench/dump_help.sh PYTHON > FILE
PY=${1:-.venv/bin/python}
for cmd in "" list show export notat export-attachments review initiatives search stats tag forget serve import poll; do
  echo "=== $cmd"
  COLUMNS=100 $PY -m hoering $cmd --help
done
