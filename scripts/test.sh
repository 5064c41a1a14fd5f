#!/usr/bin/env bash
# Runs the whole suite on the compiled tree. Tests that need real components start them
# through the scripts beside this one, which install Debian packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-hwdata.sh
exec node --test --test-concurrency="${TEST_CONCURRENCY:-3}" dist/test/
