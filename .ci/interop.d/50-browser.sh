#!/usr/bin/env bash
# The HTML report in a real browser: headless Debian Chromium, driven by
# playwright-core from npm (no browser download: executablePath is
# /usr/bin/chromium). Checks that every finding is present, that the code,
# severity and file filters and the search box change the visible rows (exact
# counts), that a <script> segment is shown as text and never runs, and that
# the page makes no network request. Screenshot: .ci-artifacts/report.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
art="$root/.ci-artifacts"
mkdir -p "$art"

skip() {
  echo "##########################################################"
  echo "INTEROP SKIPPED: 50-browser: $*"
  echo "##########################################################"
  exit 0
}

# Chromium and a CJK font (without one, Chinese renders as boxes in the screenshot).
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null 2>&1 \
    || apt-get install -y -qq chromium >/dev/null 2>&1 \
    || skip "cannot install Debian chromium (apt-get install chromium failed)"
fi
chromium_bin=$(command -v chromium) || skip "chromium is not on PATH after installing it"
echo "browser: $("$chromium_bin" --version 2>/dev/null || echo "$chromium_bin")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get install -y -qq nodejs npm >/dev/null 2>&1 || skip "cannot install node and npm"
fi
echo "node: $(node --version)"

# playwright-core in a scratch folder (it downloads no browser).
work=/tmp/concord-browser-test
mkdir -p "$work"
cp tests/browser/package.json tests/browser/report.mjs "$work/"
if [ ! -d "$work/node_modules/playwright-core" ]; then
  (cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null) \
    || skip "cannot install playwright-core from npm"
fi

run_browser() { # REPORT JSON SCREENSHOT
  CHROMIUM="$chromium_bin" node "$work/report.mjs" "$1" "$2" "$3"
}

# 1. A report of hand-made findings, including a <script> segment.
cargo build --release --quiet --example html_demo
target/release/examples/html_demo "$art/report-demo.html" "$art/report-demo.json"
run_browser "$art/report-demo.html" "$art/report-demo.json" "$art/report.png"

# 2. The report of the labelled check fixtures, once `concord check` exists.
fixtures=tests/fixtures/checks
if target/release/concord check --help >/dev/null 2>&1 && [ -d "$fixtures" ]; then
  shopt -s nullglob
  files=("$fixtures"/*.tmx "$fixtures"/*.xlf "$fixtures"/*.xliff "$fixtures"/*.csv)
  shopt -u nullglob
  if [ "${#files[@]}" -gt 0 ]; then
    set +e
    target/release/concord check --quiet --format json -o "$art/report-fixtures.json" "${files[@]}"
    rc_json=$?
    target/release/concord check --quiet --format html -o "$art/report-fixtures.html" "${files[@]}"
    rc_html=$?
    set -e
    if [ "$rc_json" -ge 2 ] || [ "$rc_html" -ge 2 ]; then
      echo "concord check failed on the fixtures (exit $rc_json / $rc_html)" >&2
      exit 1
    fi
    run_browser "$art/report-fixtures.html" "$art/report-fixtures.json" "$art/report-fixtures.png"
  fi
else
  echo "note: concord check or $fixtures not available yet; only the demo report was tested"
fi
echo "50-browser: passed"
