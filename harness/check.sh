#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test command (make check): every step runs, the summary lists each,
# and the exit status is non-zero if any failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

declare -a results
fail=0
n=0
rm -rf "$OUT/check"
mkdir -p "$OUT/check"
# step NAME CMD...: run CMD, its output also in out/check/NN-NAME.log
step() {
	local name=$1; shift
	local t0=$SECONDS rc log
	n=$((n + 1))
	log=$OUT/check/$(printf '%02d' $n)-$(printf '%s' "${name%% (*}" |
		tr -c 'a-zA-Z0-9' '-' | tr -s '-' | sed 's/-$//').log
	msg ""
	msg "=== check: $name"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	if [ "$rc" = 0 ]; then
		results+=("PASS  $name ($((SECONDS - t0)) s)")
	else
		results+=("FAIL  $name ($((SECONDS - t0)) s, exit $rc, log: ${log#$TOP/})")
		fail=1
	fi
}

make -s deps prepare || exit 1
step "series lint" make -s lint
step "kunit arm_dma_mapping and arm_dma_mapping_virtio_iommu (kernel of make: LPAE, highmem, 4 CPUs, virtio-iommu, edu)" make -s kunit
step "kunit with lockdep, KASAN, kmemleak, DMA-API debug (2 CPUs, first-attach geometry, deferred probe, virtio-iommu)" make -s kunit-debug
step "end-to-end boots" make -s e2e
step "end-to-end boot with lockdep, KASAN, kmemleak, DMA-API debug" make -s e2e-debug
step "benchmarks: KUnit micro-benchmarks on 2 CPUs, dma_map_benchmark direct, shared, isolated (figures; fails on a failed case or report)" make -s bench
step "end-to-end boot, arm_iommu=isolated" env E2E_EXPECT_DOMAINS=per-endpoint \
	E2E_VEXPRESS=0 bash "$TOP/harness/e2e.sh" isolated arm_iommu=isolated
step "build checks (KUNIT_ALL_TESTS Kconfig, no IOMMU, LPAE, Tegra/Rockchip/OMAP/Exynos/MSM/R-Car/MediaTek drivers)" make -s buildcheck
step "series check" make -s series-check

msg ""
msg "=== check: summary"
printf '%s\n' "${results[@]}"
passed=$(printf '%s\n' "${results[@]}" | grep -c '^PASS')
failed=$(printf '%s\n' "${results[@]}" | grep -c '^FAIL')
echo "check: $passed passed, $failed failed"
exit $fail
