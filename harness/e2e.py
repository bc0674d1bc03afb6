#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot the end-to-end guest under QEMU and report what its DMA went through.

virt: a virtio-iommu-pci with DMA-capable PCI endpoints behind it; the
report joins what the guest saw (PCI endpoints, IOMMU groups, block I/O
checksums) with QEMU's virtio-iommu trace (attach, map, translate, fault).
vexpress-a15: no IOMMU, a virtio-blk-device on virtio-mmio: the direct DMA
path of the same kernel.
With --vfio, virt also has an edu device that the guest hands to vfio-pci
and drives through a VFIO type1 container: it must get no default mapping,
and its DMA must go through the container's own domain.

Exits non-zero when any check fails.
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import time

# Guest log lines that fail a boot.
# Besides the kernel's own alarms, the ARM DMA layer's fallbacks (a master
# refused the shared mapping, left without an IOMMU mapping, or outside the
# aperture) and virtio-iommu's missing device link: none is expected here.
# On the debug kernel, any lockdep, KASAN, kmemleak or DMA API debug report
# (the guest has kmemleak scan at the end and prints its report).
BAD_LOG = re.compile(r'WARNING:|Oops|BUG:|Kernel panic|Call [Tt]race|nobody cared|'
                     r'Disabling IRQ|Unable to handle|fault from EP|'
                     r'hung_task|soft lockup|INFO: task|Failed to attach|'
                     r'refused the shared DMA mapping|no IOMMU DMA mapping|'
                     r'holds no page of the IOMMU aperture|lies above the IOVAs|cannot link to|'
                     r'DMA-API: .*(device driver|exceeded|out of memory|ENOMEM|sg segment|'
                     r'cpu touching)|kmemleak: .*suspected|unreferenced object|'
                     r'kmemleak-error|KASAN|possible (recursive|circular)|'
                     r'inconsistent lock state|DEADLOCK|suspicious RCU')

# What delete_module() fails with for a module in use, with O_NONBLOCK:
# EWOULDBLOCK (kernel/module/main.c, try_stop_module()).
RMMOD_REFUSED = 'refused: Resource temporarily unavailable'

DISK_BYTES = 16 << 20


def rid_of(bdf):
    """PCI requester ID (the virtio-iommu endpoint ID) of 0000:BB:DD.F."""
    m = re.match(r'[0-9a-f]{4}:([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$', bdf)
    bus, dev, fn = (int(x, 16) for x in m.groups())
    return (bus << 8) | (dev << 3) | fn


def machine_args(args, disks):
    """QEMU arguments for the machine and its DMA-capable devices."""
    q = ['qemu-system-arm', '-nographic', '-no-reboot', '-nic', 'none',
         '-m', str(args.memory), '-smp', str(args.smp),
         '-kernel', args.kernel, '-initrd', args.initrd]
    if args.machine == 'virt':
        # QEMU declares virt's GICv2m doorbell as an MSI bypass region of
        # the virtio-iommu (VIRTIO_IOMMU_RESV_MEM_T_MSI): MSIs reach the
        # GIC untranslated and the guest must keep those IOVAs free.
        q += ['-M', 'virt,highmem=off', '-cpu', 'cortex-a15',
              '-device', 'virtio-iommu-pci']
        for i, (kind, path) in enumerate(disks):
            q += ['-drive', f'if=none,id=d{i},file={path},format=raw,cache=unsafe']
            if kind == 'nvme':
                q += ['-device', f'nvme,serial=e2e{i},drive=d{i}']
            else:
                q += ['-device', f'virtio-blk-pci,drive=d{i},'
                                 'iommu_platform=on,disable-legacy=on']
        if args.vfio:
            slot = (rid_of(args.vfio) >> 3) & 0x1f
            q += ['-device', f'edu,addr={slot:#x}']
        q += ['-trace', 'enable=virtio_iommu_attach',
              '-trace', 'enable=virtio_iommu_detach',
              '-trace', 'enable=virtio_iommu_map',
              '-trace', 'enable=virtio_iommu_unmap',
              '-trace', 'enable=virtio_iommu_translate',
              '-trace', 'enable=virtio_iommu_report_fault',
              '-D', os.path.join(args.outdir, 'qemu-trace.log')]
    else:
        q += ['-M', args.machine, '-dtb', args.dtb]
        for i, (kind, path) in enumerate(disks):
            q += ['-drive', f'if=none,id=d{i},file={path},format=raw,cache=unsafe',
                  '-device', f'virtio-blk-device,drive=d{i}']
    return q


def parse_trace(path):
    attaches = collections.defaultdict(list)    # endpoint -> [domain...]
    maps = collections.Counter()                # domain -> MAP requests
    unmaps = collections.Counter()
    translations = collections.Counter()        # endpoint -> translations
    faults = []
    if not os.path.exists(path):
        return attaches, maps, unmaps, translations, faults
    ev = re.compile(r'virtio_iommu_(\w+) (.*)')
    with open(path, errors='replace') as f:
        for line in f:
            m = ev.search(line)
            if not m:
                continue
            name, rest = m.groups()
            kv = dict(re.findall(r'(\w+)=(\S+)', rest))
            if name == 'attach':
                attaches[int(kv['endpoint'])].append(int(kv['domain']))
            elif name == 'detach':
                attaches[int(kv['endpoint'])].append(-int(kv['domain']))
            elif name == 'map':
                maps[int(kv['domain'])] += 1
            elif name == 'unmap':
                unmaps[int(kv['domain'])] += 1
            elif name == 'translate':
                translations[int(kv['rid'])] += 1
            elif name == 'report_fault':
                faults.append(rest.strip())
    return attaches, maps, unmaps, translations, faults


def run(args):
    os.makedirs(args.outdir, exist_ok=True)
    disks = []
    kinds = args.disks.split(',')
    for i, kind in enumerate(kinds):
        path = os.path.join(args.outdir, f'disk{i}-{kind}.img')
        with open(path, 'wb') as f:        # fresh zeroed image every boot
            f.truncate(DISK_BYTES)
        disks.append((kind, path))
    trace = os.path.join(args.outdir, 'qemu-trace.log')
    if os.path.exists(trace):
        os.unlink(trace)
    # e2e.disks: the guest waits for them before its block I/O.  The
    # kernels have the KUnit suites built in (harness/kunit-guest.sh):
    # off here, and the hung-task check they turn off at build time on.
    append = (f'console=ttyAMA0 panic=-1 e2e.disks={len(disks)} kunit.enable=0 '
              'sysctl.kernel.hung_task_timeout_secs=20 ' + args.append)
    if args.vfio:
        # QEMU virt's GICv2m does not isolate MSIs: VFIO's type1 container
        # refuses such a platform unless told the risk is accepted.
        append += (f' e2e.vfio={args.vfio} '
                   'vfio_iommu_type1.allow_unsafe_interrupts=1')
    if args.cat:
        append += ' e2e.cat=' + args.cat
    cmd = machine_args(args, disks) + ['-append', append.strip()]
    with open(os.path.join(args.outdir, 'qemu-cmdline.txt'), 'w') as f:
        f.write(' '.join(cmd) + '\n')
    console = os.path.join(args.outdir, 'console.log')
    t0 = time.time()
    with open(console, 'w') as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        try:
            rc = proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            rc = 'timeout'
            proc.terminate()            # lets QEMU flush its trace log
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    elapsed = time.time() - t0
    for _, path in disks:
        os.unlink(path)
    return report(args, console, trace, rc, elapsed, kinds)


MAPPINGS = '/sys/kernel/debug/arm_iommu_mappings'


def check_mappings(args, lines, eps, when=''):
    """The guest's list of default mappings agrees with the policy and
    with the endpoints QEMU saw."""
    where = f'{MAPPINGS} ({when})' if when else MAPPINGS
    if lines is None:
        return [f'{where} not listed']
    maps, masters = [], set()
    for line in lines:
        words = line.split()
        if words and words[0] == 'iommu':
            maps.append(dict(zip(words[2::2], words[3::2])))
        elif words and words[0] == 'master':
            masters.add(words[1])
    failures = []
    want = {p['bdf'] for p in eps}
    if masters != want:
        failures.append(f'{where}: masters {sorted(masters)}, '
                        f'expected {sorted(want)}')
    policy = {'shared': 'shared', 'per-endpoint': 'isolated'}.get(args.expect_domains)
    nmaps = {'shared': min(1, len(eps)),
             'per-endpoint': len(eps)}.get(args.expect_domains)
    if nmaps is not None and len(maps) != nmaps:
        failures.append(f'{where}: {len(maps)} mappings, expected {nmaps}')
    # virtio-iommu leaves the choice open: the command line decides, or
    # else the Kconfig default
    by = 'cmdline' if 'arm_iommu=' in args.append else 'kconfig'
    for m in maps:
        if policy and m.get('policy') != policy:
            failures.append(f"{where}: policy {m.get('policy')}, expected {policy}")
        if m.get('by') != by:
            failures.append(f"{where}: policy chosen by {m.get('by')}, expected {by}")
        if m.get('refcount') != str(1 + 2 * int(m.get('masters', 0))):
            failures.append(f"{where}: refcount {m.get('refcount')} for "
                            f"{m.get('masters')} masters")
    return failures


def check_module(eps, deferred, insmod, rmmod):
    """virtio-iommu loaded by the guest after boot: every endpoint had its
    probe deferred before, none is left deferred after, and unloading the
    module while they are bound is refused (or unbinds them cleanly)."""
    failures = []
    print(f"virtio-iommu module: probes deferred before the guest loaded it: "
          f"{', '.join(sorted(deferred)) or 'none'}")
    print(f"  {insmod or 'not loaded'}")
    print(f"  unload while the endpoints are bound: {rmmod or 'not tried'}")
    for p in eps:
        if p['bdf'] not in deferred:
            failures.append(f"{p['bdf']}: bound before virtio-iommu was loaded")
    if not insmod or not re.search(r'loaded: 0 deferred, 0 of ', insmod):
        failures.append(f'module load: {insmod or "no report"}')
    if not rmmod or not rmmod.endswith(RMMOD_REFUSED):
        failures.append(f'module unload: {rmmod or "no report"}, expected '
                        f'"{RMMOD_REFUSED}"')
    return failures


def check_blk(blk, tag, failures):
    print(f'block I/O ({tag}; O_DIRECT write, read back):')
    for b in blk:
        print(f"  {b['name']:9} on {b.get('parent', '-'):22} "
              f"{b.get('bytes', '?'):>8} bytes in {b.get('ios', '?'):>4} I/Os  written crc32 {b.get('written_crc32', '-')}  "
              f"read crc32 {b.get('read_crc32', '-')}  {b.get('result')}"
              f"{'  ' + b['reason'] if 'reason' in b else ''}")
        if b.get('result') != 'PASS':
            failures.append(f"{b['name']} ({tag}): read-back differs or I/O failed")


def check_replug(args, eps, bdf, lines, cats, blk, failures):
    """PCI function @bdf was removed and found again by a rescan: it left
    the default mapping with its references and came back, and its disk
    works again."""
    print(f'remove and rescan of {bdf}:')
    for line in lines:
        print(f'  {line}')
    if not any(' removed: gone' in line for line in lines):
        failures.append(f'{bdf}: not removed')
    if not any(' rescanned: bound' in line for line in lines):
        failures.append(f'{bdf}: not bound again after the rescan')
    others = [p for p in eps if p['bdf'] != bdf]
    failures += check_mappings(args, cats.get(f'removed:{MAPPINGS}'), others,
                               'after the remove')
    failures += check_mappings(args, cats.get(f'rescanned:{MAPPINGS}'), eps,
                               'after the rescan')
    check_blk(blk, f'{bdf} after the rescan', failures)
    if len(blk) != 1 or blk[0].get('parent') != bdf:
        failures.append(f'{bdf}: expected one disk on it after the rescan, '
                        f'saw {len(blk)}')


def check_unbind(args, eps, lines, bound, cats, blk, nkinds, failures):
    """The IOMMU's driver was unbound while its endpoints were bound: the
    driver core unbound them first, no default mapping was left, and all
    came back once the IOMMU was bound again."""
    print('virtio-iommu unbound and bound again:')
    for line in lines:
        print(f'  {line}')
    if not any(' done' in line for line in lines) or \
       not any(' rebound: ' in line for line in lines):
        failures.append('IOMMU unbind/bind: ' + ('; '.join(lines) or 'no report'))
    want = {p['bdf'] for p in eps}
    still = sorted(want & {d for d, drv in bound.get('unbound', {}).items()
                           if drv != '-'})
    if still:
        failures.append(f'endpoints still bound after the IOMMU was unbound: {still}')
    back = {d for d, drv in bound.get('rebound', {}).items() if drv != '-'}
    if want - back:
        failures.append(f'endpoints not bound again: {sorted(want - back)}')
    failures += check_mappings(args, cats.get(f'unbound:{MAPPINGS}'), [],
                               'IOMMU unbound')
    failures += check_mappings(args, cats.get(f'rebound:{MAPPINGS}'), eps,
                               'IOMMU bound again')
    check_blk(blk, 'IOMMU bound again', failures)
    if len(blk) != nkinds:
        failures.append(f'expected {nkinds} disks after the IOMMU was bound '
                        f'again, saw {len(blk)}')


def check_vfio(args, pci, lines, cats, attaches, maps, translations,
               shared, failures):
    """The edu at args.vfio was bound to vfio-pci (driver_managed_dma): the
    ARM DMA layer gave it no default mapping, and VFIO took its group over:
    its DMA went through a domain of the type1 container, none of the
    endpoints' default domains."""
    bdf = args.vfio
    print(f'VFIO: {bdf} handed to vfio-pci, driven through a type1 container:')
    for line in lines:
        print(f'  {line}')
    dev = [p for p in pci if p['bdf'] == bdf]
    if not dev or dev[0]['driver'] != 'vfio-pci':
        failures.append(f"{bdf}: not bound to vfio-pci "
                        f"({dev[0]['driver'] if dev else 'not found'})")
    elif dev[0]['group'] == '-':
        failures.append(f'{bdf}: no IOMMU group')
    if not any(line.startswith(f'{bdf} owned: ') for line in lines):
        failures.append(f'{bdf}: VFIO did not take the group over')
    if not any(line.startswith(f'{bdf} dma ') and line.endswith(' PASS')
               for line in lines):
        failures.append(f'{bdf}: no DMA through the VFIO container, or the '
                        'page came back different')
    if any(' failed' in line for line in lines):
        failures.append(f'{bdf}: a VFIO step failed')
    for when in ('', 'removed:', 'rescanned:', 'unbound:', 'rebound:'):
        listed = cats.get(f'{when}{MAPPINGS}') or []
        if any(line.split()[:2] == ['master', bdf] for line in listed):
            failures.append(f'{bdf}: has a default mapping '
                            f'({MAPPINGS}{", " + when[:-1] if when else ""})')
    rid = rid_of(bdf)
    doms = [d for d in attaches.get(rid, []) if d >= 0]
    vdoms = [d for d in doms if d not in shared and maps.get(d, 0)]
    hist = ' -> '.join(str(d) if d >= 0 else f'detach {-d}'
                       for d in attaches.get(rid, [])) or '-'
    print(f'  QEMU: {bdf} attached {hist}; VFIO domain '
          f"{', '.join(map(str, sorted(set(vdoms)))) or '-'} with "
          f'{sum(maps.get(d, 0) for d in set(vdoms))} MAP requests; '
          f'{translations.get(rid, 0)} DMA accesses translated')
    if not vdoms:
        failures.append(f'{bdf}: QEMU saw no VFIO domain with mappings '
                        f'attached to it ({hist})')
    if translations.get(rid, 0) == 0:
        failures.append(f'{bdf}: no DMA translated by the IOMMU')


def dma_api_debug(args):
    """Whether the kernel booted has DMA API debugging: its build's .config
    (build/out-NAME/arch/arm/boot/zImage), else the debug boots' option."""
    config = os.path.join(os.path.dirname(args.kernel), '..', '..', '..',
                          '.config')
    try:
        with open(config) as f:
            return 'CONFIG_DMA_API_DEBUG=y\n' in f.read()
    except OSError:
        return 'e2e.kmemleak=' in args.append


def report(args, console, trace, rc, elapsed, kinds):
    with open(console, errors='replace') as f:
        log = f.read().splitlines()
    pci, blk, cats, failures = [], [], {}, []
    blk_phase = collections.defaultdict(list)
    bound = collections.defaultdict(dict)
    replug, unbind, vfio = [], [], []
    deferred, insmod, rmmod = set(), None, None
    end = None
    cur = None
    phase = None
    for line in log:
        if cur is not None:
            if line.startswith('E2E cat-end'):
                cur = None
            else:
                cats[cur].append(line)
            continue
        if not line.startswith('E2E '):
            continue
        words = line.split()
        if words[1] == 'pci':
            d = dict(w.split('=', 1) for w in words[3:])
            d['bdf'] = words[2]
            pci.append(d)
        elif words[1] == 'blk':
            d = dict(w.split('=', 1) for w in words[3:])
            d['name'] = words[2]
            blk.append(d)
        elif words[1].startswith('blk-') and not words[1].endswith('count'):
            d = dict(w.split('=', 1) for w in words[3:])
            d['name'] = words[2]
            blk_phase[words[1][4:]].append(d)
        elif words[1] == 'phase':
            phase = words[2]
        elif words[1] == 'cat-begin':
            cur = f'{phase}:{words[2]}' if phase else words[2]
            cats[cur] = []
        elif words[1] == 'replug':
            replug.append(' '.join(words[2:]))
        elif words[1] == 'unbind':
            unbind.append(' '.join(words[2:]))
        elif words[1] == 'vfio':
            vfio.append(' '.join(words[2:]))
        elif words[1] == 'bound':
            bound[words[2]][words[3]] = words[4]
        elif words[1] == 'end':
            end = line
        elif words[1] == 'deferred' and words[2] == 'before':
            deferred.add(words[3])
        elif words[1] == 'insmod' and words[2] != 'before:':
            insmod = ' '.join(words[2:])
        elif words[1] == 'rmmod':
            rmmod = ' '.join(words[2:])
    # The command line names sysctl.kernel.hung_task_timeout_secs: not a
    # report
    bad = [line for line in log
           if BAD_LOG.search(line) and 'Kernel command line:' not in line]

    title = f'{args.name}: {args.machine}'
    print(f'== {title} ({elapsed:.0f} s, QEMU exit {rc}) ==')
    # The guest powers off: QEMU exits 0; a timeout or a crash of QEMU
    # fails the boot (rc is '-' when only reporting on old logs).
    if rc not in (0, '-'):
        failures.append(f'QEMU exit {rc}')
    if args.machine == 'virt':
        attaches, maps, unmaps, translations, faults = parse_trace(trace)
        iommus = [p for p in pci if p['driver'] == 'virtio-pci' and
                  p['id'] == '1af4:1057']
        # Endpoints the kernel drives; a vfio-pci one is reported apart
        eps = [p for p in pci if p not in iommus and
               p['driver'] not in ('-', 'vfio-pci') and
               not p['class'].startswith('0x0600')]
        for p in iommus:
            print(f"IOMMU instance: {p['bdf']} virtio-iommu ({p['id']})")
        print(f"{'endpoint':14} {'id':10} {'driver':11} {'iommu':8} {'group':5} "
              f"{'group type':10} {'attached domains':18} {'MAPs':>6} {'xlates':>7}")
        final = {}
        for p in eps:
            rid = rid_of(p['bdf'])
            hist = attaches.get(rid, [])
            dom = hist[-1] if hist and hist[-1] >= 0 else None
            final[p['bdf']] = dom
            nmaps = maps.get(dom, 0) if dom is not None else 0
            hs = ' -> '.join(str(d) if d >= 0 else f'detach {-d}' for d in hist) or '-'
            print(f"{p['bdf']:14} {p['id']:10} {p['driver']:11} {p['iommu']:8} "
                  f"{p['group']:5} {p['group_type']:10} {hs:18} {nmaps:6} "
                  f"{translations.get(rid, 0):7}")
            if p['iommu'] == '-' or p['group'] == '-':
                failures.append(f"{p['bdf']}: not behind an IOMMU in the guest")
            if dom is None:
                failures.append(f"{p['bdf']}: QEMU saw no attach")
            elif nmaps == 0:
                failures.append(f"{p['bdf']}: no MAP request in its domain {dom}")
            if translations.get(rid, 0) == 0:
                failures.append(f"{p['bdf']}: no DMA translated by the IOMMU")
        doms = sorted(set(d for d in final.values() if d is not None))
        print(f"paging domains in use: {len(doms)} ({', '.join(map(str, doms))}) "
              f"for {len(eps)} endpoints; MAP requests {sum(maps.values())}, "
              f"UNMAP requests {sum(unmaps.values())}, faults {len(faults)}")
        for fl in faults[:5]:
            failures.append(f'IOMMU fault: {fl}')
        if args.expect_domains == 'shared' and len(doms) != 1:
            failures.append(f'expected one shared paging domain, saw {len(doms)}')
        if args.expect_domains == 'per-endpoint' and len(doms) != len(eps):
            failures.append(f'expected one paging domain per endpoint, saw {len(doms)}')
        if len(iommus) != 1:
            failures.append(f'expected one virtio-iommu in the guest, saw {len(iommus)}')
        failures += check_mappings(args, cats.get(MAPPINGS), eps)
        if len(eps) != len(kinds):
            failures.append(f'expected {len(kinds)} endpoints with a driver, saw {len(eps)}')
        if 'e2e.insmod=' in args.append:
            failures += check_module(eps, deferred, insmod, rmmod)
        m = re.search(r'e2e\.replug=(\S+)', args.append)
        if m:
            check_replug(args, eps, m.group(1), replug, cats,
                         blk_phase['replug'], failures)
        if 'e2e.unbind=' in args.append:
            check_unbind(args, eps, unbind, bound, cats, blk_phase['rebound'],
                         len(kinds), failures)
        if args.vfio:
            check_vfio(args, pci, vfio, cats, attaches, maps, translations,
                       set(doms), failures)
    else:
        print('no IOMMU: direct DMA ops (virtio-mmio transports)')
        if pci:
            failures.append('unexpected PCI devices on a machine without PCI')
    check_blk(blk, 'boot', failures)
    if len(blk) != len(kinds):
        failures.append(f'expected {len(kinds)} block devices, saw {len(blk)}')
    for path, lines in cats.items():
        print(f'{path}:')
        for line in lines:
            print(f'  {line}')
    if end is None:
        failures.append('guest did not finish (no "E2E end" line)')
    if 'e2e.kmemleak=' in args.append and \
       not any(k.endswith('/sys/kernel/debug/kmemleak') for k in cats):
        failures.append('kmemleak: no report after the scan')
    # Its first error only is a WARNING; out of memory, it turns itself off
    if dma_api_debug(args):
        dma_api = [line.strip() for line in log
                   if line.startswith('E2E dma-api ')]
        if dma_api != ['E2E dma-api errors=0 disabled=N']:
            failures.append('DMA API debugging: not "errors=0 disabled=N" '
                            f'at the end: {dma_api}')
    if bad:
        print('guest log: problems:')
        for line in bad[:20]:
            print(f'  {line}')
        failures.append(f'{len(bad)} warning/oops/IRQ lines in the guest log')
    else:
        print('guest log: no warnings, oopses or disabled IRQs')
    for f in failures:
        print(f'FAIL: {f}')
    print(f"{title}: {'PASS' if not failures else 'FAIL'}")
    return 0 if not failures else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--name', default='boot')
    ap.add_argument('--machine', default='virt')
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--initrd', required=True)
    ap.add_argument('--dtb')
    ap.add_argument('--outdir', required=True)
    ap.add_argument('--disks', default='nvme,nvme,virtio-blk')
    ap.add_argument('--append', default='')
    ap.add_argument('--cat', default='')
    ap.add_argument('--vfio', metavar='BDF', default='',
                    help='virt: an edu at BDF, handed to vfio-pci')
    ap.add_argument('--memory', type=int, default=512)
    ap.add_argument('--smp', type=int, default=1)
    ap.add_argument('--timeout', type=int, default=300)
    ap.add_argument('--expect-domains', choices=['shared', 'per-endpoint', 'any'],
                    default='any')
    ap.add_argument('--report-only', action='store_true',
                    help='report on the logs of an earlier boot')
    args = ap.parse_args()
    if args.report_only:
        sys.exit(report(args, os.path.join(args.outdir, 'console.log'),
                        os.path.join(args.outdir, 'qemu-trace.log'), '-', 0,
                        args.disks.split(',')))
    if not shutil.which('qemu-system-arm'):
        sys.exit('qemu-system-arm is not installed (run: make deps)')
    sys.exit(run(args))


if __name__ == '__main__':
    main()
