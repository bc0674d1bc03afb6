/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names shared by the ARM DMA mapping KUnit tests and their device tree
 * overlay.
 */
#ifndef _ARM_MM_DMA_MAPPING_KUNIT_H
#define _ARM_MM_DMA_MAPPING_KUNIT_H

/* The test IOMMU: one instance per node, #iommu-cells = <1> (stream ID) */
#define ARM_DMA_TEST_IOMMU		"linux,arm-dma-test-iommu"

/* Masters, one compatible each so that a test binds only those it uses */
#define ARM_DMA_TEST_DIRECT		"linux,arm-dma-test-direct"
#define ARM_DMA_TEST_DIRECT_COHERENT	"linux,arm-dma-test-direct-coherent"
#define ARM_DMA_TEST_IOMMU_MASTER	"linux,arm-dma-test-iommu-master"
#define ARM_DMA_TEST_IOMMU_COHERENT	"linux,arm-dma-test-iommu-coherent"

#endif
