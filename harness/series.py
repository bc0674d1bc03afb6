#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the series description (series/) into git commits and patches.

series/NNNN-slug           one per patch, applied in name order:
    Subject: <subsystem>: <imperative summary>
    Topic: <topic>                   (the topic series it goes out in)
    Files: <overlay file> ...        (final text, copied from the overlay)
    <blank line>
    <commit message body>
    [a line "---" then a unified diff, applied before the files are copied,
     for a patch that carries an intermediate state of a file a later patch
     finishes]
series/cover-TOPIC         the cover letter of a topic series:
    Subject: <what the topic series does>
    Depends: <topic> ...             (topics it needs applied first)
    <blank line>
    <cover letter text>
The patches of a topic are consecutive; the topics go out, and apply, in
the order of their patches.

Commands:
  lint            every overlay file is carried by exactly one patch, and
                  no driver outside drivers/iommu reaches into the ARM
                  default mapping (harness/arm-iommu-api.allow excepted)
  commit TREE     commit the series onto TREE (a git tree at the base)
  format TREE OUT git format-patch TREE's series: OUT/NN-TOPIC/, one
                  directory per topic series, with its cover letter
"""
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERIES = os.path.join(TOP, 'series')
OVERLAY_DIRS = ['arch', 'drivers', 'include', 'Documentation', 'tools',
                'MAINTAINERS']


def git(*args, cwd=TOP, input=None):
    return subprocess.run(['git', *args], cwd=cwd, check=True, text=True,
                          input=input, stdout=subprocess.PIPE).stdout


def overlay_files():
    out = git('ls-files', '-co', '--exclude-standard', '--', *OVERLAY_DIRS)
    return sorted(set(f for f in out.splitlines()
                      if os.path.isfile(os.path.join(TOP, f))))


def parse(path):
    with open(path) as f:
        text = f.read()
    head, _, rest = text.partition('\n\n')
    fields = {}
    for line in head.splitlines():
        key, _, val = line.partition(':')
        fields[key.strip().lower()] = val.strip()
    body, sep, diff = rest.partition('\n---\n')
    return {'name': os.path.basename(path), 'subject': fields.get('subject', ''),
            'topic': fields.get('topic', ''),
            'depends': fields.get('depends', '').split(),
            'files': fields.get('files', '').split(), 'body': body.strip(),
            'diff': diff if sep else ''}


def patches():
    names = sorted(n for n in os.listdir(SERIES) if re.match(r'\d{4}-', n))
    return [parse(os.path.join(SERIES, n)) for n in names]


def topics():
    """[(topic, cover, [patch, ...])] in the order the topics apply."""
    out = []
    for p in patches():
        if not out or out[-1][0] != p['topic']:
            path = os.path.join(SERIES, f"cover-{p['topic']}")
            cover = parse(path) if os.path.isfile(path) else None
            out.append((p['topic'], cover, []))
        out[-1][2].append(p)
    return out


def lint_topics():
    """Every patch in a topic with a cover letter, each topic's patches
    consecutive, and a topic depends only on topics before it."""
    errors, seen = [], []
    for name, cover, ps in topics():
        if not name:
            errors.append(f"{ps[0]['name']}: no Topic")
            continue
        if name in seen:
            errors.append(f"{ps[0]['name']}: topic {name} is not "
                          'consecutive: its patches must follow each other')
        if cover is None:
            errors.append(f'topic {name}: no series/cover-{name}')
        elif not cover['subject'] or not cover['body']:
            errors.append(f'series/cover-{name}: no Subject or no text')
        else:
            for d in cover['depends']:
                if d not in seen:
                    errors.append(f'series/cover-{name}: depends on {d}, '
                                  'which is not a topic before it')
        seen.append(name)
    for n in os.listdir(SERIES):
        if n.startswith('cover-') and n[6:] not in seen:
            errors.append(f'series/{n}: no patch is in topic {n[6:]}')
    return errors


# The author of scratch commits (make series-check) where git has no
# identity; never used for a series meant to be sent.
PLACEHOLDER = ('Series Check', 'series-check@example.org')


def identity():
    """The author and Signed-off-by of the series: git's identity."""
    ids = []
    for key in ('user.name', 'user.email'):
        r = subprocess.run(['git', 'config', key], cwd=TOP, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        ids.append(r.stdout.strip())
    if all(ids):
        return tuple(ids)
    if os.environ.get('SERIES_PLACEHOLDER_IDENTITY'):
        return PLACEHOLDER
    sys.exit('series: git has no identity (user.name and user.email), and '
             'the patches need an author and a Signed-off-by: set them with\n'
             '  git config user.name "Your Name"\n'
             '  git config user.email you@example.org')


def lint():
    errors = []
    owner = {}
    for p in patches():
        if not p['subject']:
            errors.append(f"{p['name']}: no Subject")
        if not p['body']:
            errors.append(f"{p['name']}: no commit message body")
        for f in p['files']:
            if f in owner:
                errors.append(f"{f}: carried by {owner[f]} and {p['name']}")
            owner[f] = p['name']
            if not os.path.isfile(os.path.join(TOP, f)):
                errors.append(f"{p['name']}: {f} is not in the overlay")
    for f in overlay_files():
        if f not in owner:
            errors.append(f'{f}: in the overlay but in no patch of series/')
    errors += lint_topics()
    errors += lint_arm_iommu_api()
    errors += lint_iommu_drivers()
    errors += lint_fixes()
    errors += lint_readme()
    for e in errors:
        print(f'series lint: {e}', file=sys.stderr)
    n = len(patches())
    print(f'series lint: {n} patches in {len(topics())} topic series, '
          f'{len(owner)} files, '
          f"{'OK' if not errors else f'{len(errors)} errors'}")
    return 1 if errors else 0


UPSTREAM = os.path.join(TOP, 'harness', 'upstream-commits')
FIXES = re.compile(r'^Fixes: ([0-9a-f]{12}) \("(.*)"\)$')
TRAILER = re.compile(r'^(Fixes|Cc|Reported-by|Link|Closes): \S')


def lint_fixes():
    """Errors for Fixes: tags that name a commit harness/upstream-commits
    does not list with that subject, and for malformed ones."""
    known, errors = {}, []
    with open(UPSTREAM) as fh:
        for line in fh:
            m = re.match(r'^([0-9a-f]{12}) "(.*)"\s+\S', line)
            if m:
                known[m.group(1)] = m.group(2)
            elif line.strip() and not line.startswith('#'):
                errors.append(f'{os.path.basename(UPSTREAM)}: malformed: '
                              f'{line.strip()}')
    for p in patches():
        for line in p['body'].splitlines():
            if not line.startswith('Fixes:'):
                continue
            m = FIXES.match(line)
            if not m:
                errors.append(f"{p['name']}: malformed tag: {line}")
            elif known.get(m.group(1)) != m.group(2):
                errors.append(f"{p['name']}: {line}: not in "
                              f'{os.path.basename(UPSTREAM)} with this '
                              'subject')
    return errors


# The prepared base tree, where lib.sh puts it (BUILD may point elsewhere)
KSRC = os.path.join(os.environ.get('BUILD') or os.path.join(TOP, 'build'), 'linux')
ALLOW = os.path.join(TOP, 'harness', 'arm-iommu-api.allow')
# A driver that takes the ARM default mapping of its device
# (to_dma_iommu_mapping()) or detaches its device from a mapping it did not
# create (arm_iommu_detach_device() in a file that never calls
# arm_iommu_create_mapping()) undoes what arch_setup_dma_ops() did: it
# should set driver_managed_iommu instead.  Stub #defines do not count.
API_USE = re.compile(r'^(?!\s*#\s*define).*\b(to_dma_iommu_mapping|'
                     r'arm_iommu_detach_device|arm_iommu_create_mapping)\s*\(')


def arm_iommu_api_files():
    """{path: set of API names} for drivers/ outside drivers/iommu, on the
    base with the overlay laid over it."""
    base = subprocess.run(['git', '-C', KSRC, 'grep', '-lE',
                           'to_dma_iommu_mapping|arm_iommu_detach_device',
                           'base', '--', 'drivers'],
                          text=True, stdout=subprocess.PIPE)
    if base.returncode not in (0, 1):
        sys.exit('series lint: cannot read the base tree (run: make prepare)')
    files = {line.split(':', 1)[1] for line in base.stdout.splitlines()}
    files |= {f for f in overlay_files() if f.startswith('drivers/')}
    found = {}
    for f in sorted(files):
        if f.startswith('drivers/iommu/') or not f.endswith(('.c', '.h')):
            continue
        path = os.path.join(TOP, f)
        if os.path.isfile(path):
            with open(path, errors='replace') as fh:
                text = fh.read()
        else:
            text = git('show', f'base:{f}', cwd=KSRC)
        used = {m.group(1) for line in text.splitlines()
                for m in [API_USE.match(line)] if m}
        if used:
            found[f] = used
    return found


def lint_arm_iommu_api():
    """Errors for drivers that undo the ARM default mapping, and for
    allow-list entries without a reason or without a use left."""
    errors, allowed = [], {}
    with open(ALLOW) as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            path, _, reason = line.partition(':')
            if not reason.strip():
                errors.append(f'{ALLOW}:{n}: {path}: no reason given')
            allowed[path.strip()] = reason.strip()
    found = arm_iommu_api_files()
    for f, used in found.items():
        bad = []
        if 'to_dma_iommu_mapping' in used:
            bad.append('takes the default mapping (to_dma_iommu_mapping())')
        if 'arm_iommu_detach_device' in used and \
           'arm_iommu_create_mapping' not in used:
            bad.append('detaches a mapping it did not create '
                       '(arm_iommu_detach_device())')
        if bad and f not in allowed:
            errors.append(f'{f}: {"; ".join(bad)}: set driver_managed_iommu '
                          f'instead, or add it to {os.path.basename(ALLOW)} '
                          'with a reason')
        elif not bad and f in allowed:
            errors.append(f'{os.path.basename(ALLOW)}: {f} is allowed but '
                          'no longer needs it')
    for f in allowed:
        if f not in found:
            errors.append(f'{os.path.basename(ALLOW)}: {f} does not use '
                          'the ARM mapping API')
    users = ', '.join(f'{f} ({"allowed: " + allowed[f] if f in allowed else "creates its own"})'
                      for f in sorted(found))
    print(f'series lint: ARM mapping API in drivers/: {users or "none"}')
    return errors


IOMMU_DRIVER_API = re.compile(r'\barm_iommu_(create_mapping|attach_device)\s*\(')


def lint_iommu_drivers():
    """The README and the iommu-drivers cover letter say no IOMMU driver
    builds or attaches an ARM mapping of its own any more: an error for
    each file under drivers/iommu (the base with the overlay) that
    calls arm_iommu_create_mapping() or arm_iommu_attach_device()."""
    base = subprocess.run(['git', '-C', KSRC, 'grep', '-lE',
                           IOMMU_DRIVER_API.pattern, 'base', '--',
                           'drivers/iommu'],
                          text=True, stdout=subprocess.PIPE)
    if base.returncode not in (0, 1):
        sys.exit('series lint: cannot read the base tree (run: make prepare)')
    files = {line.split(':', 1)[1] for line in base.stdout.splitlines()}
    files |= {f for f in overlay_files() if f.startswith('drivers/iommu/')}
    errors = []
    for f in sorted(files):
        path = os.path.join(TOP, f)
        if os.path.isfile(path):
            with open(path, errors='replace') as fh:
                text = fh.read()
        else:
            text = git('show', f'base:{f}', cwd=KSRC)
        for n, line in enumerate(text.splitlines(), 1):
            if IOMMU_DRIVER_API.search(line):
                errors.append(f'{f}:{n}: an IOMMU driver calls '
                              f'{line.strip()}: the README says none does')
    return errors


def readme_rows(heading, pattern):
    """The table rows of README.md's section @heading that match @pattern."""
    rows = []
    section = False
    with open(os.path.join(TOP, 'README.md')) as f:
        for line in f:
            if line.startswith('#'):
                section = line.strip() == heading
            m = section and re.match(pattern, line.rstrip('\n'))
            if m:
                rows.append(m.groups())
    return rows


def topic_rows():
    """The rows README.md's table of topic series must have."""
    rows, n = [], 0
    for k, (name, cover, ps) in enumerate(topics(), 1):
        span = f'{n + 1}' if len(ps) == 1 else f'{n + 1}-{n + len(ps)}'
        n += len(ps)
        deps = ', '.join(cover['depends']) if cover else ''
        rows.append((f'{k:02d}', name, span, deps or '-',
                     cover['subject'] if cover else ''))
    return rows


def lint_readme():
    """README.md's tables list every topic series and every patch, in
    order."""
    errors = []
    tables = [
        ('## The series so far', r'\| (\d+) \| ([a-z0-9-]+) \| (.*) \|$',
         [(str(i + 1), p['topic'], p['subject'])
          for i, p in enumerate(patches())]),
        ('## The topic series',
         r'\| (\d\d) \| ([a-z0-9-]+) \| ([\d-]+) \| (.*?) \| (.*) \|$',
         topic_rows()),
    ]
    for heading, pattern, want in tables:
        rows = readme_rows(heading, pattern)
        if rows == want:
            continue
        missing = [' '.join(r) for r in want if r not in rows]
        extra = [' '.join(r) for r in rows if r not in want]
        errors.append(f'README.md: the table under "{heading}" does not '
                      f'match series/: missing {"; ".join(missing) or "none"}'
                      f'; not in the series {"; ".join(extra) or "none"}')
    return errors


def commit(tree):
    name, email = identity()
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
               GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email)
    for p in patches():
        if p['diff']:
            subprocess.run(['git', 'apply', '--index', '-'], cwd=tree,
                           input=p['diff'], text=True, check=True)
        for f in p['files']:
            dst = os.path.join(tree, f)
            os.makedirs(os.path.dirname(dst) or '.', exist_ok=True)
            with open(os.path.join(TOP, f), 'rb') as s, open(dst, 'wb') as d:
                d.write(s.read())
        if p['files']:
            git('add', '-f', '--', *p['files'], cwd=tree)
        # The sign-off joins the body's trailers (Fixes:, Cc:) when it
        # ends with them: one trailer block, as git interpret-trailers
        # and the stable scripts read it
        last = p['body'].rstrip('\n').split('\n\n')[-1].split('\n')
        sep = '\n' if all(TRAILER.match(l) for l in last) else '\n\n'
        msg = (f"{p['subject']}\n\n{p['body'].rstrip(chr(10))}{sep}"
               f"Signed-off-by: {name} <{email}>\n")
        subprocess.run(['git', 'commit', '-q', '--allow-empty', '-F', '-'],
                       cwd=tree, input=msg, text=True, env=env, check=True)
    # The series must end where the overlay is.
    bad = 0
    for f in overlay_files():
        with open(os.path.join(TOP, f), 'rb') as a:
            want = a.read()
        try:
            with open(os.path.join(tree, f), 'rb') as b:
                have = b.read()
        except FileNotFoundError:
            have = None
        if want != have:
            print(f'series: {f}: the series does not end at the overlay text',
                  file=sys.stderr)
            bad = 1
    return bad


def format_series(tree, out):
    """git format-patch each topic series of TREE into OUT/NN-TOPIC/, with
    its cover letter, the topics it depends on, a base-commit line (and
    the patch ids of the topics before it) and its get_maintainer.pl
    recipients."""
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        path = os.path.join(out, f)
        if os.path.isdir(path) and re.match(r'\d\d-', f):
            for g in os.listdir(path):
                os.unlink(os.path.join(path, g))
            os.rmdir(path)
        elif f.endswith('.patch'):
            os.unlink(path)
    ts = topics()
    n = sum(len(ps) for _, _, ps in ts)
    commits = git('rev-list', '--reverse', f'HEAD~{n}..HEAD',
                  cwd=tree).split()
    base = git('rev-parse', f'HEAD~{n}', cwd=tree).strip()
    first = 0
    dirs = {}
    who, email = identity()
    env = dict(os.environ, GIT_COMMITTER_NAME=who, GIT_COMMITTER_EMAIL=email)
    for k, (name, cover, ps) in enumerate(ts, 1):
        d = os.path.join(out, f'{k:02d}-{name}')
        dirs[name] = os.path.basename(d)
        start = commits[first - 1] if first else base
        end = commits[first + len(ps) - 1]
        first += len(ps)
        # The cover letter is from the series' author, not the tree's
        subprocess.run(['git', 'format-patch', '-q', '--cover-letter',
                        '--stat=80', '--summary', f'--base={base}', '-o', d,
                        f'{start}..{end}'], cwd=tree, check=True, env=env)
        files = sorted(os.path.join(d, f) for f in os.listdir(d))
        maint = subprocess.run(
            ['perl', 'scripts/get_maintainer.pl', '--no-git',
             '--no-git-fallback', '--no-rolestats', '--no-tree',
             *[f for f in files if not os.path.basename(f).startswith('0000')]],
            cwd=tree, text=True, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL).stdout
        path = [f for f in files if os.path.basename(f).startswith('0000')][0]
        with open(path) as f:
            text = f.read()
        text = text.replace('*** SUBJECT HERE ***', cover['subject'])
        deps = ''
        if cover['depends']:
            deps = ('\n\nThis series applies on top of:\n' +
                    ''.join(f'  {dirs[t]}: {c["subject"]}\n'
                            for t, c, _ in ts
                            if t in cover['depends'])).rstrip('\n')
        blurb = (cover['body'] + deps +
                 '\n\nscripts/get_maintainer.pl on the series:\n' +
                 ''.join(f'  {line}\n' for line in maint.splitlines()))
        text = text.replace('*** BLURB HERE ***', blurb.rstrip())
        with open(path, 'w') as f:
            f.write(text)
        print(f'series: {os.path.relpath(d, TOP)}/: {len(ps)} patch'
              f'{"es" if len(ps) > 1 else ""}'
              f'{", after " + ", ".join(cover["depends"]) if cover["depends"] else ""}'
              f': {cover["subject"]}')
    print(f'series: {n} patches in {len(ts)} topic series, in this order, '
          f'in {os.path.relpath(out, TOP)}/')
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == 'lint':
        sys.exit(lint())
    if cmd == 'commit':
        sys.exit(commit(sys.argv[2]))
    if cmd == 'format':
        sys.exit(format_series(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)


if __name__ == '__main__':
    main()
