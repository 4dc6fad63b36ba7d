#!/bin/sh
# Quick start, part 1: set up, then import the bundled sample inbox, list it and write the CSV.
set -eu
cd "$(dirname "$0")/.."
scripts/setup-env.sh
export HOERING_CONFIG=examples/hoering.toml
.venv/bin/hoering import examples/inbox
.venv/bin/hoering list
.venv/bin/hoering export --output examples/proposals.csv
