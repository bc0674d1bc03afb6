#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""dma_map_benchmark on QEMU virt: direct DMA ops against the IOMMU-backed
ones of a shared and of an isolated default mapping.

Three boots of the end-to-end kernel with -smp 2, each running the kernel's
dma_map_benchmark (single page map+unmap, 1 and 2 threads) on two masters:

  direct    no IOMMU: an edu with a 32-bit DMA mask, and a platform master
  shared    edu behind a virtio-iommu, default policy
  isolated  the same with arm_iommu=isolated

Every boot also measures the platform master (a virtio-mmio transport with
no driver and no IOMMU, coherent like the PCI masters), so each IOMMU
figure has a direct-ops baseline from the same boot: the ratios divide by
it.  dma_map_benchmark does no device DMA; it times the DMA API calls.
Figures are not pass/fail; a boot that yields none fails.
"""
import argparse
import os
import re
import subprocess
import sys

EDU = '0000:00:08.0'
PLATFORM = 'a000000.virtio_mmio'
# virtio-iommu is a module the guest loads before it binds anything
MODULE = ('e2e.insmod=/lib/modules/virtio-iommu.ko '
          'deferred_probe_timeout=60')

BOOTS = [
    ('direct', ['-device', 'edu,addr=8,dma_mask=0xffffffff'], ''),
    ('shared', ['-device', 'virtio-iommu-pci', '-device', 'edu,addr=8'], ''),
    ('isolated', ['-device', 'virtio-iommu-pci', '-device', 'edu,addr=8'],
     'arm_iommu=isolated'),
]


def boot(args, name, devices, append):
    """Boot once; return {(master, threads): (map_us, unmap_us)}."""
    outdir = os.path.join(args.outdir, name)
    os.makedirs(outdir, exist_ok=True)
    cmd = ['qemu-system-arm', '-nographic', '-no-reboot', '-nic', 'none',
           '-M', 'virt,highmem=off', '-cpu', 'cortex-a15', '-smp', '2',
           '-m', '512', '-kernel', args.kernel, '-initrd', args.initrd,
           *devices, '-append',
           f'console=ttyAMA0 panic=-1 kunit.enable=0 {append} {MODULE} '
           f'e2e.bench_seconds={args.seconds} '
           f'e2e.bench=platform:{PLATFORM},pci:{EDU}']
    console = os.path.join(outdir, 'console.log')
    with open(console, 'w') as out:
        rc = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, timeout=args.timeout)
    with open(console, errors='replace') as f:
        log = f.read()
    figures = {}
    cur = None
    for line in log.splitlines():
        m = re.search(r'E2E bench-begin (\w+):(\S+) threads=(\d+)', line)
        if m:
            cur = ('edu' if m.group(1) == 'pci' else 'platform', int(m.group(3)))
            continue
        m = re.search(r'average (map|unmap) latency\(us\):([\d.]+)', line)
        if m and cur:
            figures.setdefault(cur, {})[m.group(1)] = float(m.group(2))
    # The edu master must have the ops the row claims: a default mapping
    # of that policy behind the IOMMU, none without it
    m = re.search(r'E2E bench-device pci:.*?E2E cat-begin \S+\n(.*?)E2E cat-end',
                  log, re.S)
    mappings = m.group(1) if m else ''
    on_iommu = re.search(r'policy (\w+)(?:(?!\niommu ).)*master ' + re.escape(EDU),
                         mappings, re.S)
    want = None if name == 'direct' else name
    got = on_iommu.group(1) if on_iommu else None
    if got != want:
        print(f'{name}: edu mapping policy {got}, expected {want}',
              file=sys.stderr)
        figures = {}
    for line in log.splitlines():
        if 'E2E bench-error' in line or 'Oops' in line or 'BUG:' in line:
            print(f'{name}: {line.strip()}', file=sys.stderr)
    if rc != 0 or 'E2E end failures=0' not in log:
        print(f'{name}: boot failed (QEMU exit {rc}), see {console}',
              file=sys.stderr)
        return None
    return figures


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--initrd', required=True)
    ap.add_argument('--outdir', required=True)
    ap.add_argument('--seconds', type=int, default=4)
    ap.add_argument('--timeout', type=int, default=300)
    args = ap.parse_args()

    rows = []
    ok = True
    for name, devices, append in BOOTS:
        fig = boot(args, name, devices, append)
        if not fig:
            ok = False
            continue
        for threads in (1, 2):
            base = fig.get(('platform', threads))
            edu = fig.get(('edu', threads))
            if not base or not edu or 'map' not in edu or 'unmap' not in edu:
                print(f'{name}: no figures for {threads} thread(s)',
                      file=sys.stderr)
                ok = False
                continue
            total = (edu['map'] + edu['unmap']) * 1000
            base_total = (base['map'] + base['unmap']) * 1000
            ratio = total / base_total if base_total else float('inf')
            rows.append((name, threads, edu['map'] * 1000,
                         edu['unmap'] * 1000, total, base_total, ratio))

    lines = ['dma_map_benchmark, single page, %d s per run, QEMU virt -smp 2'
             % args.seconds,
             'edu ops    threads  map ns  unmap ns  map+unmap ns  '
             'direct (platform, same boot) ns  ratio']
    for name, threads, mp, ump, total, base, ratio in rows:
        lines.append(f'{name:<10} {threads:>7}  {mp:>6.0f}  {ump:>8.0f}  '
                     f'{total:>12.0f}  {base:>31.0f}  {ratio:>5.1f}')
    report = '\n'.join(lines) + '\n'
    with open(os.path.join(args.outdir, 'report.txt'), 'w') as f:
        f.write(report)
    print(report, end='')
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
