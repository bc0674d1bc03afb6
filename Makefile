# SPDX-License-Identifier: GPL-2.0
#
# Project tooling for the ARM DMA/IOMMU series: lay the overlay over the
# pinned Linux base, build, boot and test it.  Never part of the kernel tree.
#
#   make               the main job: build the kernel and boot it on QEMU virt
#                      behind a virtio-iommu and on vexpress-a15, with a report
#   make check         the test command: series lint, KUnit, end-to-end boots,
#                      build checks, series check
#   make bench         the KUnit micro-benchmarks of the ARM layer on 2 CPUs,
#                      dma_map_benchmark: direct ops, shared and isolated mapping
#   make kunit         the KUnit suites on the kernel of make, test IOMMU and
#                      virtio-iommu with two edu DMA engines
#   make kunit-virtio  the virtio-iommu suite alone, with kunit.py
#   make kunit-debug   the KUnit suites with lockdep, KASAN, kmemleak and
#                      DMA API debugging on
#   make e2e-debug     the virt end-to-end boot on the same kernel (make
#                      debug-kernel builds it), KUnit off
#   make buildcheck    the no-IOMMU and LPAE kernels linked, the drivers the
#                      series changes built, the overlay's objects W=1 clean
#   make check-mutants break the code on purpose, one way at a time, and show
#                      the step of make check that must catch it failing
#   make series        out/series/NN-TOPIC/: the topic series, in the order
#                      they apply (git format-patch)
#   make series-check  git am of the topic series in order, checkpatch
#                      --strict, kernel-doc and a build of every step on a
#                      pristine base
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

# The kernel of `make` and of `make kunit`: the end-to-end kernel with the
# KUnit suites, LPAE and highmem, 4 CPUs (harness/configs/lpae.config).
# Its end-to-end boots and benchmarks turn KUnit off.
KERNEL_CONFIGS := $(H)/configs/e2e.config arch/arm/mm/.kunitconfig \
	$(H)/configs/kunit-guest.config $(H)/configs/lpae.config
kernel: prepare
	@bash $(H)/build-kernel.sh e2e $(KERNEL_CONFIGS) -- zImage dtbs modules

guest: kernel
	@bash $(H)/guest.sh

e2e: kernel guest
	@bash $(H)/e2e.sh

# One debug kernel for kunit-debug and e2e-debug: the end-to-end kernel
# with the KUnit suites (the virtio-iommu suite a module, as virtio-iommu
# is) and lockdep, KASAN, kmemleak and DMA API debugging, preemptible,
# without LPAE.
debug-kernel: prepare
	@bash $(H)/build-kernel.sh e2e-debug $(H)/configs/e2e.config arch/arm/mm/.kunitconfig \
		$(H)/configs/debug.config $(H)/configs/kunit-guest.config -- zImage modules
	@bash $(H)/guest.sh e2e-debug

# The virt boot (block I/O, module load, remove and rescan, VFIO, IOMMU
# unbind) on the debug kernel with 2 CPUs, KUnit off.
E2E_DEBUG_SMP ?= 2
e2e-debug: debug-kernel
	@E2E_KERNEL=e2e-debug E2E_VEXPRESS=0 E2E_SMP=$(E2E_DEBUG_SMP) E2E_TIMEOUT=900 \
		bash $(H)/e2e.sh debug \
		"e2e.kmemleak=6"

# The micro-benchmark suite alone on 2 CPUs: more virtual CPUs than the
# 2 host cores and one can be descheduled while it holds a spinlock, which
# real CPUs never are (the 4-CPU boot of `make kunit` prints its figures
# too).  Then dma_map_benchmark through the virtio-iommu.
bench: kernel guest
	@OUT=$(CURDIR)/out/bench KUNIT_MODULE=none bash $(H)/kunit-guest.sh e2e 2 2048 \
		'kunit.filter_glob=arm_dma_mapping_bench*'
	@python3 $(H)/bench.py --kernel build/out-e2e/arch/arm/boot/zImage \
		--initrd build/guest/initramfs.cpio --outdir out/bench

lint: prepare
	@python3 $(H)/series.py lint

# Both suites on one boot of the kernel of `make` (LPAE with highmem and
# 2 GiB, SMP with preemption on 4 CPUs) on QEMU virt with a virtio-iommu
# and two edu DMA engines: the test-IOMMU suites at boot, the
# virtio-iommu suite as the guest loads its module.
kunit: kernel guest
	@KUNIT_MODULE= bash $(H)/kunit-guest.sh e2e 4 2048

# The virtio-iommu suite alone with kunit.py, for quick iteration
KUNIT_SMP := --kconfig_add=CONFIG_SMP=y --kconfig_add=CONFIG_NR_CPUS=4 \
	--kconfig_add=CONFIG_ARM_PSCI=y --kconfig_add=CONFIG_PREEMPT=y \
	--qemu_args=-smp --qemu_args=4
kunit-virtio: prepare
	@bash $(H)/kunit.sh arm-virtio-iommu \
		tools/testing/kunit/configs/arm_virtio_iommu.config \
		--qemu_config=tools/testing/kunit/qemu_configs/arm_virtio_iommu.py $(KUNIT_SMP)

# The same suites without LPAE on the debug kernel, 2 CPUs, with kmemleak
# scanning at the end.  Of the test-IOMMU suites, those on the IOMMU
# that, like virtio-iommu and arm-smmu, finalises a domain at its first
# attach (arm_dma_mapping_attach_geometry) and the deferred probe ones:
# arm_dma_mapping runs the same cases.  Not the KUNIT_SPEED_SLOW cases:
# the benchmarks give no figures worth their time there, and the IOMMU
# that never registers only waits.  `make kunit` runs all.
kunit-debug: debug-kernel
	@KUNIT_MODULE= bash $(H)/kunit-guest.sh e2e-debug 2 1024 e2e.kmemleak=6 \
		'kunit.filter_glob=arm_dma_mapping_*' 'kunit.filter=speed>slow'

# The noiommu kernel and the LPAE kernel are linked, with their
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

# The LPAE kernel is the kernel of `make` and `make kunit`
buildcheck-lpae: prepare
	@EXPECT="arch/arm/mm drivers/amba drivers/base drivers/iommu/virtio-iommu.c drivers/pci" \
		bash $(H)/buildcheck.sh e2e $(KERNEL_CONFIGS)

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
