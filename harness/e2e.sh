#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# e2e.sh [NAME [KERNEL-APPEND]]
#
# Boot the end-to-end kernel on QEMU virt, behind a virtio-iommu, and on
# vexpress-a15 without one; print the report of each.  Non-zero exit when
# any check of either boot fails.  NAME names the run (out/e2e/NAME-*),
# KERNEL-APPEND is added to the kernel command line of the virt boot.
# E2E_EXPECT_DOMAINS (shared, per-endpoint, any) is what the virt boot must
# show; E2E_VEXPRESS=0 skips the vexpress boot.  E2E_KERNEL names the
# kernel (build/out-E2E_KERNEL, default e2e), E2E_SMP its CPUs on virt
# (default 2) and E2E_TIMEOUT the seconds a boot may take (default 300).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

name=${1:-default}
append=${2:-}
expect=${E2E_EXPECT_DOMAINS:-shared}
kernel=${E2E_KERNEL:-e2e}
O=$BUILD/out-$kernel
img=$O/arch/arm/boot/zImage
initrd=$BUILD/guest/initramfs.cpio
[ "$kernel" = e2e ] || initrd=$BUILD/guest/initramfs-$kernel.cpio
rc=0
# virtio-iommu is a module: the guest loads it after boot, the endpoints
# bind then, and it tries to unload it at the end.  The deferred probe
# timeout leaves the guest time to load it.
MODULE="e2e.insmod=/lib/modules/virtio-iommu.ko e2e.rmmod=virtio_iommu deferred_probe_timeout=60"
# After the I/O, the virtio-blk endpoint is removed and found again by a
# rescan, and at the end the IOMMU's driver is unbound under its bound
# endpoints and bound again; both redo the block I/O.
REPLUG="e2e.replug=0000:00:04.0 e2e.unbind=virtio_iommu"
# An edu next to the disks is handed to vfio-pci: no default mapping for
# it, and VFIO takes its IOMMU group over for a DMA of its own.
VFIO=0000:00:05.0

python3 "$TOP/harness/e2e.py" --name "$name" --machine virt \
	--kernel "$img" --initrd "$initrd" --outdir "$OUT/e2e/$name-virt" \
	--disks nvme,nvme,virtio-blk --expect-domains "$expect" --vfio $VFIO \
	--smp "${E2E_SMP:-2}" --timeout "${E2E_TIMEOUT:-300}" \
	--append "$MODULE $REPLUG $append" \
	--cat /sys/kernel/debug/arm_iommu_mappings,/proc/interrupts || rc=1
[ "${E2E_VEXPRESS:-1}" = 1 ] || exit $rc
echo
python3 "$TOP/harness/e2e.py" --name "$name" --machine vexpress-a15 \
	--dtb "$O/arch/arm/boot/dts/arm/vexpress-v2p-ca15-tc1.dtb" \
	--kernel "$img" --initrd "$initrd" --outdir "$OUT/e2e/$name-vexpress" \
	--disks virtio-blk || rc=1
exit $rc
