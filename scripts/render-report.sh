#!/usr/bin/env bash
# Builds the audit HTML report of a folder of letters and checks it in headless Chromium as an analyst
# would use it (scripts/check-report.py: the table, filters and charts are there, every count matches
# the JSON Lines, nothing overflows at 1280 px, print styles), with a screenshot to look at.
#   scripts/render-report.sh [LETTERS_DIR] [OUT_PREFIX]
# Writes OUT_PREFIX.html, .jsonl, .png, -items.png and -check.json. Needs Debian's chromium
# (exit 2 without it); uses .build/release/imr-check, building it when missing (IMR_CHECK overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
letters=${1:-examples/letters}
out=${2:-/tmp/imr-report}
bin=${IMR_CHECK:-.build/release/imr-check}
[ -x "$bin" ] || swift build -c release >/dev/null
status=0
"$bin" audit "$letters" --format jsonl > "$out.jsonl" || status=$?
[ "$status" -le 1 ] || exit "$status"
"$bin" audit "$letters" --format html --output "$out.html" || [ $? -le 1 ]
python3 scripts/check-report.py "$out.html" "$out.jsonl" --screenshot "$out.png" --json "$out-check.json"
echo "report: $out.html ($(wc -c < "$out.html") bytes); screenshots: $out.png, $out-items.png"
