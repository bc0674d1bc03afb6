#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# series.sh write        out/series/NN-TOPIC/: the topic series as git
#                        format-patch output, in the order they apply
# series.sh check        apply them with git am to a pristine base in order,
#                        checkpatch --strict and kernel-doc each patch, and
#                        compile what every step changes with W=1 (no
#                        new warnings)
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

# w1_compile O OBJ...: compile the objects with W=1 in one make (both
# cores), its output in O/w1.log; the exit status is make's.
w1_compile() {
	local o=$1; shift
	kmake -s -k O="$o" W=1 "$@" >"$o/w1.log" 2>&1
}

# w1_count O OBJ: the warnings and errors O/w1.log places in OBJ's source
# (its .c, or the .dtso of a .dtbo.o), whichever way the path is spelt.
w1_count() {
	local src=${2%.o}.c
	[ "${2%.dtbo.o}" = "$2" ] || src=${2%.dtbo.o}.dtso
	grep -cE "(^|/)$src:[0-9]+(:[0-9]+)?: (warning|error):" "$1/w1.log" || true
}

check() {
	# The commits are scratch: with no git identity, author them and
	# git am them with a placeholder (make series refuses to)
	if ! git -C "$TOP" config user.name >/dev/null ||
	   ! git -C "$TOP" config user.email >/dev/null; then
		export SERIES_PLACEHOLDER_IDENTITY=1
		export GIT_COMMITTER_NAME="Series Check"
		export GIT_COMMITTER_EMAIL=series-check@example.org
		msg "series-check: git has no identity: the scratch commits use $GIT_COMMITTER_NAME <$GIT_COMMITTER_EMAIL>"
	fi
	write
	# Laid out as build/linux and build/out-NAME are, so that ccache
	# finds what those builds compiled (CCACHE_BASEDIR, lib.sh)
	local C=$BUILD/series/linux O=$BUILD/series/out fail=0
	mkdir -p "$BUILD/series"
	worktree "$C"
	# Each topic series on top of those before it, in their order
	local d tp
	patches=""
	for d in "$OUT"/series/[0-9][0-9]-*/; do
		tp=$(ls "$d"*.patch | grep -v '/0000-')
		git -C "$C" am -q $tp ||
			die "git am of ${d#"$TOP"/} onto the base and the topics before it failed"
		msg "series-check: git am of $(basename "$d") ($(echo $tp | wc -w) patches): OK"
		patches="$patches $tp"
	done
	msg "series-check: $(echo $patches | wc -w) patches onto $(git -C "$C" describe --always base): OK"

	# One checkpatch run per patch, two at a time: its total line, and the
	# report of any patch that is not clean.  Debian's python3 has
	# python3-ply for checkpatch's spdxcheck.py.  The base tree has no
	# upstream history to look the commits of Fixes: tags up in: make
	# lint checks them against harness/upstream-commits instead.
	mkdir -p "$O/checkpatch"
	rm -f "$O"/checkpatch/*
	printf '%s\n' $patches | xargs -P "$JOBS" -I{} sh -c \
		'cd "$1" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl --strict \
			--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES "$2" > "$3/$(basename "$(dirname "$2")")-$(basename "$2").log" 2>&1 || true' \
		_ "$C" {} "$O/checkpatch"
	for p in $patches; do
		local pn
		pn=$(basename "$(dirname "$p")")/$(basename "$p")
		r=$(cat "$O/checkpatch/${pn/\//-}.log" 2>/dev/null || true)
		t=$(printf '%s\n' "$r" | grep '^total:' || true)
		printf 'checkpatch --strict %s: %s\n' "$pn" "${t:-no total line}"
		case $t in
		"total: 0 errors, 0 warnings, 0 checks, "*) ;;
		*) printf '%s\n' "$r"; fail=1 ;;
		esac
	done

	# checkpatch asks of every patch that adds a file and leaves
	# MAINTAINERS alone whether MAINTAINERS needs updating
	# (FILE_PATH_CHANGES, ignored above, as it asks even when a pattern
	# covers the file): answer it.  Each file such a patch adds must be
	# in a section of MAINTAINERS other than THE REST in the tree the
	# series ends with, as get_maintainer.pl finds it.
	local f out secs
	for p in $patches; do
		pn=$(basename "$(dirname "$p")")/$(basename "$p")
		grep -q '^diff --git a/MAINTAINERS ' "$p" && continue
		# Not answered here: whether an F: pattern names what goes
		if grep -qE '^(deleted file mode |rename (from|to) )' "$p"; then
			printf 'series-check: %s deletes or renames a file and leaves MAINTAINERS alone: answer checkpatch (FILE_PATH_CHANGES) for it\n' \
				"$pn"
			fail=1
		fi
		for f in $(awk '/^diff --git /{f=$4; sub("^b/", "", f)}
				/^new file mode/{print f}' "$p"); do
			if [ ! -e "$C/$f" ]; then
				printf 'series-check: %s adds %s, which the last step has not\n' \
					"$pn" "$f"
				fail=1
				continue
			fi
			# stderr apart: a warning line must not pass for a section
			if ! out=$(cd "$C" && perl scripts/get_maintainer.pl --no-git \
					--no-git-fallback --sections -f "$f" \
					2>"$O/get_maintainer.err"); then
				printf 'series-check: %s adds %s: get_maintainer.pl failed: %s\n' \
					"$pn" "$f" "$(cat "$O/get_maintainer.err")"
				fail=1
				continue
			fi
			secs=$(printf '%s\n' "$out" |
				sed -e '/^[A-Z]:\t/d' -e '/^$/d' -e '/^THE REST$/d' |
				paste -sd, -)
			if [ -n "$secs" ]; then
				msg "series-check: $pn adds $f, in MAINTAINERS: ${secs//,/, }"
			else
				printf 'series-check: %s adds %s, which no MAINTAINERS section but THE REST covers\n' \
					"$pn" "$f"
				fail=1
			fi
		done
	done

	# Build every step: compile what it changes, with W=1.  A C file is
	# compiled; a device tree overlay, its object; a step that changes a
	# header or a Makefile compiles every C file the series touched so
	# far in that directory, and one that changes a header of include/
	# or Kconfig, every C file the series touched so far.  The drivers'
	# configuration is on, so that each file compiles as the kernel
	# that uses it does.  A compile error fails the step, and so does a file
	# with more W=1 warnings than it had at the base.  The kernel is not
	# linked at each step: full builds cost most of this check's time,
	# and the last step's tree, which must be the overlay (checked below),
	# is the one `make check` builds and links in its other steps.  A
	# link error no compile shows (a symbol defined only by a later patch)
	# is what this leaves unchecked between the first and last step.
	local KSRC=$C
	mkdir -p "$O"
	merge_fragments "$TOP"/harness/configs/e2e.config \
		"$TOP"/harness/configs/drivers.config \
		"$TOP"/harness/configs/series.config > "$O/fragment.config"
	declare -A base_w
	local touched="" step=0 cfg=stale
	for c in $(git -C "$C" rev-list --reverse base..HEAD); do
		step=$((step + 1))
		git -C "$C" checkout -q "$c"
		local subj scope="" objs="" what
		subj=$(git -C "$C" log -1 --format=%s)
		for f in $(git -C "$C" diff --name-only "$c~1" "$c"); do
			[ -f "$C/$f" ] || continue
			case $f in
			*.c)
				objs="$objs ${f%.c}.o"
				case " $touched " in *" $f "*) ;; *) touched="$touched $f";; esac
				;;
			*.dtso) objs="$objs ${f%.dtso}.dtbo.o" ;;
			Documentation/*|MAINTAINERS|tools/*|*/.kunitconfig) ;;
			# A header of include/ or a Kconfig file may change any
			# file; a local header or a Makefile, those of its
			# directory
			include/*|*/include/*) scope="$scope /" ;;
			*Kconfig*) scope="$scope /" cfg=stale ;;
			*) scope="$scope ${f%/*}/" ;;
			esac
		done
		for d in $scope; do
			for f in $touched; do
				[ -f "$C/$f" ] || continue
				case $d in /) ;; *) case $f in "$d"*) ;; *) continue ;; esac ;; esac
				case " $objs " in *" ${f%.c}.o "*) ;; *) objs="$objs ${f%.c}.o";; esac
			done
		done
		# Symbols the series adds take effect at the step that adds
		# them: the configuration is made again at a step that changes
		# a Kconfig file, and only then (a few seconds a step)
		if [ $cfg = stale ]; then
			kmake -s O="$O" allnoconfig KCONFIG_ALLCONFIG="$O/fragment.config" >/dev/null ||
				{ msg "series-check: step $step ($subj): the configuration fails"; fail=1; continue; }
			cfg=made
		fi
		nw=0
		# W=1 warnings of each new file at the base, to compare against
		local new="" srcs=""
		for f in $objs; do
			[ -z "${base_w[$f]+x}" ] || continue
			base_w[$f]=0
			[ "${f%.dtbo.o}" = "$f" ] &&
				git -C "$C" cat-file -e "base:${f%.o}.c" 2>/dev/null || continue
			new="$new $f"
			srcs="$srcs ${f%.o}.c"
		done
		if [ -n "$new" ]; then
			git -C "$C" checkout -q base -- $srcs
			w1_compile "$O" $new || true
			for f in $new; do base_w[$f]=$(w1_count "$O" "$f"); done
			git -C "$C" checkout -q "$c" -- $srcs
		fi
		if [ -n "$objs" ] && ! w1_compile "$O" $objs; then
			grep -E 'error:|Error [0-9]' "$O/w1.log" | head -20
			msg "series-check: step $step ($subj): does not compile"
			nw=1
			fail=1
		fi
		for f in $objs; do
			n=$(w1_count "$O" "$f")
			if [ "$n" -gt "${base_w[$f]}" ]; then
				grep -E "(warning|error):" "$O/w1.log" | sed "s|$BUILD/[^/]*/||" | head -20
				msg "series-check: step $step: $f: $n W=1 warnings, ${base_w[$f]} at the base"
				nw=1
				fail=1
			fi
		done
		what=${objs:+ compiles with W=1, no new warnings:$objs}
		[ $nw = 0 ] && printf 'series-check: step %d%s: %s\n' "$step" \
			"${what:- (documentation only)}" "$subj"
	done

	# The last step is the overlay, file for file
	for f in $(overlay_files); do
		cmp -s "$TOP/$f" "$C/$f" ||
			{ msg "series-check: $f: the series' last step differs from the overlay"; fail=1; }
	done
	msg "series-check: the last step is the overlay ($(overlay_files | wc -l) files)"

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
