# SPDX-License-Identifier: GPL-2.0
#
# Project tooling for the ARM DMA/IOMMU series: lay the overlay over the
# pinned Linux base, build, boot and test it.  Never part of the kernel tree.
#
#   make               the main job: build the kernel and boot it on QEMU virt
#                      behind a virtio-iommu and on vexpress-a15, with a report
#   make check         the test command: series lint, KUnit, end-to-end boots,
#                      build checks, series check
#   make bench         dma_map_benchmark: direct ops, shared and isolated mapping
#   make kunit-virtio  the KUnit suite on virtio-iommu with two edu DMA engines
#   make kunit-debug   the KUnit suites with lockdep, KASAN, kmemleak and
#                      DMA API debugging on
#   make series        out/series/: the patch series (git format-patch)
#   make series-check  git am, checkpatch --strict, kernel-doc and a build of
#                      every step of the series on a pristine base
#   make pin-base      record the checksums of base files new to the overlay

SHELL := /bin/bash
H := harness

.PHONY: all deps prepare kernel guest e2e check lint kunit kunit-virtio kunit-debug \
	bench buildcheck \
	series series-check pin-base clean

all: e2e

deps:
	@bash $(H)/deps.sh

prepare: deps
	@bash $(H)/prepare.sh

kernel: prepare
	@bash $(H)/build-kernel.sh e2e $(H)/configs/e2e.config -- zImage dtbs modules

guest: kernel
	@bash $(H)/guest.sh

e2e: kernel guest
	@bash $(H)/e2e.sh

bench: kernel guest
	@python3 $(H)/bench.py --kernel build/out-e2e/arch/arm/boot/zImage \
		--initrd build/guest/initramfs.cpio --outdir out/bench

lint: deps
	@python3 $(H)/series.py lint

# On LPAE with HIGHMEM and 2 GiB: 64-bit dma_addr_t and phys_addr_t,
# buffers in highmem, a DMA window above 4 GiB (the cases that need them
# are built only there).  kunit-debug runs the same suites without LPAE.
kunit: prepare
	@bash $(H)/kunit.sh arm-mm arch/arm/mm --kernel_args=deferred_probe_timeout=5 \
		--kconfig_add=CONFIG_ARM_LPAE=y --kconfig_add=CONFIG_HIGHMEM=y \
		--qemu_args=-m --qemu_args=2048

kunit-virtio: prepare
	@bash $(H)/kunit.sh arm-virtio-iommu \
		tools/testing/kunit/configs/arm_virtio_iommu.config \
		--qemu_config=tools/testing/kunit/qemu_configs/arm_virtio_iommu.py

kunit-debug: prepare guest
	@bash $(H)/kunit-debug.sh arm-mm-debug arch/arm/mm

buildcheck: prepare
	@bash $(H)/kconfig-check.sh
	@bash $(H)/buildcheck.sh noiommu $(H)/configs/e2e.config $(H)/configs/noiommu.config
	@bash $(H)/buildcheck.sh lpae $(H)/configs/e2e.config $(H)/configs/lpae.config
	@REQUIRE="drivers/gpu drivers/media drivers/remoteproc" bash $(H)/buildcheck.sh \
		drivers $(H)/configs/e2e.config $(H)/configs/drivers.config

series: prepare
	@bash $(H)/series.sh write

series-check: prepare
	@bash $(H)/series.sh check

check:
	@bash $(H)/check.sh

pin-base: deps
	@bash $(H)/pin-base.sh

clean:
	rm -rf out build/out-* build/kunit-* build/guest
