#!/bin/sh
# Quick start, part 1: install OCR and catdoc if missing, set up .venv, import the sample
# inbox, list the proposals and write the CSV.
set -eu
cd "$(dirname "$0")/.."
scripts/runtime-packages.sh
scripts/setup-env.sh
export HOERING_CONFIG=examples/hoering.toml
.venv/bin/hoering import examples/inbox
.venv/bin/hoering list
.venv/bin/hoering export --output examples/proposals.csv
