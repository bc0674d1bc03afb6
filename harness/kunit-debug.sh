#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-debug.sh NAME KUNITCONFIG-DIR
#
# The hardening run of a KUnit configuration: build it with kunit.py plus
# harness/configs/kunit-debug.config (lockdep, KASAN, kmemleak, DMA API
# debugging) in build/kunit-NAME, boot it on QEMU virt with the project's
# guest program as init, which has kmemleak scan once the suites ran and
# prints its report, and let kunit.py parse the results.  Fails on a failed
# test and on any lockdep, KASAN, kmemleak, DMA API debug or other kernel
# warning in the log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 cfg=$2
bd=$BUILD/kunit-$name
log=$OUT/kunit/$name.log
mkdir -p "$OUT/kunit"
kunit_py build "$name" --kunitconfig="$cfg" \
	--kunitconfig="$TOP/harness/configs/kunit-debug.config" \
	> "$log.build" 2>&1 ||
	{ grep -v 'warning: -z norelro ignored' "$log.build" | tail -30; die "$name: build failed"; }
cd "$KSRC"

set +e
timeout 900 qemu-system-arm -M virt -cpu cortex-a15 -m 512 -smp 1 \
	-nographic -no-reboot -nic none \
	-kernel "$bd/arch/arm/boot/zImage" \
	-initrd "$BUILD/guest/initramfs.cpio" \
	-append "console=ttyAMA0 panic=-1 deferred_probe_timeout=5 e2e.kmemleak=6 e2e.cat=/sys/kernel/debug/kmemleak" \
	< /dev/null > "$log.raw" 2>&1
qrc=$?
python3 tools/testing/kunit/kunit.py parse "$log.raw" | tee "$log"
prc=${PIPESTATUS[0]}
set -e

rc=0
[ $qrc = 0 ] || { msg "$name: QEMU exit $qrc"; rc=1; }
[ $prc = 0 ] || rc=1
grep -q '^E2E end' "$log.raw" || { msg "$name: the guest did not finish"; rc=1; }
reports=$(grep -E 'WARNING:|BUG:|Oops|possible (recursive|circular)|inconsistent lock state|DEADLOCK|KASAN|unreferenced object|DMA-API: .*(device driver|exceeded|out of memory|sg segment|cpu touching)|E2E kmemleak-error|suspicious RCU' "$log.raw" || true)
if [ -n "$reports" ]; then
	msg "$name: kernel reports:"
	printf '%s\n' "$reports" | head -40 >&2
	rc=1
else
	msg "$name: lockdep, KASAN, kmemleak (scanned after the suites), DMA-API debug: no reports"
fi
exit $rc
