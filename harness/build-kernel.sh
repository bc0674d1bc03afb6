#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh NAME FRAGMENT... [-- MAKE-ARGS...]
#
# Configure build/out-NAME as allnoconfig plus the given Kconfig fragments,
# check that every symbol the fragments ask for took effect, and build it
# (MAKE-ARGS, default: zImage dtbs).  The .config is only replaced when it
# changes, so a rebuild with nothing changed does no work.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=$1; shift
frags=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do frags+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(zImage dtbs)

O=$BUILD/out-$name
mkdir -p "$O"
# Later fragments override earlier ones: keep the last value of each symbol.
merge_fragments "${frags[@]}" > "$O/fragment.config"
KCONFIG_CONFIG=.config.new kmake -s O="$O" allnoconfig \
	KCONFIG_ALLCONFIG="$O/fragment.config" >/dev/null

# Every symbol asked for must be set as asked (catches a missing
# dependency, which Kconfig would drop silently).
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) sym=${line%=n}
		grep -q "^$sym=" "$O/.config.new" && { msg "$name: $sym is set, asked for n"; bad=1; } ;;
	CONFIG_*=*)
		grep -qxF "$line" "$O/.config.new" || { msg "$name: asked for $line, got: $(grep "^${line%%=*}=" "$O/.config.new" || echo 'not set')"; bad=1; } ;;
	esac
done < "$O/fragment.config"
[ $bad = 0 ] || die "$name: configuration does not hold what the fragments ask for"

if ! cmp -s "$O/.config.new" "$O/.config"; then
	mv "$O/.config.new" "$O/.config"
else
	rm -f "$O/.config.new"
fi
log=$O/build.log
# Not silent, even under "make -s": the log lists what was compiled.
if ! MAKEFLAGS= kmake O="$O" "${targets[@]}" >"$log" 2>&1; then
	grep -v 'warning: -z norelro ignored' "$log" | tail -40
	die "$name: build failed (log: ${log#$TOP/})"
fi
# What was rebuilt: one line per compiled object, so an incremental build
# shows that it stayed incremental.
cc=$(grep -E '^  CC ' "$log" | awk '{print $2}' || true)
n=$(printf '%s' "$cc" | grep -c . || true)
if [ "$n" -le 10 ]; then
	msg "$name: $n objects compiled${cc:+: $(echo $cc)}$(grep -q '^  LD      vmlinux$' "$log" && echo '; vmlinux relinked')"
else
	msg "$name: $n objects compiled$(grep -q '^  LD      vmlinux$' "$log" && echo '; vmlinux relinked')"
fi
