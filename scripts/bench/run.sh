#!/usr/bin/env bash
# Side-by-side benchmark of mentorfolio and Hugo on synthetic journals.
#
#   scripts/bench/run.sh [N ...]        default: 1000 10000
#
# Environment: RUNS (timed runs per measure, default 5; the median is reported),
# BENCH_DIR (where journals and outputs go, default target/bench).
# See docs/performance.md for what is measured and the latest results.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-5}
WORK=${BENCH_DIR:-$ROOT/target/bench}
TODAY=2026-08-28
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi

if [ ! -x /usr/bin/time ]; then
    echo "error: /usr/bin/time is needed for peak memory (Debian/Ubuntu: apt-get install time)" >&2
    exit 2
fi
HUGO=$(command -v hugo || true)
if [ -z "$HUGO" ]; then
    echo "note: hugo is not installed, so only mentorfolio is measured." >&2
    echo "      Debian/Ubuntu: apt-get update && apt-get install -y hugo" >&2
fi

echo "building mentorfolio and the journal generator (release)..." >&2
(cd "$ROOT" && cargo build --release --quiet --bin mentorfolio --example bench_journal --example bench_serve)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
case "$TARGET" in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
BIN=$TARGET/release/mentorfolio
GEN=$TARGET/release/examples/bench_journal
SERVE_BENCH=$TARGET/release/examples/bench_serve
EDITS=${EDITS:-11}
HAS_BUILD=0
if "$BIN" build --help >/dev/null 2>&1; then HAS_BUILD=1; fi

mkdir -p "$WORK"

# The median of the numbers on standard input.
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Outputs are removed only when the script ends: ext4 searches longer for a free inode
# for a while after many files were deleted, which would slow down whichever command runs
# next and favour the other.
trap 'rm -rf "$WORK"/n*/site.run* "$WORK"/n*/hugo-public.run* "$WORK"/n*/copy.run*' EXIT

# measure OUT COMMAND...: one warm-up run, then RUNS timed runs. Each run writes into a
# folder of its own, OUT.runN, put in place of `{out}` in COMMAND ("-" for none).
# Prints "MEDIAN_WALL_SECONDS MEDIAN_CPU_SECONDS MEDIAN_PEAK_RSS_KB"; CPU is user + system
# time, which other load on the machine disturbs far less than wall time.
measure() {
    local out=$1
    shift
    local times=() cpu=() rss=() i start end dest
    sync
    for ((i = 0; i <= RUNS; i++)); do
        dest="$out.run$i"
        local args=("${@//\{out\}/$dest}")
        sync
        start=$(date +%s%N)
        if ! /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "${args[@]}" >"$WORK/stdout" 2>"$WORK/stderr"; then
            echo "error: \`${args[*]}\` failed:" >&2
            tail -n 20 "$WORK/stderr" >&2
            exit 1
        fi
        end=$(date +%s%N)
        if [ "$i" -gt 0 ]; then
            times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')")
            rss+=("$(tail -n 1 "$WORK/rss" | awk '{ print $1 }')")
            cpu+=("$(tail -n 1 "$WORK/rss" | awk '{ printf "%.2f", $2 + $3 }')")
        fi
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${cpu[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# CPU milliseconds per meeting: flat from one size to the next when every stage is linear.
per() { awk -v c="$1" -v n="$2" 'BEGIN { printf "%.3f", c * 1000 / n }'; }

ROWS=()
FLOOR_ROWS=()
SERVE_ROWS=()
for n in "${SIZES[@]}"; do
    dir=$WORK/n$n
    echo "N = $n: generating..." >&2
    "$GEN" "$n" "$dir" >&2
    files=$(find "$dir/journal" -name '*.md' | wc -l)
    bytes=$(du -sb "$dir/journal" | cut -f1)
    summary=$("$BIN" --root "$dir/journal" --today "$TODAY" --color never check 2>/dev/null | tail -n 1) || {
        echo "error: the generated journal does not pass check" >&2
        "$BIN" --root "$dir/journal" --today "$TODAY" check >&2 || true
        exit 1
    }
    echo "  $files Markdown files, $((bytes / 1024 / 1024)) MB; $summary" >&2

    echo "  timing check ($RUNS runs)..." >&2
    read -r t c m < <(measure - "$BIN" --root "$dir/journal" --today "$TODAY" --quiet check)
    ROWS+=("| $n | \`mentorfolio check\` | $t | $c | $(per "$c" "$n") | $(mb "$m") | |")

    hugo_t="" hugo_c="" hugo_m=""
    if [ -n "$HUGO" ]; then
        echo "  timing hugo ($RUNS runs)..." >&2
        read -r hugo_t hugo_c hugo_m < <(measure "$dir/hugo-public" "$HUGO" --source "$dir/hugo" \
            --destination "{out}" --quiet)
    fi
    if [ "$HAS_BUILD" = 1 ]; then
        echo "  timing build ($RUNS runs)..." >&2
        read -r t c m < <(measure "$dir/site" "$BIN" --root "$dir/journal" --today "$TODAY" \
            --quiet build --output-dir "{out}")
        vs=""
        if [ -n "$hugo_t" ]; then
            vs="wall $(ratio "$t" "$hugo_t"), CPU $(ratio "$c" "$hugo_c"), memory $(ratio "$m" "$hugo_m")"
        fi
        ROWS+=("| $n | \`mentorfolio build\` | $t | $c | $(per "$c" "$n") | $(mb "$m") | $vs |")
        # The floor: reading every input file and copying the finished output, the least
        # any generator must do (the first timed build's output is the one copied).
        echo "  timing the floor ($RUNS runs)..." >&2
        read -r read_t _ _ < <(measure - sh -c 'find "$1" -type f -exec cat {} + >/dev/null' - "$dir/journal")
        read -r copy_t _ _ < <(measure "$dir/copy" cp -r "$dir/site.run1" "{out}")
        floor=$(awk -v a="$read_t" -v b="$copy_t" 'BEGIN { printf "%.3f", a + b }')
        FLOOR_ROWS+=("| $n | $read_t | $copy_t | $floor | $t | $(ratio "$t" "$floor") |")
    fi
    if [ "$HAS_BUILD" = 1 ] && "$BIN" serve --help >/dev/null 2>&1; then
        echo "  timing serve, write to reload event ($EDITS edits)..." >&2
        rm -rf "$dir/serve-journal"
        cp -r "$dir/journal" "$dir/serve-journal"
        read -r med fast slow < <("$SERVE_BENCH" "$BIN" "$dir/serve-journal" "$EDITS")
        SERVE_ROWS+=("| $n | $med | $fast | $slow |")
    fi
    if [ -n "$hugo_t" ]; then
        ROWS+=("| $n | \`hugo\` ($("$HUGO" version | awk '{ print $2 }')) | $hugo_t | $hugo_c | $(per "$hugo_c" "$n") | $(mb "$hugo_m") | |")
    fi
done

echo
echo "Median of $RUNS runs on $(nproc) cores; ratios are mentorfolio / Hugo."
if [ "$HAS_BUILD" = 0 ]; then echo "(this mentorfolio has no \`build\` command yet: only \`check\` is measured)"; fi
echo
echo "| N meetings | command | wall time (s) | CPU time (s) | CPU ms / meeting | peak RSS (MB) | mentorfolio / Hugo |"
echo "|---:|---|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
if [ "${#FLOOR_ROWS[@]}" -gt 0 ]; then
    echo
    echo "The floor: reading every journal file plus copying the built site (wall time, s)"
    echo
    echo "| N meetings | read inputs | copy output | floor | \`build\` | build / floor |"
    echo "|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${FLOOR_ROWS[@]}"
fi
if [ "${#SERVE_ROWS[@]}" -gt 0 ]; then
    echo
    echo "\`serve\`: one edit, from writing the file to the reload event (ms, over $EDITS edits)"
    echo
    echo "| N meetings | median | fastest | slowest |"
    echo "|---:|---:|---:|---:|"
    printf '%s\n' "${SERVE_ROWS[@]}"
fi
