/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names and numbers shared by the ARM DMA mapping KUnit tests and their
 * fixtures, device tree overlays.
 */
#ifndef _ARM_MM_DMA_MAPPING_KUNIT_H
#define _ARM_MM_DMA_MAPPING_KUNIT_H

/*
 * The test IOMMU: one instance per node, #iommu-cells = <1> (stream ID).
 * Optional properties shape what the instance accepts:
 *   linux,contexts	  paging domains it can have attached at once
 *   linux,domain-masters masters one paging domain can be attached to
 *   linux,no-domains	  it refuses to allocate paging domains
 *   linux,aperture	  <first last>: IOVAs its domains translate
 *   linux,reserved	  <start size>: reserved region of every master
 *   linux,msi		  <start size>: MSI region of every master
 *   linux,direct	  <start size>: direct-mapped region of every master
 *   linux,master-regions <id type start size>...: a region of the master
 *			  with stream ID id only, type 0 reserved, 1 direct
 *   linux,dma-sharing	  "required" or "forbidden": its masters must, or
 *			  must not, share a DMA domain (iommu_device's
 *			  dma_sharing)
 */
#define ARM_DMA_TEST_IOMMU		"linux,arm-dma-test-iommu"
/* The same, registered only by the tests of IOMMUs that register late */
#define ARM_DMA_TEST_LATE_IOMMU		"linux,arm-dma-test-late-iommu"
/* An IOMMU no driver ever registers */
#define ARM_DMA_TEST_ABSENT_IOMMU	"linux,arm-dma-test-absent-iommu"

/* Masters, one compatible each so that a test binds only those it uses */
#define ARM_DMA_TEST_DIRECT		"linux,arm-dma-test-direct"
#define ARM_DMA_TEST_DIRECT_COHERENT	"linux,arm-dma-test-direct-coherent"
#define ARM_DMA_TEST_IOMMU_MASTER	"linux,arm-dma-test-iommu-master"
#define ARM_DMA_TEST_IOMMU_COHERENT	"linux,arm-dma-test-iommu-coherent"
#define ARM_DMA_TEST_IOMMU1_MASTER	"linux,arm-dma-test-iommu1-master"
#define ARM_DMA_TEST_WINDOW_MASTER	"linux,arm-dma-test-window-master"
#define ARM_DMA_TEST_TRIO_MASTER	"linux,arm-dma-test-trio-master"
#define ARM_DMA_TEST_CTX_MASTER		"linux,arm-dma-test-ctx-master"
#define ARM_DMA_TEST_NOSHARE_MASTER	"linux,arm-dma-test-noshare-master"
#define ARM_DMA_TEST_NODOMAIN_MASTER	"linux,arm-dma-test-nodomain-master"
#define ARM_DMA_TEST_RESV_MASTER	"linux,arm-dma-test-resv-master"
#define ARM_DMA_TEST_IDMAP_MASTER	"linux,arm-dma-test-idmap-master"
#define ARM_DMA_TEST_RESV_SHARED_MASTER	"linux,arm-dma-test-resv-shared-master"
#define ARM_DMA_TEST_RESV_NOSHARE_MASTER "linux,arm-dma-test-resv-noshare-master"
#define ARM_DMA_TEST_HIGH_WINDOW_MASTER	"linux,arm-dma-test-high-window-master"
#define ARM_DMA_TEST_LATE_MASTER	"linux,arm-dma-test-late-master"
#define ARM_DMA_TEST_ABSENT_MASTER	"linux,arm-dma-test-absent-master"
#define ARM_DMA_TEST_TAIL_MASTER	"linux,arm-dma-test-tail-master"
#define ARM_DMA_TEST_AMBA_MASTER	"linux,arm-dma-test-amba-master"
#define ARM_DMA_TEST_SINGLE_MASTER	"linux,arm-dma-test-single-master"
#define ARM_DMA_TEST_ISOLATING_MASTER	"linux,arm-dma-test-isolating-master"
#define ARM_DMA_TEST_BENCH_MASTER	"linux,arm-dma-test-bench-master"

/* The DMA window of the window masters (dma-ranges of their bus) */
#define ARM_DMA_TEST_WINDOW_BASE	0x80000000
#define ARM_DMA_TEST_WINDOW_SIZE	0x10000000

/* The test IOMMU with reserved regions, and its aperture */
#define ARM_DMA_TEST_APERTURE_FIRST	0x10000000
#define ARM_DMA_TEST_APERTURE_LAST	0x1fffffff
/* one page into the mapping; the next across its first bitmap's end */
#define ARM_DMA_TEST_RESERVED_START	0x10001000
#define ARM_DMA_TEST_RESERVED_SIZE	0x00010000
#define ARM_DMA_TEST_MSI_START		0x17ff0000
#define ARM_DMA_TEST_MSI_SIZE		0x00020000

/* The test IOMMU with a direct-mapped region inside its aperture */
#define ARM_DMA_TEST_IDMAP_APERTURE_FIRST	0x20000000
#define ARM_DMA_TEST_IDMAP_APERTURE_LAST	0x2fffffff
#define ARM_DMA_TEST_IDMAP_DIRECT_START		0x28000000
#define ARM_DMA_TEST_IDMAP_DIRECT_SIZE		0x00004000

/*
 * Regions of single masters of the shared mapping: b's overlaps a's in
 * part, c's covers IOVA 0, d's is direct-mapped.
 */
#define ARM_DMA_TEST_RESV_SIZE		0x00010000
#define ARM_DMA_TEST_RESV_A_START	0x30000000
#define ARM_DMA_TEST_RESV_B_START	0x30008000
#define ARM_DMA_TEST_RESV_D_START	0x38000000

/*
 * The test IOMMU whose aperture, 960 MiB, ends half way through the span
 * of the last bitmap of a mapping (128 MiB each), with a reserved region
 * in that half
 */
#define ARM_DMA_TEST_TAIL_APERTURE_FIRST	0x40000000
#define ARM_DMA_TEST_TAIL_APERTURE_LAST		0x7bffffff
#define ARM_DMA_TEST_TAIL_RESERVED_START	0x78000000
#define ARM_DMA_TEST_TAIL_RESERVED_SIZE		0x00010000

/*
 * The test IOMMU that requires its masters to share, with one context and
 * ipmmu-vmsa's aperture on 32-bit ARM: IOVAs 1 GiB..3 GiB
 */
#define ARM_DMA_TEST_SINGLE_APERTURE_FIRST	0x40000000
#define ARM_DMA_TEST_SINGLE_APERTURE_LAST	0xbfffffff
#define ARM_DMA_TEST_SINGLE_MASTERS	3
#define ARM_DMA_TEST_ISOLATING_MASTERS	2

#define ARM_DMA_TEST_CTX_LIMIT		4
#define ARM_DMA_TEST_CTX_MASTERS	12
#define ARM_DMA_TEST_TRIO_MASTERS	3
#define ARM_DMA_TEST_BENCH_MASTERS	4

#endif
