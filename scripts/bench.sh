#!/usr/bin/env bash
# Reproduces docs/benchmarks.md: builds release, generates the 10k and 100k corpora under /tmp
# (never in the repository), measures parse / facts / audit on both, and runs the fuzzer.
#
#   scripts/bench.sh              # build, corpora, measurements (best of 3)
#   scripts/bench.sh fuzz [N]     # also: N fuzz inputs under --supervise (default 1,000,000)
#   scripts/bench.sh profile      # callgrind profiles of parse, facts and predict over 200 letters
#   scripts/bench.sh accuracy     # docs/accuracy.md: precision/recall on the labelled sets (with misses)
#
# Environment: BENCH_DIR (default /tmp/imr-bench), SCRATCH (build folder, default .build-bench),
# REPEAT (default 3), JOBS (audit worker threads, default 2), STATIC (default 1: link the Swift
# runtime and Foundation statically, as a deployed binary is; STATIC=0 for the default dynamic build,
# about 15 % slower at the audit — see docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
BENCH_DIR="${BENCH_DIR:-/tmp/imr-bench}"
SCRATCH="${SCRATCH:-.build-bench}"
STATIC="${STATIC:-1}"
REPEAT="${REPEAT:-3}"
JOBS="${JOBS:-2}"
BIN="$SCRATCH/release"

echo "== machine"
echo "cores: $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GB; $(swift --version 2>&1 | head -1)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== release build (static Swift runtime: $STATIC)"
if [ "$STATIC" = 1 ]; then
  swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" 2>&1 | tail -n 1
else
  swift build -c release --scratch-path "$SCRATCH" 2>&1 | tail -n 1
fi

corpus() {  # corpus N DIR
  if [ ! -d "$2" ] || [ "$(find "$2" -name '*.txt' | wc -l)" -ne "$1" ]; then
    rm -rf "$2"
    "$BIN/imr-bench" generate --letters "$1" --out "$2" --seed 1
  fi
}

case "${1:-run}" in
  run)
    corpus 10000 "$BENCH_DIR/corpus-10k"
    corpus 100000 "$BENCH_DIR/corpus-100k"
    for c in corpus-10k corpus-100k; do
      echo "== $c"
      "$BIN/imr-bench" run --corpus "$BENCH_DIR/$c" --stages parse,facts,predict,audit --jobs "$JOBS" \
        --cli "$BIN/imr-check" --repeat "$REPEAT"
    done
    ;;
  fuzz)
    "$BIN/imr-bench" fuzz --supervise --iterations "${2:-1000000}" --seed 1 --out "$BENCH_DIR/fuzz-failures"
    ;;
  profile)
    corpus 200 "$BENCH_DIR/corpus-200"
    # Only the stage's own functions are counted (--toggle-collect), not rule loading or file reading.
    # The mangled names are those of the build these docs were written with; check them with
    # `nm "$BIN/imr-bench" | grep …` when the code changes.
    scan='$s14GuidelineRules13FactExtractorV4scan6source7regions7contextAC13NarrativeScanV8IMRParse10SourceTextV_SaySnySiGGAA11CaseContextVtF'
    for stage in parse facts predict; do
      case $stage in
        parse) toggles=('--toggle-collect=$s8IMRParse12LetterParserO5parse_13referenceYearAA13DeterminationVAA10SourceTextV_SiSgtFZTf4xnd_n') ;;
        facts) toggles=("--toggle-collect=$scan" '--toggle-collect=$s14GuidelineRules13FactExtractorV7extract5scans7context7requestAA0C3SetVSayAC13NarrativeScanVG_AA11CaseContextVAA13ParsedRequestVSgtF') ;;
        predict) toggles=("--toggle-collect=$scan" '--toggle-collect=$s14GuidelineRules8AnalyzerC7predict_5scans7contextAA10PredictionVSS_SayAA13FactExtractorV13NarrativeScanVGAA11CaseContextVtF') ;;
      esac
      echo "== profile: $stage"
      valgrind --tool=callgrind --callgrind-out-file="$BENCH_DIR/callgrind.$stage.out" "${toggles[@]}" \
        "$BIN/imr-bench" run --corpus "$BENCH_DIR/corpus-200" --stages "$stage" 2>&1 | grep -E 'refs' || true
      callgrind_annotate --inclusive=yes "$BENCH_DIR/callgrind.$stage.out" 2>/dev/null | sed -n '/file:function/,$p' | head -40 | swift demangle --simplified || true
    done
    ;;
  accuracy)
    "$BIN/imr-bench" accuracy --misses
    ;;
  *) echo "usage: scripts/bench.sh [run|fuzz [N]|profile|accuracy]" >&2; exit 2 ;;
esac
