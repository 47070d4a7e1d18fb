#!/usr/bin/env bash
# Renders the audit HTML report in headless Chromium and saves a screenshot, to check by eye that
# the report (charts, tables) shows as intended. Needs Debian's chromium package.
#   scripts/render-report.sh [LETTERS_DIR] [OUT_PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
letters=${1:-examples/letters}
out=${2:-/tmp/imr-report}
bin=.build/release/imr-check
[ -x "$bin" ] || swift build -c release >/dev/null
"$bin" audit "$letters" --format html --output "$out.html"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "no Chromium found: apt-get install chromium" >&2
  exit 1
fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400 \
  --screenshot="$out.png" "file://$(realpath "$out.html")" 2>/dev/null
echo "report: $out.html"
echo "screenshot: $out.png"
