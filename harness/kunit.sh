#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh NAME KUNITCONFIG [kunit.py options...]
#
# Build and run KUnit suites for ARM under QEMU with tools/testing/kunit/
# kunit.py, in build/kunit-NAME; kunit.py parse prints the summary with the
# count of tests run, and fails unless every test passed; a skipped test
# fails it too unless harness/kunit-skip.allow allows it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 cfg=$2
shift 2
log=$OUT/kunit/$name.log
mkdir -p "$OUT/kunit"
set +e
kunit_py run "$name" --kunitconfig="$cfg" --timeout=300 --raw_output=all "$@" \
	> "$log.raw" 2>&1
rc=$?
# QEMU reports an IOMMU fault on its stderr, which kunit.py merges into
# the kernel's output at no defined point: drop those lines, then parse.
grep -v -e '^qemu-system-[a-z0-9_]*: ' -e 'warning: -z norelro ignored' "$log.raw" |
	(cd "$KSRC" && python3 tools/testing/kunit/kunit.py parse) | tee "$log"
prc=${PIPESTATUS[1]}
[ $rc = 0 ] || { tail -30 "$log.raw"; msg "$name: kunit.py exit $rc"; }
[ $prc = 0 ] || rc=1
kunit_skips "$log.raw" || rc=1
# kunit.py shows no diagnostic lines of passing tests: print the figures
# of the micro-benchmarks from the raw log
grep -h 'bench: ' "$log.raw" | sed 's/^ *# */kunit: /' | tee -a "$log"
exit $rc
