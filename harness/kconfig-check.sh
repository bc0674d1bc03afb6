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
