#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kconfig-check.sh
#
# Enabling every KUnit test must not change which DMA implementation an ARM
# kernel uses: the end-to-end configuration without its IOMMU driver, with
# KUNIT_ALL_TESTS (and all the ARM DMA mapping tests depend on but
# ARM_DMA_USE_IOMMU), must leave ARM_DMA_USE_IOMMU off and the tests out.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

O=$BUILD/out-kconfig-check
mkdir -p "$O"
{ grep -v '^CONFIG_VIRTIO_IOMMU=' "$TOP/harness/configs/e2e.config"
  cat <<'FRAG'; } > "$O/fragment.config"
CONFIG_KUNIT=y
CONFIG_KUNIT_ALL_TESTS=y
CONFIG_OF=y
CONFIG_OF_OVERLAY=y
FRAG
kmake -s O="$O" allnoconfig KCONFIG_ALLCONFIG="$O/fragment.config" >/dev/null
for sym in MMU KUNIT_ALL_TESTS OF_OVERLAY PCI; do
	grep -q "^CONFIG_$sym=y" "$O/.config" ||
		die "kconfig-check: CONFIG_$sym did not take"
done
bad=$(grep -E '^CONFIG_(ARM_DMA_USE_IOMMU|ARM_DMA_MAPPING_KUNIT_TEST|ARM_DMA_MAPPING_VIRTIO_KUNIT_TEST)=' "$O/.config" || true)
if [ -n "$bad" ]; then
	msg "$bad"
	die "kconfig-check: KUNIT_ALL_TESTS switches the ARM DMA implementation"
fi
msg "kconfig-check: KUNIT_ALL_TESTS leaves ARM_DMA_USE_IOMMU off"

# The kunit.py commands of Documentation/arch/arm/dma-iommu.rst and of the
# Kconfig help of the virtio-iommu suite: each configuration must hold
# every option its kunitconfig asks for (kunit.py config fails when one
# does not take).  `make kunit` runs those suites, from the same
# .kunitconfig, on the kernel of `make`.
kconfig_kunit() {	# kconfig_kunit NAME KUNIT.PY-OPTION...
	local name=$1; shift
	kunit_py config "kconfig-$name" "$@" >"$O/kunit-$name.log" 2>&1 ||
		{ cat "$O/kunit-$name.log"; die "kconfig-check: kunit.py config $*: fails"; }
}
kconfig_kunit arm-mm --kunitconfig=arch/arm/mm
kconfig_kunit arm-mm-lpae --kunitconfig=arch/arm/mm \
	--kconfig_add=CONFIG_ARM_LPAE=y --kconfig_add=CONFIG_HIGHMEM=y
kconfig_kunit virtio \
	--qemu_config=tools/testing/kunit/qemu_configs/arm_virtio_iommu.py \
	--kunitconfig=tools/testing/kunit/configs/arm_virtio_iommu.config
msg "kconfig-check: the documented kunit.py configurations hold what they ask for"
