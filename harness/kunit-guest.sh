#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-guest.sh KERNEL CPUS MEMORY [KERNEL-ARG...]
#
# Run the KUnit suites on build/out-KERNEL, a kernel with the suites as
# harness/configs/kunit-guest.config builds them: e2e (make kernel: LPAE,
# highmem) or e2e-debug (make debug-kernel: lockdep, KASAN, kmemleak and
# DMA API debugging).  It boots on QEMU virt with CPUS CPUs, MEMORY MiB,
# a virtio-iommu and two edu DMA engines.  The built-in suites run at
# boot; then the project's guest program (init) loads virtio-iommu and
# the virtio-iommu suite's module, whose suite runs as it loads.
# KERNEL-ARGs go on the kernel command line (kunit.filter_glob=, or
# e2e.kmemleak= to have kmemleak scan at the end).  kunit.py parses each
# of the two KTAP streams.  Fails on a failed test, on a skipped one that
# harness/kunit-skip.allow does not allow, on a stream missing, and on
# any lockdep, KASAN, kmemleak, DMA API debug or other kernel warning;
# on a kernel with CONFIG_DMA_API_DEBUG, unless the guest reports no
# DMA API debugging error at the end and debugging still on.  Prints the
# micro-benchmarks' figures after the summaries.  With KUNIT_MODULE=none
# the guest loads no suite module: one KTAP stream, of the built-in
# suites the filter leaves (the micro-benchmarks alone, say); the
# Makefile sets KUNIT_MODULE for every run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 3 ] || die "usage: kunit-guest.sh KERNEL CPUS MEMORY [KERNEL-ARG...]"
kernel=$1 cpus=$2 mem=$3
shift 3
img=$BUILD/out-$kernel/arch/arm/boot/zImage
initrd=$BUILD/guest/initramfs-$kernel.cpio
kunit_ko=/lib/modules/dma-mapping_virtio_kunit.ko
streams=2
case ${KUNIT_MODULE:-} in
none) kunit_ko= streams=1 ;;
'') ;;
*) die "KUNIT_MODULE=$KUNIT_MODULE: only none, or empty for $kunit_ko" ;;
esac
log=$OUT/kunit/$kernel.log
mkdir -p "$OUT/kunit"
if [ "$kernel" = e2e ]; then initrd=$BUILD/guest/initramfs.cpio; fi
[ -f "$img" ] && [ -f "$initrd" ] || die "$kernel: no kernel or guest"
cd "$KSRC"

set +e
timeout 900 qemu-system-arm -M virt,highmem=off -cpu cortex-a15 -m "$mem" -smp "$cpus" \
	-nographic -no-reboot -nic none \
	-device virtio-iommu-pci -device edu -device edu \
	-kernel "$img" -initrd "$initrd" \
	-append "console=ttyAMA0 panic=-1 deferred_probe_timeout=30 e2e.insmod=/lib/modules/virtio-iommu.ko ${kunit_ko:+e2e.kunit=$kunit_ko} sysctl.kernel.hung_task_timeout_secs=20 $*" \
	< /dev/null > "$log.raw" 2> "$log.qemu"
qrc=$?
# QEMU's own messages (the IOMMU faults the virtio-iommu suite causes)
# stay out of the kernel's log
grep -v '^qemu-system-[a-z0-9_]*: virtio_iommu' "$log.qemu" >&2 || true
set -e

rc=0
[ $qrc = 0 ] || { msg "$kernel: QEMU exit $qrc"; rc=1; }
# Two KTAP streams: the built-in suites at boot, then the module's.  Each
# starts with a "KTAP version" line at the top level; kunit.py parses one.
rm -f "$log".ktap*
# The console's lines end in CR LF.
awk -v out="$log.ktap" '{ sub(/\r$/, "") }
	/^(\[[^]]*\] )?KTAP version [0-9]+$/ { n++ }
	n { print > (out n) }' "$log.raw"
: > "$log"
for ((part = 1; part <= streams; part++)); do
	if [ ! -f "$log.ktap$part" ]; then
		msg "$kernel: KTAP stream $part missing (1: built-in suites${kunit_ko:+, 2: $kunit_ko})"
		rc=1
		continue
	fi
	# not under set -e: a failed stream must not hide what follows
	if ! python3 tools/testing/kunit/kunit.py parse "$log.ktap$part" | tee -a "$log"; then
		rc=1
	fi
done
[ ! -f "$log.ktap$((streams + 1))" ] || { msg "$kernel: more than $streams KTAP stream(s)"; rc=1; }
kunit_skips "$log.raw" || rc=1
[ -z "$kunit_ko" ] || grep -q "^E2E kunit $kunit_ko loaded" "$log.raw" ||
	{ msg "$kernel: the guest did not load $kunit_ko"; rc=1; }
grep -q '^E2E end failures=0' "$log.raw" ||
	{ msg "$kernel: the guest did not finish, or a step of it failed: $(grep '^E2E end' "$log.raw" || true)"; rc=1; }
# DMA API debugging warns of its first error only, and turns itself off
# when out of memory: the guest says at the end how it went
if grep -q '^CONFIG_DMA_API_DEBUG=y' "$BUILD/out-$kernel/.config"; then
	dma_api=$(sed -n 's/\r$//; /^E2E dma-api /p' "$log.raw")
	[ "$dma_api" = "E2E dma-api errors=0 disabled=N" ] ||
		{ msg "$kernel: DMA API debugging: not \"errors=0 disabled=N\" at the end: ${dma_api:-no report}"; rc=1; }
fi
reports=$(grep -E 'WARNING:|BUG:|Oops|INFO: task|soft lockup|possible (recursive|circular)|inconsistent lock state|DEADLOCK|KASAN|unreferenced object|DMA-API: .*(device driver|exceeded|out of memory|ENOMEM|sg segment|cpu touching)|E2E kmemleak-error|suspicious RCU' "$log.raw" || true)
if [ -n "$reports" ]; then
	msg "$kernel: kernel reports:"
	printf '%s\n' "$reports" | head -40 >&2
	rc=1
else
	msg "$kernel: no kernel reports (WARNING, BUG, Oops, hung task, soft lockup, and where the kernel has them lockdep, KASAN, kmemleak, DMA-API debug)"
fi
# kunit.py shows no diagnostic lines of passing tests: print the figures
# of the micro-benchmarks from the raw log
{ grep -h 'bench: ' "$log.raw" | grep -v ' pass:[0-9]' || true; } | sed -e 's/\r$//' -e 's/^\[[^]]*\] *//' -e 's/^ *# */kunit: /' | tee -a "$log"
exit $rc
