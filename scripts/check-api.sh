#!/usr/bin/env bash
# The libraries' public API is what docs/api.md says it is:
#  1. the public symbols the compiler exports from IMRParse and GuidelineRules (read from their symbol
#     graphs) are the list between <!-- api:begin --> and <!-- api:end --> in docs/api.md;
#  2. the usage example of docs/api.md is the one Tests/GuidelineRulesTests/APIExampleTests.swift runs,
#     and it compiles against the public API alone (outside the package, `package` symbols are hidden).
#
#   scripts/check-api.sh           # check (exit 1 and a diff when they differ)
#   scripts/check-api.sh --write   # rewrite the list in docs/api.md from what the compiler exports
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build --target GuidelineRules >/dev/null
modules=.build/debug/Modules
[ -d "$modules" ] || modules=.build/debug
triple=$(swift -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')
for m in IMRParse GuidelineRules; do
  swift-symbolgraph-extract -module-name "$m" -I "$modules" -target "$triple" -minimum-access-level public -output-dir "$work"
done
python3 scripts/api-list.py "$work" > "$work/exported.txt"

# The list in docs/api.md: the lines of the fenced block between the markers.
python3 - "$work" "${1:-}" <<'PY'
import re, sys
work, mode = sys.argv[1], sys.argv[2]
doc = open('docs/api.md').read()
m = re.search(r'(<!-- api:begin -->\n```text\n)(.*?)(```\n<!-- api:end -->)', doc, re.S)
if not m:
    sys.exit('docs/api.md: no list between <!-- api:begin --> and <!-- api:end -->')
exported = open(work + '/exported.txt').read()
if mode == '--write':
    open('docs/api.md', 'w').write(doc[:m.start(2)] + exported + doc[m.end(2):])
    print('docs/api.md: list rewritten from the compiler')
    sys.exit(0)
if m.group(2) != exported:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(m.group(2).splitlines(True), exported.splitlines(True),
                                               'docs/api.md', 'exported by the compiler'))
    sys.exit('the public API differs from docs/api.md: make the declarations package, or list them '
             '(scripts/check-api.sh --write) and say why in docs/api.md')

# The example: the same in the doc and in the test, and it compiles outside the package.
e = re.search(r'<!-- example:begin -->\n```swift\n(.*?)```\n<!-- example:end -->', doc, re.S)
t = re.search(r'// example:begin\n(.*?)// example:end\n', open('Tests/GuidelineRulesTests/APIExampleTests.swift').read(), re.S)
if not e or not t:
    sys.exit('no example between the markers of docs/api.md and APIExampleTests.swift')
if e.group(1) != t.group(1):
    sys.exit('the example in docs/api.md is not the one APIExampleTests.swift runs')
open(work + '/example.swift', 'w').write('import Foundation\nimport GuidelineRules\nimport IMRParse\n\n' + e.group(1))
print(f"api: {len(exported.splitlines())} public types match docs/api.md")
PY
[ "${1:-}" = --write ] && exit 0
swiftc -typecheck -parse-as-library -I "$modules" -module-cache-path "$work/cache" "$work/example.swift"
echo "api: the example of docs/api.md compiles against the public API"
