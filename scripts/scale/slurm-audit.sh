#!/usr/bin/env bash
# Audits a corpus on a Slurm cluster in N shards, then rebuilds the summary and the HTML report.
#
#   scripts/scale/slurm-audit.sh submit CORPUS OUT N   # from a login node: an array job of N tasks, then a merge job
#   scripts/scale/slurm-audit.sh shard  CORPUS OUT     # what each array task runs (sbatch calls it)
#   scripts/scale/slurm-audit.sh merge  OUT            # what the merge job runs, after every task succeeded
#
# Each task runs `imr-check audit CORPUS --format jsonl --shard auto`: imr-check reads its share from
# SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, so the array's size is the
# number of shards and nothing else needs to agree with it. The shards' JSON Lines concatenate to the
# whole run (sorted, byte for byte); the merge rebuilds summary.json, summary.csv and report.html.
# IMR_CHECK names the binary (default: imr-check on PATH); the rule folder is the binary's own Rules/
# or IMR_CHECK_RULES — every shard must use the same one (the merge warns when fingerprints differ).
set -euo pipefail
imr=${IMR_CHECK:-imr-check}
mode=${1:?usage: slurm-audit.sh submit CORPUS OUT N | shard CORPUS OUT | merge OUT}
case "$mode" in
  submit)
    corpus=${2:?CORPUS}; out=${3:?OUT}; n=${4:?N}
    mkdir -p "$out/logs"
    array=$(sbatch --parsable --job-name=imr-audit --array="0-$((n - 1))" --cpus-per-task=2 --mem=2G --time=02:00:00 \
      --output="$out/logs/shard-%a.log" --export=ALL,IMR_CHECK="$imr" "$0" shard "$corpus" "$out")
    sbatch --parsable --job-name=imr-merge --dependency="afterok:$array" --cpus-per-task=1 --mem=4G --time=01:00:00 \
      --output="$out/logs/merge.log" --export=ALL,IMR_CHECK="$imr" "$0" merge "$out"
    ;;
  shard)
    corpus=${2:?CORPUS}; out=${3:?OUT}
    part="$out/part-$(printf %05d "${SLURM_ARRAY_TASK_ID:?not in a Slurm array job}").jsonl"
    # Written under a temporary name and moved when complete, so a retried task never leaves half a shard.
    # Exit 1 (some letters unreadable, each named in the log) still leaves a complete shard.
    status=0
    "$imr" audit "$corpus" --format jsonl --shard auto --jobs "${SLURM_CPUS_PER_TASK:-2}" > "$part.tmp" || status=$?
    [ "$status" -le 1 ] || exit "$status"
    mv "$part.tmp" "$part"
    ;;
  merge)
    out=${2:?OUT}
    "$imr" audit --summary-from "$out"/part-*.jsonl --format json > "$out/summary.json"
    "$imr" audit --summary-from "$out"/part-*.jsonl --format csv > "$out/summary.csv"
    "$imr" audit --summary-from "$out"/part-*.jsonl --format html --output "$out/report.html"
    ;;
  *) echo "slurm-audit.sh: unknown mode '$mode'" >&2; exit 2 ;;
esac
