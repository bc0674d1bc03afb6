#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest.sh [KERNEL]
#
# Build the end-to-end guest: a static /init and its initramfs, with the
# virtio-iommu module of build/out-KERNEL (default e2e), and the KUnit
# module of the virtio-iommu suite where that kernel builds one, in
# build/guest/initramfs.cpio, or initramfs-KERNEL.cpio for another kernel.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:-e2e}
cpio=initramfs.cpio
[ "$kernel" = e2e ] || cpio=initramfs-$kernel.cpio

G=$BUILD/guest
mkdir -p "$G"
if [ ! -x "$G/gen_init_cpio" ] || [ "$KSRC/usr/gen_init_cpio.c" -nt "$G/gen_init_cpio" ]; then
	gcc -O2 -o "$G/gen_init_cpio" "$KSRC/usr/gen_init_cpio.c"
fi
if [ ! -x "$G/init" ] || [ "$TOP/harness/guest/init.c" -nt "$G/init" ]; then
	$GUEST_CC -static -O2 -Wall -Wextra -Werror -o "$G/init" "$TOP/harness/guest/init.c"
fi
# dma_map_benchmark from the kernel's selftests; its one kernel header is
# copied so that the libc's UAPI headers serve the rest
bench_src=$KSRC/tools/testing/selftests/dma/dma_map_benchmark.c
if [ ! -x "$G/dma_map_benchmark" ] || [ "$bench_src" -nt "$G/dma_map_benchmark" ]; then
	mkdir -p "$G/include/linux"
	cp "$KSRC/include/linux/map_benchmark.h" "$G/include/linux/"
	$GUEST_CC -static -O2 -Wall -I"$G/include" -o "$G/dma_map_benchmark" "$bench_src"
fi
# virtio-iommu as a module, loaded by the guest (e2e.insmod=)
ko=$BUILD/out-$kernel/drivers/iommu/virtio-iommu.ko
[ -f "$ko" ] || die "guest: $ko not built (run: make kernel)"
sed -e "s|@INIT@|$G/init|" -e "s|@BENCH@|$G/dma_map_benchmark|" -e "s|@VIOMMU@|$ko|" \
	"$TOP/harness/guest/initramfs.list" > "$G/initramfs.list"
# the virtio-iommu KUnit suite as a module, loaded by the guest (e2e.kunit=)
kunit_ko=$BUILD/out-$kernel/arch/arm/mm/dma-mapping_virtio_kunit.ko
if [ -f "$kunit_ko" ]; then
	printf 'file /lib/modules/%s %s 0644 0 0\n' "${kunit_ko##*/}" "$kunit_ko" \
		>> "$G/initramfs.list"
fi
"$G/gen_init_cpio" "$G/initramfs.list" > "$G/$cpio.new"
if cmp -s "$G/$cpio.new" "$G/$cpio"; then
	rm "$G/$cpio.new"
else
	mv "$G/$cpio.new" "$G/$cpio"
fi
