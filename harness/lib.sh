# SPDX-License-Identifier: GPL-2.0
# Common settings for the project's scripts.  Sourced, not run.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
OUT=${OUT:-$TOP/out}
KSRC=$BUILD/linux
export CROSS_COMPILE=${CROSS_COMPILE:-arm-none-eabi-}
GUEST_CC=${GUEST_CC:-arm-linux-gnueabihf-gcc}
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Kernel trees and their output directories sit side by side under build/
# (linux and out-NAME, series/linux and series/out): with paths relative
# to build/, an object that two configurations or two trees compile from
# the same preprocessed text is compiled once.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$BUILD}
# Kernel builds stay reproducible, so ccache hits across rebuilds.
export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2024-11-17}
export KBUILD_BUILD_USER=${KBUILD_BUILD_USER:-build}
export KBUILD_BUILD_HOST=${KBUILD_BUILD_HOST:-build}

# The directories of the kernel tree the overlay may carry.
OVERLAY_DIRS="arch drivers include Documentation tools MAINTAINERS"

msg() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Files of the overlay: tracked, plus new ones not ignored, as they are in
# the working tree, so an edit is built before it is committed.
overlay_files() {
	git -C "$TOP" ls-files -co --exclude-standard -- $OVERLAY_DIRS |
		while read -r f; do [ -f "$TOP/$f" ] && printf '%s\n' "$f"; done |
		sort -u
}

# kmake O=DIR ARGS...: make in the prepared kernel tree with ccache.
kmake() {
	make -C "$KSRC" ARCH=arm CROSS_COMPILE="$CROSS_COMPILE" \
		CC="ccache ${CROSS_COMPILE}gcc" -j"$JOBS" "$@"
}

# kunit_py CMD NAME ARGS...: kunit.py CMD (run, build, config) for ARM in
# the prepared tree, with ccache, building in build/kunit-NAME.
kunit_py() {
	local cmd=$1 name=$2 jobs=()
	shift 2
	[ "$cmd" = config ] || jobs=(--jobs="$JOBS")
	mkdir -p "$BUILD/kunit-$name"
	(cd "$KSRC" && python3 tools/testing/kunit/kunit.py "$cmd" --arch=arm \
		--cross_compile="$CROSS_COMPILE" \
		--make_options="CC=ccache ${CROSS_COMPILE}gcc" \
		--build_dir="$BUILD/kunit-$name" "${jobs[@]}" "$@")
}

# kunit_skips LOG: list the KUnit tests LOG reports as skipped, and fail
# unless each is on harness/kunit-skip.allow ("NAME  REASON" per line).
# kunit.py counts a skip as a success; a skip nobody allowed is a test
# that did not run, so the step fails.
kunit_skips() {
	local log=$1 allow=$TOP/harness/kunit-skip.allow bad=0 t reason
	while IFS= read -r t; do
		reason=$(awk -v t="$t" '!/^#/ && $1 == t { $1 = ""; sub(/^ +/, ""); print; exit }' "$allow")
		if [ -n "$reason" ]; then
			msg "kunit: $t skipped, allowed: $reason"
		else
			msg "kunit: $t skipped, and harness/kunit-skip.allow does not allow it"
			bad=1
		fi
	done < <(sed -n -E 's/^(\[[^]]*\] )?[[:space:]]*ok [0-9]+ (.*) # SKIP.*$/\2/p' "$log" | sort -u)
	return $bad
}

# merge_fragments FRAGMENT...: the Kconfig fragments as one, later ones
# overriding earlier ones (the last value of each symbol, in the order the
# symbols first appear), without comments.
merge_fragments() {
	cat "$@" | sed 's/[[:space:]]*#.*//' | grep '^CONFIG_' |
		awk -F= '{ v[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
			 END { for (i = 0; i < n; i++) print v[order[i]] }'
}
