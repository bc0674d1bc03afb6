#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# buildcheck.sh NAME FRAGMENT...
#
# Configure build/out-NAME from the fragments and build, with W=1, every
# object of the overlay's C files that the configuration enables.  Fails on
# any warning in them.  With REQUIRE="DIR...", every overlay C file under
# those directories must be built too, so a configuration that silently
# leaves a driver out fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1; shift
O=$BUILD/out-$name
bash "$TOP/harness/build-kernel.sh" "$name" "$@" -- prepare >/dev/null

objs=""
for f in $(overlay_files | grep '\.c$'); do
	o=${f%.c}.o
	# An object the configuration leaves out either fails the dry run or
	# is never produced; only objects that exist afterwards are counted.
	if kmake -s O="$O" -n "$o" >/dev/null 2>&1 &&
	   kmake -s O="$O" W=1 "$o" 2>&1 | tee "$O/w1-$(basename "$o").log" |
		grep -E 'warning:|error:' >/dev/null; then
		cat "$O/w1-$(basename "$o").log"
		die "$name: $o: W=1 warnings"
	fi
	[ -f "$O/$o" ] && objs="$objs $o"
done
[ -n "$objs" ] || die "$name: no object of the overlay was built"
for d in ${REQUIRE:-}; do
	for f in $(overlay_files | grep '\.c$' | grep "^$d/"); do
		[ -f "$O/${f%.c}.o" ] || die "$name: ${f%.c}.o was not built"
	done
done
msg "buildcheck $name: W=1 clean:$objs"
