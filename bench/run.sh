#!/usr/bin/env bash
# Benchmarks `quota` on generated data at one or more scales, beside
# hledger's and ledger's budget reports on the same data and the bare JSON
# parse floor. See BENCHMARKS.md for what each row measures and the targets.
#
#   bash bench/run.sh [--runs N] [--warmup N] [--mem-runs N] [--keep] [SCALE...]
#
# SCALE is district, province or national (default: district province;
# national is opt-in, as it takes long). Installs hyperfine, hledger,
# ledger, GNU time and jq with apt-get when they are missing, builds the
# release binaries, generates the data into a temporary folder, checks that
# quota, hledger and ledger show the same figures, then times every row and
# writes bench/results-SCALE.md (the table) and bench/results-SCALE.json
# (hyperfine's exports with the peak memory).
set -euo pipefail

usage() {
    sed -n '6p' "$0" | sed 's/^# */usage: /' >&2
    exit 2
}

runs=""
warmup=""
mem_runs=3
keep=0
scales=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --warmup) warmup="${2:?--warmup needs a number}"; shift 2 ;;
        --mem-runs) mem_runs="${2:?--mem-runs needs a number}"; shift 2 ;;
        --keep) keep=1; shift ;;
        district|province|national) scales+=("$1"); shift ;;
        -h|--help) usage ;;
        *) echo "bench: unknown argument '$1'" >&2; usage ;;
    esac
done
[ ${#scales[@]} -gt 0 ] || scales=(district province)

cd "$(dirname "$0")/.."
repo=$(pwd)

# --- Tools -----------------------------------------------------------------

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v hledger >/dev/null || missing+=(hledger)
command -v ledger >/dev/null || missing+=(ledger)
command -v jq >/dev/null || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
        echo "bench: ${missing[*]} missing, and no apt-get to install them with; install them and run again" >&2
        exit 1
    fi
    echo "bench: installing ${missing[*]} with apt-get" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# hledger reads its files in the locale's encoding: make it UTF-8. The
# rest pins everything that could change quota's output or a tool's input.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 COLUMNS=120
export QUOTA_TODAY=2025-01-15
unset QUOTA_STORE QUOTA_LOCK_TIMEOUT LEDGER_FILE LEDGER 2>/dev/null || true

# --- Build -----------------------------------------------------------------

cargo build --release --locked --examples --bins
target=$(cargo metadata --no-deps --format-version 1 | jq -r .target_directory)
quota="$target/release/quota"
generate="$target/release/examples/generate"
floor="$target/release/examples/floor"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quota-bench.XXXXXX")
if [ "$keep" -eq 1 ]; then
    echo "bench: data kept in $tmp" >&2
else
    trap 'rm -rf "$tmp"' EXIT
fi

# Puts a fresh copy of a store where a writer will change it, with nothing
# beside it: every timed write starts from the same state.
cat >"$tmp/reset.sh" <<'EOF'
set -e
rm -f "$2" "$2.bak" "$2.history" "$2.lock"
cp "$1" "$2"
chmod 600 "$2"
EOF

# One argument per word, quoted for both eval and hyperfine's own
# splitting (--shell=none), so that an argument may hold spaces.
quote() {
    local out="" a
    for a in "$@"; do
        if [[ "$a" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
            out+="$a "
        else
            out+="'${a//\'/\'\\\'\'}' "
        fi
    done
    printf '%s' "${out% }"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

fail() {
    echo "bench: FAILED: $*" >&2
    exit 1
}

# --- The figures must agree -----------------------------------------------

# Compares quota's 2024 report with hledger's and ledger's budget reports
# and balances on the same data: every organisation's admitted count
# (rolled up) and every quota (budget goal). Fails loudly on any difference.
check_totals() {
    local dir=$1 c="$1/check"
    mkdir -p "$c"
    "$quota" --store "$dir/store.toml" report --year 2024 --format json >"$c/quota.json"
    "$quota" --store "$dir/store.json" report --year 2024 --format json >"$c/quota-from-json.json"
    cmp -s "$c/quota.json" "$c/quota-from-json.json" ||
        fail "quota's report differs between the TOML and the JSON store"
    local root
    root=$(jq -r '.rows[] | select(.depth == 0) | .id' "$c/quota.json")
    # id, admitted, quota ("-" for none)
    jq -r '.rows[] | [.id, .admitted, (.quota // "-")] | @tsv' "$c/quota.json" | sort >"$c/quota.tsv"
    awk -F'\t' '$3 != "-"' "$c/quota.tsv" >"$c/quota-goals.tsv"

    # Budget reports: one row per organisation with a goal.
    hledger -f "$dir/journal.ledger" balance --budget -p 2024 -O csv |
        awk -F'","' -v root="$root" '
            { gsub(/^"|"$/, ""); a = $1 }
            a == root || index(a, root ":") == 1 {
                n = split(a, part, ":"); act = $2; goal = $3
                gsub(/[^0-9-]/, "", act); gsub(/[^0-9-]/, "", goal)
                print part[n] "\t" (act == "" ? 0 : act) "\t" (goal == "" ? "-" : goal)
            }' | sort >"$c/hledger-goals.tsv"
    ledger --args-only -f "$dir/journal.ledger" budget -p 2024 --flat \
        --budget-format '%(account)\t%(quantity(scrub(get_at(display_total, 0))))\t%(-quantity(scrub(get_at(display_total, 1))))\n' |
        awk -F'\t' -v root="$root" '
            $1 == root || index($1, root ":") == 1 {
                n = split($1, part, ":"); print part[n] "\t" $2 "\t" $3
            }' | sort >"$c/ledger-goals.tsv"
    local tool
    for tool in hledger ledger; do
        diff "$c/quota-goals.tsv" "$c/$tool-goals.tsv" >"$c/$tool-goals.diff" ||
            fail "$tool's budget report differs from quota's report (< quota, > $tool: id, admitted, quota):
$(head -20 "$c/$tool-goals.diff")"
    done

    # Balances: every organisation, cells included. hledger's tree lists
    # every account with its subaccounts' amounts; ledger's flat list has
    # each account that has postings of its own, amounts included its
    # subaccounts', and the budget rows above cover the others.
    hledger -f "$dir/journal.ledger" balance -p 2024 --tree -O csv "^$root(:|\$)" |
        awk -F'","' '
            NR > 1 { gsub(/^"|"$/, ""); n = split($1, part, ":"); v = $2
                     gsub(/[^0-9-]/, "", v); if ($1 != "total") print part[n] "\t" v }' |
        sort >"$c/hledger-bal.tsv"
    ledger --args-only -f "$dir/journal.ledger" balance -p 2024 --flat "^$root" \
        --format '%(account)\t%(quantity(scrub(display_total)))\n' |
        awk -F'\t' -v root="$root" '
            $1 == root || index($1, root ":") == 1 { n = split($1, part, ":"); print part[n] "\t" $2 }' |
        sort >"$c/ledger-bal.tsv"
    cut -f1,2 "$c/ledger-goals.tsv" >>"$c/ledger-bal.tsv"
    local bad
    for tool in hledger ledger; do
        # Every org quota counts must have that figure in the tool (0 when
        # the tool does not list it); every figure the tool lists must be
        # quota's.
        bad=$(awk -F'\t' -v tool="$tool" '
            FNR == NR { if (($1 in got) && got[$1] != $2) print $1 ": " tool " shows both " got[$1] " and " $2
                        got[$1] = $2; next }
            { want[$1] = $2
              have = ($1 in got) ? got[$1] : 0
              if (have != $2) print $1 ": quota " $2 ", " tool " " have }
            END { for (a in got) if (!(a in want)) print a ": not an organisation, " tool " " got[a] }
        ' "$c/$tool-bal.tsv" <(cut -f1,2 "$c/quota.tsv"))
        [ -z "$bad" ] || fail "$tool's balances differ from quota's admitted counts:
$(echo "$bad" | head -20)"
    done

    local line
    line=$(awk -F'\t' -v root="$root" '$1 == root' "$c/quota-goals.tsv")
    [ -n "$line" ] || fail "no quota on the root organisation $root"
    echo "bench: figures agree: $(wc -l <"$c/quota-goals.tsv") budget rows and $(wc -l <"$c/quota.tsv") organisations; root $root admitted $(cut -f2 <<<"$line") of $(cut -f3 <<<"$line") in quota, hledger and ledger" >&2
}

# --- Timing ----------------------------------------------------------------

# bench_row SCALE DIR NAME KIND PREPARE COMMAND...
#   KIND: report (compared with hledger, ledger and the floor), write,
#   other. PREPARE is a quoted command run before each run, or "".
rows_file=""
bench_row() {
    local scale=$1 dir=$2 name=$3 kind=$4 prepare=$5
    shift 5
    local cmd n=$(( $(wc -l <"$rows_file") + 1 ))
    cmd=$(quote "$@")
    local export="$dir/out/$n.json"
    local args=(--shell=none --output=pipe --style basic --runs "$r" --warmup "$w"
        --export-json "$export" --command-name "$name")
    [ -z "$prepare" ] || args+=(--prepare "$prepare")
    echo "bench: [$scale] $name" >&2
    hyperfine "${args[@]}" "$cmd" >&2
    local k mem=()
    for ((k = 0; k < mem_runs; k++)); do
        [ -z "$prepare" ] || eval "$prepare"
        eval "/usr/bin/time -v -o $(quote "$dir/out/time") $cmd" >/dev/null
        mem+=("$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$dir/out/time")")
    done
    local kb
    kb=$(printf '%s\n' "${mem[@]}" | median)
    local median_s
    median_s=$(jq '.results[0].median' "$export")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$kind" "$median_s" "$kb" "$n" "$cmd" >>"$rows_file"
}

run_scale() {
    local scale=$1
    local dir="$tmp/$scale"
    mkdir -p "$dir/out" "$dir/work"
    echo "bench: generating the $scale data" >&2
    "$generate" --scale "$scale" --dir "$dir/data"
    chmod 600 "$dir/data"/*.toml "$dir/data"/*.json
    check_totals "$dir/data"

    r=${runs:-$([ "$scale" = national ] && echo 3 || echo 10)}
    w=${warmup:-$([ "$scale" = national ] && echo 1 || echo 2)}
    rows_file="$dir/rows.tsv"
    : >"$rows_file"
    local d="$dir/data" wk="$dir/work"
    local reset
    reset="bash $(quote "$tmp/reset.sh")"

    local fmt
    for fmt in toml json; do
        local F=${fmt^^}
        bench_row "$scale" "$dir" "report table ($F)" report "" \
            "$quota" --store "$d/store.$fmt" report --year 2024
        bench_row "$scale" "$dir" "report json ($F)" report "" \
            "$quota" --store "$d/store.$fmt" report --year 2024 --format json
    done
    bench_row "$scale" "$dir" "hledger budget" tool "" \
        hledger -f "$d/journal.ledger" balance --budget -p 2024
    bench_row "$scale" "$dir" "ledger budget" tool "" \
        ledger --args-only -f "$d/journal.ledger" budget -p 2024
    bench_row "$scale" "$dir" "floor: parse JSON store" floor "" \
        "$floor" "$d/store.json"
    for fmt in toml json; do
        local F=${fmt^^}
        bench_row "$scale" "$dir" "admit one ($F)" write "$reset $(quote "$d/store.$fmt" "$wk/admit.$fmt")" \
            "$quota" --store "$wk/admit.$fmt" admit xa-0-cb-0 --date 2024-12-02 \
            --name "Nguyễn Thị Lan" --sex female --born 1999-05-19 --ethnicity Kinh \
            --youth-union --decision "9999-QĐ/ĐU"
        bench_row "$scale" "$dir" "import admissions ($F)" write "$reset $(quote "$d/orgs-only.$fmt" "$wk/import.$fmt")" \
            "$quota" --store "$wk/import.$fmt" import "$d/admissions.csv"
    done
    bench_row "$scale" "$dir" "quota --version" other "" "$quota" --version

    write_table "$scale" "$dir"
}

# --- The table -------------------------------------------------------------

write_table() {
    local scale=$1 dir=$2 d="$2/data"
    local md="$repo/bench/results-$scale.md" json="$repo/bench/results-$scale.json"
    local size_toml size_json
    size_toml=$(stat -c %s "$d/store.toml")
    size_json=$(stat -c %s "$d/store.json")
    local counts
    counts=$(jq -r '"\(.orgs | length) organisations, \(.quotas | length) quotas, \(.admissions | length) admission records"' "$d/store.json")
    {
        echo "## $scale: $counts"
        echo
        echo "$(date -u '+%Y-%m-%d %H:%M UTC'), quota $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'); $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); $r runs after $w warm-up (peak memory: median of $mem_runs)."
        echo "Store files: TOML $(awk -v b="$size_toml" 'BEGIN { printf "%.1f", b / 1048576 }') MB, JSON $(awk -v b="$size_json" 'BEGIN { printf "%.1f", b / 1048576 }') MB; journal $(awk -v b="$(stat -c %s "$d/journal.ledger")" 'BEGIN { printf "%.1f", b / 1048576 }') MB. $(hyperfine --version), $(hledger --version | cut -d, -f1), $(ledger --version | head -1 | cut -d, -f1)."
        echo
        echo "| command | median ms | peak MB | hledger ÷ this | ledger ÷ this | this ÷ floor | peak ÷ store |"
        echo "|---|---:|---:|---:|---:|---:|---:|"
        awk -F'\t' -v toml="$size_toml" -v json="$size_json" '
            { name[NR] = $1; kind[NR] = $2; t[NR] = $3; kb[NR] = $4
              if ($1 == "hledger budget") h = $3
              if ($1 == "ledger budget") l = $3
              if ($2 == "floor") f = $3 }
            function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.2f×", a / b) : "" }
            END {
                for (i = 1; i <= NR; i++) {
                    hr = lr = fr = mr = ""
                    if (kind[i] == "report") { hr = ratio(h, t[i]); lr = ratio(l, t[i]) }
                    if (kind[i] == "report" || name[i] ~ /^admit/) fr = ratio(t[i], f)
                    if (kind[i] == "report" || kind[i] == "write")
                        mr = ratio(kb[i] * 1024, name[i] ~ /TOML/ ? toml : json)
                    printf "| %s | %.1f | %.1f | %s | %s | %s | %s |\n", name[i], t[i] * 1000, kb[i] / 1024, hr, lr, fr, mr
                }
            }' "$dir/rows.tsv"
        echo
        echo "<details><summary>Commands</summary>"
        echo
        awk -F'\t' '{ printf "- %s: `%s`\n", $1, $6 }' "$dir/rows.tsv" | sed "s|$tmp/[a-z]*/||g; s|$target/release/examples/||g; s|$target/release/||g"
        echo
        echo "</details>"
        targets "$scale" "$size_toml" "$size_json" <"$dir/rows.tsv"
    } >"$md"
    # hyperfine's exports, one per row, with the peak memory added.
    local kb n
    while IFS=$'\t' read -r _ _ _ kb n _; do
        jq --argjson kb "$kb" '.results[0] + {peak_rss_kb: $kb}' "$dir/out/$n.json"
    done <"$dir/rows.tsv" | jq -s --arg scale "$scale" '{scale: $scale, results: .}' >"$json"
    echo >&2
    cat "$md"
    echo
    echo "bench: written $md and $json" >&2
}

# The targets of BENCHMARKS.md that apply at SCALE, each met or missed,
# from the rows on stdin.
targets() {
    echo
    echo "Targets (BENCHMARKS.md):"
    echo
    awk -F'\t' -v scale="$1" -v toml="$2" -v json="$3" '
        { t[$1] = $3 * 1000; kb[$1] = $4; if ($2 == "floor") floor = $3 * 1000 }
        function at_most(what, value, limit, unit) {
            printf "- %s: %s %.2f%s, target ≤ %s%s\n", (value <= limit ? "met" : "MISSED"), what, value, unit, limit, unit
        }
        function at_least(what, value, limit, unit) {
            printf "- %s: %s %.2f%s, target ≥ %s%s\n", (value >= limit ? "met" : "MISSED"), what, value, unit, limit, unit
        }
        END {
            split("report table (TOML)|report json (TOML)|report table (JSON)|report json (JSON)", reports, "|")
            if (scale == "province") {
                for (i = 1; i <= 4; i++) {
                    r = reports[i]
                    at_most(r, t[r], 15, " ms")
                    at_least("hledger ÷ " r, t["hledger budget"] / t[r], 50, "×")
                    at_least("ledger ÷ " r, t["ledger budget"] / t[r], 8, "×")
                }
                at_most("admit one (TOML)", t["admit one (TOML)"], 25, " ms")
                at_most("admit one (JSON)", t["admit one (JSON)"], 25, " ms")
            }
            if (scale == "national") {
                at_most("report json (JSON) ÷ floor", t["report json (JSON)"] / floor, 1.2, "×")
                at_most("report table (JSON) ÷ floor", t["report table (JSON)"] / floor, 1.4, "×")
                at_most("report json: TOML ÷ JSON", t["report json (TOML)"] / t["report json (JSON)"], 1.3, "×")
                at_most("report table: TOML ÷ JSON", t["report table (TOML)"] / t["report table (JSON)"], 1.3, "×")
                for (i = 1; i <= 4; i++) {
                    r = reports[i]
                    at_most("peak ÷ store, " r, kb[r] * 1024 / (r ~ /TOML/ ? toml : json), 3, "×")
                }
                split("admit one (TOML)|admit one (JSON)|import admissions (TOML)|import admissions (JSON)", writes, "|")
                for (i = 1; i <= 4; i++) {
                    r = writes[i]
                    at_most(r, t[r] / 1000, r ~ /admit/ ? 1.5 : 4, " s")
                    at_most("peak ÷ store, " r, kb[r] * 1024 / (r ~ /TOML/ ? toml : json), 4, "×")
                }
            }
            at_most("quota --version", t["quota --version"], 5, " ms")
        }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for scale in "${scales[@]}"; do
    run_scale "$scale"
done
