#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# series.sh write        out/series/: the series as git format-patch output
# series.sh check        apply out/series with git am to a pristine base,
#                        checkpatch --strict and kernel-doc each patch, and
#                        build every step (vmlinux, plus the C files the
#                        series touched so far with W=1: no new warnings)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

worktree() {	# worktree DIR: a checkout of the pristine base at DIR
	local d=$1
	if [ ! -e "$d/.git" ]; then
		git -C "$KSRC" worktree prune
		git -C "$KSRC" worktree add -q --detach "$d" base
	fi
	git -C "$d" am --abort >/dev/null 2>&1 || true
	git -C "$d" checkout -q -f --detach base
	git -C "$d" clean -fdqx
}

write() {
	python3 "$TOP/harness/series.py" lint
	worktree "$BUILD/series-gen"
	python3 "$TOP/harness/series.py" commit "$BUILD/series-gen"
	python3 "$TOP/harness/series.py" format "$BUILD/series-gen" "$OUT/series"
}

# Warnings a W=1 build of the given objects prints, one line each.
w1_warnings() {
	local o=$1; shift
	[ $# -gt 0 ] || return 0
	kmake O="$o" W=1 "$@" 2>&1 | grep -E 'warning:|error:' | sed "s|$BUILD/[^/]*/||" || true
}

check() {
	write
	# Laid out as build/linux and build/out-NAME are, so that ccache
	# finds what those builds compiled (CCACHE_BASEDIR, lib.sh)
	local C=$BUILD/series/linux O=$BUILD/series/out fail=0
	mkdir -p "$BUILD/series"
	worktree "$C"
	patches=$(ls "$OUT"/series/*.patch | grep -v '/0000-')
	git -C "$C" am -q $patches || die "git am of out/series onto the base failed"
	msg "series-check: git am of $(echo $patches | wc -w) patches onto $(git -C "$C" describe --always base): OK"

	for p in $patches; do
		# Debian's python3 has python3-ply for checkpatch's spdxcheck.py
		r=$(cd "$C" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict --no-summary --terse "$p" 2>&1 || true)
		t=$(cd "$C" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict "$p" 2>&1 | grep '^total:' || true)
		printf 'checkpatch --strict %s: %s\n' "$(basename "$p")" "$t"
		if [ -n "$r" ]; then printf '%s\n' "$r"; fail=1; fi
	done

	# Build every step.  The KSRC tree is not used: series-check builds
	# what git am made of the patches.
	local KSRC=$C
	mkdir -p "$O"
	cat "$TOP"/harness/configs/e2e.config "$TOP"/harness/configs/series.config \
		> "$O/fragment.config"
	declare -A base_w
	local touched="" step=0
	for c in $(git -C "$C" rev-list --reverse base..HEAD); do
		step=$((step + 1))
		git -C "$C" checkout -q "$c"
		# Symbols the series adds take effect at the step that adds them
		kmake -s O="$O" allnoconfig KCONFIG_ALLCONFIG="$O/fragment.config" >/dev/null
		for f in $(git -C "$C" diff --name-only "$c~1" "$c" -- '*.c'); do
			case " $touched " in *" $f "*) ;; *) touched="$touched $f";; esac
		done
		objs=""
		for f in $touched; do [ -f "$C/$f" ] && objs="$objs ${f%.c}.o"; done
		if ! kmake -s O="$O" zImage >"$O/step$step.log" 2>&1; then
			tail -20 "$O/step$step.log"
			msg "series-check: step $step ($(git -C "$C" log -1 --format=%s)) does not build"
			fail=1
			continue
		fi
		nw=0
		for f in $objs; do
			if [ -z "${base_w[$f]+x}" ]; then
				# W=1 warnings of this file at the base, to compare against
				if git -C "$C" cat-file -e "base:${f%.o}.c" 2>/dev/null; then
					git -C "$C" checkout -q base -- "${f%.o}.c"
					base_w[$f]=$(w1_warnings "$O" "$f" | wc -l)
					git -C "$C" checkout -q "$c" -- "${f%.o}.c"
				else
					base_w[$f]=0
				fi
			fi
			w=$(w1_warnings "$O" "$f")
			n=$(printf '%s' "$w" | grep -c . || true)
			if [ "$n" -gt "${base_w[$f]}" ]; then
				printf '%s\n' "$w"
				msg "series-check: step $step: $f: $n W=1 warnings, ${base_w[$f]} at the base"
				nw=1
				fail=1
			fi
		done
		printf 'series-check: step %d builds%s: %s\n' "$step" \
			"$([ $nw = 0 ] && echo ", no new W=1 warnings in$objs")" \
			"$(git -C "$C" log -1 --format=%s)"
	done

	# kernel-doc on every C file and header the series touches
	for f in $(git -C "$C" diff --name-only base HEAD -- '*.c' '*.h'); do
		[ -f "$C/$f" ] || continue
		kd=$(cd "$C" && perl scripts/kernel-doc -none "$f" 2>&1 || true)
		kb=$(cd "$C" && git show "base:$f" 2>/dev/null | perl scripts/kernel-doc -none /dev/stdin 2>&1 | grep -c . || true)
		n=$(printf '%s' "$kd" | grep -c . || true)
		if [ "$n" -gt "${kb:-0}" ]; then
			printf '%s\n' "$kd"
			msg "series-check: kernel-doc: $f: $n warnings, ${kb:-0} at the base"
			fail=1
		fi
	done
	msg "series-check: kernel-doc -none: no new warnings"

	# reStructuredText: the documents the series adds parse without a
	# warning with docutils' strictest setting, and every
	# toctree entry of the indexes it changes names a document.
	for f in $(git -C "$C" diff --name-only --diff-filter=A base HEAD -- '*.rst'); do
		if ! out=$(rst2pseudoxml --report=2 --halt=2 "$C/$f" 2>&1 >/dev/null); then
			printf '%s\n' "$out"
			msg "series-check: rst: $f: warnings"
			fail=1
		fi
	done
	for f in $(git -C "$C" diff --name-only --diff-filter=M base HEAD -- '*index.rst'); do
		for e in $(git -C "$C" diff base HEAD -- "$f" | sed -n 's/^+   \([a-z0-9_/-]*\)$/\1/p'); do
			[ -f "$C/$(dirname "$f")/$e.rst" ] ||
				{ msg "series-check: $f: no document $e"; fail=1; }
		done
	done
	msg "series-check: rst: new documents parse cleanly, index entries resolve"

	# Sphinx: the documentation directories the series changes render
	# without a warning (graphviz is not needed for them)
	dirs=$(git -C "$C" diff --name-only base HEAD -- 'Documentation/*.rst' |
		sed 's|^Documentation/||; s|/[^/]*$||' | sort -u | tr '\n' ' ')
	if [ -n "$dirs" ]; then
		rm -rf "$BUILD/htmldocs"
		rc=0
		out=$(make -C "$C" O="$BUILD/htmldocs" SPHINXDIRS="$dirs" htmldocs 2>&1) ||
			rc=$?
		warn=$(printf '%s\n' "$out" | grep -E 'WARNING|ERROR' | grep -v 'dot(1) not found' || true)
		if [ $rc != 0 ] || [ -n "$warn" ]; then
			printf '%s\n' "$out" | tail -30
			msg "series-check: htmldocs SPHINXDIRS=$dirs: warnings or exit $rc"
			fail=1
		else
			msg "series-check: htmldocs SPHINXDIRS=$dirs: no warnings"
		fi
	fi
	[ $fail = 0 ] || die "series-check failed"
	msg "series-check: OK"
}

case "${1:-}" in
write) write ;;
check) check ;;
*) die "usage: series.sh write|check" ;;
esac
