#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare build/linux: the pristine base as a git repository (first commit,
# tag "base"), the base files the overlay replaces checked against
# base/SHA256SUMS, and the overlay laid over it.  Only files whose text
# changed are copied, so kernel builds stay incremental; files that left the
# overlay get their pristine text back.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/base/pin"

SUMS=$TOP/base/SHA256SUMS
MANIFEST=$KSRC/.git/overlay-files

tarball=$(dpkg -L "$DEBIAN_PACKAGE" 2>/dev/null | grep '\.tar\.xz$' | head -1) ||
	true
[ -n "$tarball" ] && [ -f "$tarball" ] ||
	die "$DEBIAN_PACKAGE is not installed (run: make deps)"
pkgver=$(dpkg-query -W -f='${Version}' "$DEBIAN_PACKAGE")

stamp="$DEBIAN_PACKAGE $pkgver"
if [ ! -d "$KSRC/.git" ] || [ "$(cat "$BUILD/linux.base" 2>/dev/null)" != "$stamp" ]; then
	msg "prepare: unpacking $DEBIAN_PACKAGE $pkgver into build/linux"
	rm -rf "$KSRC" "$KSRC.tmp"
	mkdir -p "$KSRC.tmp"
	tar -xJf "$tarball" -C "$KSRC.tmp" --strip-components=1
	(
		cd "$KSRC.tmp"
		git init -q
		git config user.name base
		git config user.email base@localhost
		git config core.autocrlf false
		git config gc.auto 0
		git add -A -f .
		git commit -q -m "base: $DEBIAN_PACKAGE $pkgver"
		git tag base
	)
	mv "$KSRC.tmp" "$KSRC"
	echo "$stamp" > "$BUILD/linux.base"
fi

kver=$(make -s -C "$KSRC" kernelversion 2>/dev/null)
if [ "$kver" != "$UPSTREAM_VERSION" ]; then
	msg "prepare: warning: base is $kver ($DEBIAN_PACKAGE $pkgver), the series is pinned to $UPSTREAM_VERSION ($DEBIAN_VERSION)"
fi

# Check the pristine text of every base file the overlay replaces.
files=$(overlay_files)
bad=0
for f in $files; do
	git -C "$KSRC" cat-file -e "base:$f" 2>/dev/null || continue
	want=$(awk -v f="$f" '$2 == f { print $1 }' "$SUMS" 2>/dev/null)
	have=$(git -C "$KSRC" show "base:$f" | sha256sum | cut -d' ' -f1)
	if [ -z "$want" ]; then
		msg "prepare: $f: no checksum recorded in base/SHA256SUMS (run: make pin-base)"
		bad=1
	elif [ "$want" != "$have" ]; then
		msg "prepare: $f: pristine text in $DEBIAN_PACKAGE $pkgver (Linux $kver) differs from the one the overlay was written against (Linux $UPSTREAM_VERSION, base/SHA256SUMS)"
		bad=1
	fi
done
[ $bad = 0 ] || die "base check failed: review the upstream change to the files named above, carry it into the overlay, then update base/pin and base/SHA256SUMS"

# Lay the overlay over the tree, copying only what changed.
touch "$MANIFEST"
copied=0
for f in $files; do
	if ! cmp -s "$TOP/$f" "$KSRC/$f"; then
		mkdir -p "$(dirname "$KSRC/$f")"
		cp "$TOP/$f" "$KSRC/$f"
		copied=$((copied + 1))
	fi
done
# Restore the pristine text of files that left the overlay.
restored=0
for f in $(comm -23 <(sort -u "$MANIFEST") <(printf '%s\n' $files | sort -u)); do
	if git -C "$KSRC" cat-file -e "base:$f" 2>/dev/null; then
		git -C "$KSRC" checkout -q base -- "$f"
	else
		rm -f "$KSRC/$f"
	fi
	restored=$((restored + 1))
done
printf '%s\n' $files > "$MANIFEST"
msg "prepare: base $kver, overlay $(echo $files | wc -w) files: $copied copied, $restored restored"
