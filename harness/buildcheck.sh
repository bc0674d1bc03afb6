#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# buildcheck.sh NAME FRAGMENT... [-- TARGET...]
#
# Configure build/out-NAME from the fragments and build TARGETs (default:
# vmlinux modules, so the kernel links; nothing to do when another step
# built that kernel already).  A compile or link error anywhere fails.
# The overlay's C files that this build compiled, as kbuild itself lists
# them (the members of the built-in archives and of the modules in
# modules.order), are then compiled again with W=1: any warning or error
# in them fails.  With EXPECT="PATH...", every overlay C file at or under
# those paths must be among them, so a configuration that silently leaves
# a file out fails too.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1; shift
frags=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do frags+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(vmlinux modules)
O=$BUILD/out-$name
bash "$TOP/harness/build-kernel.sh" "$name" "${frags[@]}" -- "${targets[@]}"

# What kbuild built for the targets: the objects of the built-in archives
# it (re)made, and of the modules it listed.  Thin archives name their
# members; a composite module's .mod file names its objects.
archives=() orders=()
for t in "${targets[@]}"; do
	case $t in
	vmlinux) archives+=("$O/vmlinux.a") ;;
	modules) orders+=("$O/modules.order") ;;
	*/) archives+=("$O/${t}built-in.a"); orders+=("$O/${t}modules.order") ;;
	*) die "$name: $t: not a target buildcheck can list the objects of" ;;
	esac
done
for f in "${archives[@]}" "${orders[@]}"; do
	[ -f "$f" ] || die "$name: the build made no ${f#$O/}"
done
# Paths relative to $O, whichever way the lists spell them
built=$(
	{
		for a in "${archives[@]}"; do
			${CROSS_COMPILE}ar t "$a"
		done
		for m in "${orders[@]}"; do
			while read -r mo; do
				cat "$O/${mo%.o}.mod"
			done < "$m"
		done
	} | tr ' ' '\n' | sed "s|^$O/||; s|^\./||" | grep . | sort -u
) || die "$name: cannot list what the build made"
[ -n "$built" ] || die "$name: the build lists no object"

objs=() missing=0
for f in $(overlay_files | grep '\.c$'); do
	o=${f%.c}.o
	if grep -qxF "$o" <<<"$built"; then
		objs+=("$o")
		continue
	fi
	for d in ${EXPECT:-}; do
		case $f in
		"$d"|"$d"/*)
			msg "$name: $f is not built, and this configuration must build it"
			missing=1 ;;
		esac
	done
done
[ $missing = 0 ] || die "$name: overlay files left out of the build"
[ ${#objs[@]} -gt 0 ] || die "$name: no object of the overlay was built"

# Again with W=1.  The exit status of make and the log are checked apart:
# a compile error is a failure whatever the log holds.
log=$O/w1.log
if ! kmake -s O="$O" W=1 "${objs[@]}" >"$log" 2>&1; then
	grep -v 'warning: -z norelro ignored' "$log" | tail -40
	die "$name: W=1 build of the overlay's objects failed (log: ${log#$TOP/})"
fi
if grep -E 'warning:|error:' "$log" >/dev/null; then
	cat "$log"
	die "$name: W=1 warnings in the overlay's objects"
fi
msg "buildcheck $name: ${targets[*]} built; W=1 clean: ${objs[*]}"
