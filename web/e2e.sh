#!/usr/bin/env bash
# The browser tests: builds web/dist (web/build), then runs web/e2e/*.e2e.ts with vitest in headless Chromium
# (Debian's chromium, driven by playwright-core) against `./microdrop local --in-memory` on a free port, which the
# tests start themselves (web/e2e/runtime.ts). Screenshots and the runtime's log land in web/target/e2e/.
# Prints the totals on its last line: "browser tests: N, failures: F".
set -uo pipefail
cd "$(dirname "$0")"
chromium="${MICRODROP_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser tests: no Chromium at $chromium (apt-get install -y chromium, or set MICRODROP_CHROMIUM)" >&2
  echo "browser tests: 0, failures: 1"
  exit 1
fi
bash build || { echo "browser tests: 0, failures: 1 (web/build failed)"; exit 1; }
rm -rf target/e2e && mkdir -p target/e2e
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=target/e2e/results.json
status=$?
node -e '
  const r = require("./target/e2e/results.json");
  console.log(`browser tests: ${r.numTotalTests}, failures: ${r.numFailedTests}`);
' 2>/dev/null || echo "browser tests: no report"
exit "$status"
