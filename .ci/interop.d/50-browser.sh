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

# 2. The report of the labelled check fixtures (the set tests/check_labelled.rs
#    pins), made by `concord check --format html`; the JSON report of the same
#    run says which findings the page must show.
fixtures=tests/fixtures/checks
[ -f "$fixtures/labelled.tsv" ] || { echo "missing $fixtures/labelled.tsv" >&2; exit 1; }
# The bilingual TSV reader takes no comment lines: strip the file's preamble.
grep -v '^#' "$fixtures/labelled.tsv" > "$art/labelled.tsv"
check() { # FORMAT OUT
  set +e
  target/release/concord check --quiet "$art/labelled.tsv" \
    --glossary "$fixtures/glossary.csv" --tm "$fixtures/tm.tsv" --format "$1" -o "$2"
  local rc=$?
  set -e
  if [ "$rc" -ge 2 ]; then
    echo "concord check --format $1 failed on the labelled fixtures (exit $rc)" >&2
    exit 1
  fi
}
check json "$art/report-labelled.json"
check html "$art/report-labelled.html"
run_browser "$art/report-labelled.html" "$art/report-labelled.json" "$art/report-labelled.png"

echo "50-browser: passed"
