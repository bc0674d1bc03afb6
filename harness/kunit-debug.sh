#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-debug.sh NAME KUNITCONFIG-DIR
#
# The hardening run of a KUnit configuration: build it with kunit.py plus
# harness/configs/debug.config (lockdep, KASAN, kmemleak, DMA API
# debugging), kunit-debug.config (SMP, the guest program as init) and the
# virtio-iommu suite in build/kunit-NAME, and boot it on QEMU virt with
# 2 CPUs, a virtio-iommu and two edu DMA engines (two IOMMU drivers in one
# system: the test IOMMU and virtio-iommu), with the project's guest
# program as init, which has kmemleak scan once the suites ran and prints
# its report; kunit.py parses the results.  Fails on a failed test, a
# skipped one harness/kunit-skip.allow does not allow, and any lockdep,
# KASAN, kmemleak, DMA API debug or other kernel warning in the log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1 cfg=$2
bd=$BUILD/kunit-$name
log=$OUT/kunit/$name.log
mkdir -p "$OUT/kunit"
kunit_py build "$name" --kunitconfig="$cfg" \
	--kunitconfig="$TOP/harness/configs/debug.config" \
	--kunitconfig="$TOP/harness/configs/kunit-debug.config" \
	--kunitconfig=tools/testing/kunit/configs/arm_virtio_iommu.config \
	--qemu_config=tools/testing/kunit/qemu_configs/arm_virtio_iommu.py \
	> "$log.build" 2>&1 ||
	{ grep -v 'warning: -z norelro ignored' "$log.build" | tail -30; die "$name: build failed"; }
cd "$KSRC"

set +e
timeout 900 qemu-system-arm -M virt,highmem=off -cpu cortex-a15 -m 512 -smp 2 \
	-nographic -no-reboot -nic none \
	-device virtio-iommu-pci -device edu -device edu \
	-kernel "$bd/arch/arm/boot/zImage" \
	-initrd "$BUILD/guest/initramfs.cpio" \
	-append "console=ttyAMA0 panic=-1 deferred_probe_timeout=30 e2e.kmemleak=6" \
	< /dev/null > "$log.raw" 2> "$log.qemu"
qrc=$?
# QEMU's own messages (the IOMMU faults the virtio-iommu suite causes)
# stay out of the kernel's log
grep -v '^qemu-system-[a-z0-9_]*: virtio_iommu' "$log.qemu" >&2 || true
python3 tools/testing/kunit/kunit.py parse "$log.raw" | tee "$log"
prc=${PIPESTATUS[0]}
set -e

rc=0
[ $qrc = 0 ] || { msg "$name: QEMU exit $qrc"; rc=1; }
[ $prc = 0 ] || rc=1
kunit_skips "$log.raw" || rc=1
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
