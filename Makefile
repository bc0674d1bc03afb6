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
#   make e2e-debug     the virt end-to-end boot on the same kernel (make
#                      debug-kernel builds it), KUnit off
#   make buildcheck    the no-IOMMU and LPAE kernels linked, the drivers the
#                      series changes built, the overlay's objects W=1 clean
#   make check-mutants break the code on purpose, one way at a time, and show
#                      the step of make check that must catch it failing
#   make series        out/series/: the patch series (git format-patch)
#   make series-check  git am, checkpatch --strict, kernel-doc and a build of
#                      every step of the series on a pristine base
#   make pin-base      record the checksums of base files new to the overlay

SHELL := /bin/bash
H := harness

.PHONY: all deps prepare kernel guest e2e e2e-debug check lint kunit kunit-virtio kunit-debug \
	debug-kernel bench buildcheck buildcheck-noiommu buildcheck-lpae buildcheck-drivers \
	check-mutants series series-check pin-base clean

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

# One debug kernel for kunit-debug and e2e-debug: the end-to-end kernel
# with the KUnit suites (the virtio-iommu suite a module, as virtio-iommu
# is) and lockdep, KASAN, kmemleak and DMA API debugging, preemptible.
debug-kernel: prepare
	@bash $(H)/build-kernel.sh e2e-debug $(H)/configs/e2e.config arch/arm/mm/.kunitconfig \
		$(H)/configs/debug.config $(H)/configs/kunit-debug.config -- zImage modules
	@bash $(H)/guest.sh e2e-debug

# The virt boot (block I/O, module load, remove and rescan, VFIO, IOMMU
# unbind) on the debug kernel with 2 CPUs, KUnit off.
E2E_DEBUG_SMP ?= 2
e2e-debug: debug-kernel
	@E2E_KERNEL=e2e-debug E2E_VEXPRESS=0 E2E_SMP=$(E2E_DEBUG_SMP) E2E_TIMEOUT=900 \
		bash $(H)/e2e.sh debug \
		"e2e.kmemleak=6 kunit.enable=0 sysctl.kernel.hung_task_timeout_secs=20"

bench: kernel guest
	@python3 $(H)/bench.py --kernel build/out-e2e/arch/arm/boot/zImage \
		--initrd build/guest/initramfs.cpio --outdir out/bench

lint: prepare
	@python3 $(H)/series.py lint

# Both suites on one kernel: LPAE with HIGHMEM and 2 GiB (64-bit
# dma_addr_t and phys_addr_t, buffers in highmem, a DMA window above
# 4 GiB: the cases that need them are built only there), SMP with
# preemption on 4 CPUs so that masters probe and map concurrently, and
# QEMU virt with a virtio-iommu and two edu DMA engines.  kunit-debug runs
# the same suites without LPAE on the debug kernel; kunit-virtio only the
# virtio-iommu suite, for quick iteration.
# CMA, for DMA_ATTR_FORCE_CONTIGUOUS
KUNIT_CMA := --kconfig_add=CONFIG_CMA=y --kconfig_add=CONFIG_DMA_CMA=y
KUNIT_SMP := --kconfig_add=CONFIG_SMP=y --kconfig_add=CONFIG_NR_CPUS=4 \
	--kconfig_add=CONFIG_ARM_PSCI=y --kconfig_add=CONFIG_PREEMPT=y \
	--qemu_args=-smp --qemu_args=4
KUNIT_VIRTIO := --kunitconfig=tools/testing/kunit/configs/arm_virtio_iommu.config \
	--qemu_config=tools/testing/kunit/qemu_configs/arm_virtio_iommu.py
KUNIT_ARGS := arm-mm arch/arm/mm $(KUNIT_VIRTIO) \
	--kconfig_add=CONFIG_ARM_LPAE=y --kconfig_add=CONFIG_HIGHMEM=y \
	--qemu_args=-m --qemu_args=2048 $(KUNIT_SMP) $(KUNIT_CMA)

kunit: prepare
	@bash $(H)/kunit.sh $(KUNIT_ARGS) --kernel_args=deferred_probe_timeout=30

kunit-virtio: prepare
	@bash $(H)/kunit.sh arm-virtio-iommu \
		tools/testing/kunit/configs/arm_virtio_iommu.config \
		--qemu_config=tools/testing/kunit/qemu_configs/arm_virtio_iommu.py $(KUNIT_SMP)

kunit-debug: debug-kernel
	@bash $(H)/kunit-debug.sh e2e-debug

# The noiommu kernel and the LPAE KUnit kernel are linked, with their
# modules; of the drivers configuration, the directories of the drivers
# the series changes are built.  EXPECT: overlay files each
# configuration must build.
# Not nouveau's (727 files, about 6 minutes of CI time): its two changed
# files are compiled only by the series check, in a configuration without
# nouveau.
BUILDCHECK_DRIVER_DIRS := drivers/gpu/drm/exynos/ drivers/gpu/drm/msm/ \
	drivers/gpu/drm/rockchip/ drivers/gpu/drm/tegra/ \
	drivers/gpu/host1x/ drivers/media/platform/nvidia/tegra-vde/ \
	drivers/media/platform/ti/omap3isp/ drivers/remoteproc/ drivers/iommu/

buildcheck: prepare
	@bash $(H)/kconfig-check.sh
	@$(MAKE) -s buildcheck-noiommu buildcheck-lpae buildcheck-drivers

buildcheck-noiommu: prepare
	@EXPECT="arch/arm/mm/dma-mapping.c drivers/amba drivers/base drivers/pci" \
		bash $(H)/buildcheck.sh noiommu $(H)/configs/noiommu.config

# The LPAE kernel is the one `make kunit` builds and boots
buildcheck-lpae: prepare
	@EXPECT="arch/arm/mm drivers/amba drivers/base drivers/iommu/virtio-iommu.c drivers/pci" \
		bash $(H)/buildcheck.sh --kunit $(KUNIT_ARGS)

buildcheck-drivers: prepare
	@EXPECT="drivers/gpu/drm/exynos drivers/gpu/drm/msm drivers/gpu/drm/rockchip \
		drivers/gpu/drm/tegra drivers/gpu/host1x drivers/iommu drivers/media \
		drivers/remoteproc" \
		bash $(H)/buildcheck.sh drivers $(H)/configs/e2e.config $(H)/configs/drivers.config \
		-- $(BUILDCHECK_DRIVER_DIRS)

# Not part of check: break the code on purpose and show a step fails
check-mutants: prepare
	@bash $(H)/check-mutants.sh

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
