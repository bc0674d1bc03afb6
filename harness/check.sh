#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test command (make check): every step runs, the summary lists each,
# and the exit status is non-zero if any failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

declare -a results
fail=0
step() {
	local name=$1; shift
	local t0=$SECONDS
	msg ""
	msg "=== check: $name"
	if "$@"; then
		results+=("PASS  $name ($((SECONDS - t0)) s)")
	else
		results+=("FAIL  $name ($((SECONDS - t0)) s)")
		fail=1
	fi
}

make -s deps prepare || exit 1
step "series lint" make -s lint
step "kunit arm_dma_mapping (LPAE, highmem)" make -s kunit
step "kunit arm_dma_mapping_virtio_iommu (virtio-iommu, edu)" make -s kunit-virtio
step "kunit with lockdep, KASAN, kmemleak, DMA-API debug" make -s kunit-debug
step "end-to-end boots" make -s e2e
step "benchmark: dma_map_benchmark direct, shared, isolated (figures, not pass/fail)" make -s bench
step "end-to-end boot, arm_iommu=isolated" env E2E_EXPECT_DOMAINS=per-endpoint \
	E2E_VEXPRESS=0 bash "$TOP/harness/e2e.sh" isolated arm_iommu=isolated
step "build checks (KUNIT_ALL_TESTS Kconfig, no IOMMU, LPAE, Tegra/Rockchip/OMAP/Exynos/MSM drivers)" make -s buildcheck
step "series check" make -s series-check

msg ""
msg "=== check: summary"
printf '%s\n' "${results[@]}"
passed=$(printf '%s\n' "${results[@]}" | grep -c '^PASS')
failed=$(printf '%s\n' "${results[@]}" | grep -c '^FAIL')
echo "check: $passed passed, $failed failed"
exit $fail
