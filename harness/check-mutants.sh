#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-mutants.sh [NAME...]  (make check-mutants)
#
# Show that the checks can fail: break the code on purpose, one mutant at
# a time, in a scratch copy of the project (build/mutant-src), and run the
# step of `make check` that must catch the breakage.  The scratch copy
# shares build/ with this tree, so each run rebuilds only what the mutant
# changed; this tree's files go back into build/linux at the end.
#
# First every step runs once unmutated and must pass, so that a step that
# fails for another reason does not count as a kill.  A mutant whose text
# is not found fails the run.  The summary lists each mutant with the step
# that failed; the exit status is non-zero if any mutant survived.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

declare -a names steps files exprs
# mutant NAME "STEP..." FILE PERL-EXPRESSION: a breakage, the steps (make
# targets) that must each fail on it, and the substitution that makes it
# (perl -0pe, so it may span lines; it must change the file).
mutant() { names+=("$1"); steps+=("$2"); files+=("$3"); exprs+=("$4"); }

mutant noiommu-compile-error buildcheck-noiommu arch/arm/mm/dma-mapping.c \
	's/(static void arm_teardown_iommu_dma_ops\(struct device \*dev\) \{) \}/$1 arm_dma_mutant(dev); }/'
mutant lpae-compile-error buildcheck-lpae arch/arm/mm/dma-mapping.c \
	's/(\tu64 iova_start = start, iova_end = min_t\(u64, end, ULONG_MAX\);\n\tint err;\n)/$1\n\tBUILD_BUG_ON(sizeof(dma_addr_t) > sizeof(u32));\n/'
mutant shared-mapping-never-found kunit arch/arm/mm/dma-mapping.c \
	's/\t\t\tfound = def;\n\t\t\tbreak;/\t\t\tbreak;/'
mutant iova-0-handed-out kunit arch/arm/mm/dma-mapping.c \
	's/\tif \(!base\)\n\t\tbitmap_set\(mapping->bitmaps\[0\], 0, 1\);\n//'
mutant single-page-taken-in-use kunit arch/arm/mm/dma-mapping.c \
	's/(if \(count == 1 && !align && from < end) &&\n\t\t    !test_bit\(from, mapping->bitmaps\[i\]\)\)/$1)/'
mutant map-sg-boundary-unchecked kunit arch/arm/mm/dma-mapping.c \
	's/\tif \(boundary < max - 1\)\n\t\tmax = boundary \+ 1;\n//'
mutant coherent-buffer-not-contiguous kunit arch/arm/mm/dma-mapping.c \
	's/\tif \(dev->dma_coherent && virt_addr_valid\(cpu_addr\)\)\n\t\treturn virt_to_page\(cpu_addr\);\n//'
mutant unmap-page-skipped kunit arch/arm/mm/dma-mapping.c \
	's/(static void arm_iommu_unmap_page\(.*?)\tiommu_unmap\(mapping->domain, iova, len\);\n/$1/s'
mutant enomem-taken-for-refusal kunit arch/arm/mm/dma-mapping.c \
	's/\*refused = ret != -ENOMEM;/*refused = true;/'
mutant amba-driver-managed-dma-ignored kunit drivers/amba/bus.c \
	's/\tif \(drv->driver_managed_dma\)\n\t\tdrv->drv.driver_managed_iommu = true;\n//'
mutant pci-driver-managed-dma-ignored e2e drivers/pci/pci-driver.c \
	's/\tif \(drv->driver_managed_dma\)\n\t\tdrv->driver.driver_managed_iommu = true;\n//'
mutant iommu-sharing-ignored kunit arch/arm/mm/dma-mapping.c \
	's/\tswitch \(iommu->dma_sharing\) \{/\tswitch (IOMMU_DMA_SHARING_ANY) {/'
mutant direct-dma-warned-twice kunit arch/arm/mm/dma-mapping.c \
	's/(\t\tdev_warn\(dev, "no IOMMU DMA mapping \(%pe\), using direct DMA\\n",\n\t\t\t ERR_PTR\(ret\)\);\n)/$1$1/'
mutant unbind-leaks-mapping-reference kunit arch/arm/mm/dma-mapping.c \
	's/(static void arm_teardown_iommu_dma_ops\(struct device \*dev\)\n\{.*?arm_iommu_put_master\(master, )false/$1true/s'
mutant series-step-compile-error series-check drivers/amba/bus.c \
	's/\A/#error the series check must fail on this\n/'

only=" $* "
S=$BUILD/mutant-src
results=()
fail=0

# scratch NAME: build/mutant-src as a copy of this tree's files (tracked
# and new, as git lists them), its output under out/mutants/NAME
scratch() {
	rm -rf "$S"
	mkdir -p "$S"
	(cd "$TOP" && git ls-files -co --exclude-standard -z |
		xargs -0 cp -a --parents -t "$S") || die "cannot copy the tree"
	git -C "$S" init -q
}

# run_step NAME STEP: run make STEP in the scratch copy; its output goes
# to out/mutants/NAME/STEP.log, the last lines of a failure to the terminal
run_step() {
	local name=$1 step=$2 log
	mkdir -p "$OUT/mutants/$name"
	log=$OUT/mutants/$name/$step.log
	BUILD=$BUILD OUT=$OUT/mutants/$name make -s -C "$S" "$step" >"$log" 2>&1
}

# The summary of why a step failed: failed KUnit cases, or the error lines
why() {
	grep -E '\[FAILED\]|^error: |error:|FAIL' "$1" | grep -v '^\s*$' | head -6 |
		sed 's/^/        /'
}

wanted() { [ "$only" = "  " ] || [[ $only == *" $1 "* ]]; }

# Baseline: each step, unmutated, passes.
declare -A base_ok
for i in "${!names[@]}"; do
	wanted "${names[$i]}" || continue
	for st in ${steps[$i]}; do
		[ -n "${base_ok[$st]:-}" ] && continue
		scratch
		msg "check-mutants: baseline: make $st"
		if run_step baseline "$st"; then
			base_ok[$st]=1
		else
			why "$OUT/mutants/baseline/$st.log" >&2
			die "check-mutants: make $st fails without a mutant (log: out/mutants/baseline/$st.log)"
		fi
	done
done

for i in "${!names[@]}"; do
	name=${names[$i]}
	wanted "$name" || continue
	scratch
	f=$S/${files[$i]}
	cp "$f" "$f.orig"
	perl -0pi -e "${exprs[$i]}" "$f"
	if cmp -s "$f" "$f.orig"; then
		results+=("ERROR     $name: the mutation does not apply to ${files[$i]}")
		fail=1
		continue
	fi
	rm -f "$f.orig"
	for st in ${steps[$i]}; do
		msg "check-mutants: $name: make $st"
		if run_step "$name" "$st"; then
			results+=("SURVIVED  $name: make $st passed")
			fail=1
		else
			results+=("killed    $name: make $st failed")
			results+=("$(why "$OUT/mutants/$name/$st.log")")
		fi
	done
done

# This tree's files back into build/linux.
rm -rf "$S"
make -s -C "$TOP" prepare >/dev/null || fail=1

msg ""
msg "=== check-mutants: summary"
printf '%s\n' "${results[@]}" | grep -v '^$'
[ $fail = 0 ] && echo "check-mutants: every mutant killed" ||
	echo "check-mutants: a mutant survived or did not apply"
exit $fail
