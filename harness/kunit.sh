#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh NAME KUNITCONFIG-DIR [kunit.py options...]
#
# Build and run KUnit suites for ARM under QEMU with tools/testing/kunit/
# kunit.py, in build/kunit-NAME.  kunit.py prints the summary line with the
# count of tests run; its exit status is ours.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 cfg=$2
shift 2
mkdir -p "$OUT/kunit"
set +e
kunit_py run "$name" --kunitconfig="$cfg" --timeout=300 "$@" 2>&1 |
	grep -v 'warning: -z norelro ignored' | tee "$OUT/kunit/$name.log"
rc=${PIPESTATUS[0]}
# kunit.py shows no diagnostic lines of passing tests: print the figures
# of the micro-benchmarks from the raw log it keeps
grep -h 'bench: ' "$BUILD/kunit-$name/test.log" 2>/dev/null |
	sed 's/^ *# */kunit: /' | tee -a "$OUT/kunit/$name.log"
exit $rc
