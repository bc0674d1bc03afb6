#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fold changes of overlay files into the patches that introduced the code.

  fold.py OLD-TREE FILE[@NNNN]...

OLD-TREE is the series committed onto the base (series.py commit) from
the overlay as it was before FILE... changed; the overlay now holds their
new final text.  For each FILE, the change (old final -> new final) is
cut into hunks; each hunk goes to the first patch that touches FILE at
which it applies without fuzz and keeps applying at every later patch
that touches FILE, and is not before patch NNNN when given (code that
the series only moves may apply already at the base).  The diff sections of series/ are rewritten to carry
the new intermediate states; the patch that carries FILE's final text
needs no change.  Prints where each hunk went.  Build every step after
(make series-check): a hunk can apply at a patch whose code it needs
only from a later one.
"""
import os
import re
import subprocess
import sys
import tempfile

import series

TOP = series.TOP


def git(*args, cwd, input=None, check=True):
    return subprocess.run(['git', *args], cwd=cwd, input=input, text=True,
                          check=check, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE).stdout


def hunks(old, new, path):
    """The unified diff old -> new of @path, as a list of single hunks."""
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, 'a'), os.path.join(d, 'b')
        with open(a, 'w') as f:
            f.write(old)
        with open(b, 'w') as f:
            f.write(new)
        out = subprocess.run(['diff', '-U3', a, b], text=True,
                             stdout=subprocess.PIPE).stdout
    parts = re.split(r'(?m)^(?=@@ )', out)
    head = f'--- a/{path}\n+++ b/{path}\n'
    return [head + p for p in parts[1:]]


def apply(text, patches, path):
    """@text with @patches applied in order, or None if one does not."""
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(d, path), 'w') as f:
            f.write(text)
        for p in patches:
            r = subprocess.run(['patch', '-p1', '-F0', '-s', '--no-backup-if-mismatch',
                                '-r', '-', '-d', d], input=p, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if r.returncode:
                return None
        with open(os.path.join(d, path)) as f:
            return f.read()


def main():
    tree, files = sys.argv[1], sys.argv[2:]
    pats = series.patches()
    commits = git('rev-list', '--reverse', 'base..HEAD', cwd=tree).split()
    if len(commits) != len(pats):
        sys.exit(f'fold: {tree} has {len(commits)} commits, series/ has '
                 f'{len(pats)} patches')
    new_diffs = {}          # patch index -> {file: diff}
    for arg in files:
        path, _, least = arg.partition('@')
        least = int(least) - 1 if least else 0
        touch = [i for i, c in enumerate(commits)
                 if git('diff', '--name-only', f'{c}~1', c, '--', path,
                        cwd=tree).strip()]
        low = min(k for k, i in enumerate(touch) if i >= least)
        states = [git('show', f'{commits[i]}:{path}', cwd=tree) for i in touch]
        with open(os.path.join(TOP, path)) as f:
            final = f.read()
        hs = hunks(states[-1], final, path)
        # The first stage from which on each hunk applies at every stage
        where = []
        for h in hs:
            first = len(touch) - 1
            for k in range(len(touch) - 1, low - 1, -1):
                if apply(states[k], [h], path) is None:
                    break
                first = k
            where.append(first)
        # Hunks that apply alone may not apply together: move them later
        # until the set of each stage applies.
        new_states = []
        for k in range(len(touch)):
            while True:
                mine = [h for h, w in zip(hs, where) if w <= k]
                text = apply(states[k], mine, path)
                if text is not None:
                    break
                late = max(i for i, w in enumerate(where) if w <= k)
                where[late] = k + 1
            new_states.append(text)
        if new_states[-1] != final:
            sys.exit(f'fold: {path}: the last stage does not end at the overlay')
        for h, w in zip(hs, where):
            at = re.search(r'^@@ [^@]*@@.*$', h, re.M).group(0)
            print(f'fold: {path}: {at[:70]} -> {pats[touch[w]]["name"]}')
        for k, i in enumerate(touch):
            before = new_states[k - 1] if k else \
                git('show', f'{commits[i]}~1:{path}', cwd=tree, check=False)
            if path in pats[i]['files']:
                continue
            if not k and not git('ls-tree', f'{commits[i]}~1', '--', path,
                                 cwd=tree).strip():
                lines = new_states[k].splitlines()
                new_diffs.setdefault(i, {})[path] = (
                    f'diff --git a/{path} b/{path}\nnew file mode 100644\n'
                    f'--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n'
                    + ''.join(f'+{line}\n' for line in lines))
                continue
            with tempfile.TemporaryDirectory() as td:
                a = os.path.join(td, 'a', path)
                b = os.path.join(td, 'b', path)
                for p, t in ((a, before), (b, new_states[k])):
                    os.makedirs(os.path.dirname(p), exist_ok=True)
                    with open(p, 'w') as f:
                        f.write(t)
                d = subprocess.run(['git', 'diff', '--no-index', '--no-prefix',
                                    'a/' + path,
                                    'b/' + path], cwd=td, text=True,
                                   stdout=subprocess.PIPE).stdout
            d = '\n'.join(line for line in d.splitlines()
                          if not line.startswith('index ')) + '\n'
            new_diffs.setdefault(i, {})[path] = d if d.strip() else ''
    # Rewrite the diff sections: per patch, the diff of each file it
    # carries half-way, in the order the old section had them.
    for i, per_file in new_diffs.items():
        p = pats[i]
        fn = os.path.join(series.SERIES, p['name'])
        with open(fn) as f:
            text = f.read()
        head, sep, diff = text.partition('\n---\n')
        blocks = re.split(r'(?m)^(?=diff --git )', diff)
        out, seen = [], set()
        for blk in blocks:
            m = re.match(r'diff --git a/(\S+) b/', blk)
            if m and m.group(1) in per_file:
                seen.add(m.group(1))
                if per_file[m.group(1)]:
                    out.append(per_file[m.group(1)])
            elif blk:
                out.append(blk)
        for path, d in per_file.items():
            if path not in seen and d:
                out.append(d)
        body = ''.join(x if x.endswith('\n') else x + '\n' for x in out)
        with open(fn, 'w') as f:
            f.write(head + ('\n---\n' + body if body.strip() else '\n'))


if __name__ == '__main__':
    main()
