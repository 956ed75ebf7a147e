#!/usr/bin/env bash
# The monthly report upward, from one store, in every format at once.
#
#   examples/monthly-report.sh STORE MONTH OUTDIR [--quiet]
#
# writes into OUTDIR (created if missing) the report of the year up to the
# end of MONTH, with last year beside it and the outlook (--compare
# --forecast), and the breakdown of the new members by category, each as a
# table (.txt), CSV, an Excel workbook, a web page and JSON:
#
#   report-2026-06.txt  .csv  .xlsx  .html  .json
#   breakdown-2026-06.txt  .csv  .xlsx  .html  .json
#
# MONTH is 2026-06 or 06/2026; the file names always use 2026-06. Files of
# the same month are overwritten.
#
# Environment: QUOTA is the quota binary (default: `quota` on PATH);
# QUOTA_LANG=vi (or en) sets the language of the table, workbook and page;
# COLUMNS the width of the .txt tables (80 when unset, as under cron).
# --quiet prints nothing on success, which is what cron wants: cron mails
# whatever a job prints. The first command that fails stops the script with
# quota's own message on stderr and a non-zero exit status.
#
# In crontab (`crontab -e`), on the 1st of each month at 06:00, for the
# month before (% must be written \% in a crontab line):
#
#   0 6 1 * * QUOTA=$HOME/.cargo/bin/quota $HOME/bin/monthly-report.sh $HOME/quota/quota.toml "$(date -d 'last month' +\%Y-\%m)" $HOME/quota/reports --quiet
#
# Cron's PATH is short (/usr/bin:/bin), hence QUOTA with the full path of
# the binary. `date -d` is GNU date; on BSD or macOS use
# `date -v-1m +\%Y-\%m`.

set -euo pipefail

usage() {
    echo "usage: ${0##*/} STORE MONTH OUTDIR [--quiet]"
    echo "  writes MONTH's report and breakdown (txt, csv, xlsx, html, json) into OUTDIR;"
    echo "  MONTH is 2026-06 or 06/2026; the quota binary is \$QUOTA, else quota on PATH."
}
bad_usage() {
    usage >&2
    exit 2
}

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    usage
    exit 0
fi
quiet=()
case $# in
3) ;;
4) [[ $4 == --quiet || $4 == -q ]] || bad_usage; quiet=(--quiet) ;;
*) bad_usage ;;
esac
store=$1 month=$2 outdir=$3
[[ -n $store && -n $month && -n $outdir ]] || bad_usage

quota=${QUOTA:-quota}
lang=()
if [[ -n ${QUOTA_LANG:-} ]]; then
    lang=(--lang "$QUOTA_LANG")
fi

# The month as YYYY-MM for the file names. A month in another shape is
# passed on as it is, for quota to reject with its own message.
if [[ $month =~ ^[[:space:]]*([0-9]{4})-([0-9]{2})[[:space:]]*$ ]]; then
    stamp="${BASH_REMATCH[1]}-${BASH_REMATCH[2]}"
elif [[ $month =~ ^[[:space:]]*([0-9]{1,2})/([0-9]{4})[[:space:]]*$ ]]; then
    printf -v stamp '%s-%02d' "${BASH_REMATCH[2]}" "$((10#${BASH_REMATCH[1]}))"
else
    stamp=${month//\//-}
fi

mkdir -p -- "$outdir"

# --color never: colour is decided by whether stdout is a terminal, even
# when the table goes to a file, and escape codes do not belong in a .txt.
q() {
    "$quota" --store "$store" --color never ${lang[@]+"${lang[@]}"} ${quiet[@]+"${quiet[@]}"} "$@"
}

for format in table csv xlsx html json; do
    ext=$format
    [[ $format == table ]] && ext=txt
    q report --month "$month" --compare --forecast \
        --format "$format" --output "$outdir/report-$stamp.$ext"
done
for format in table csv xlsx html json; do
    ext=$format
    [[ $format == table ]] && ext=txt
    q breakdown --month "$month" \
        --format "$format" --output "$outdir/breakdown-$stamp.$ext"
done
