/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMA_H
#define DMA_H

#include <asm/glue-cache.h>

#ifndef MULTI_CACHE
#define dmac_map_area			__glue(_CACHE,_dma_map_area)
#define dmac_unmap_area 		__glue(_CACHE,_dma_unmap_area)

/*
 * These are private to the dma-mapping API.  Do not use directly.
 * Their sole purpose is to ensure that data held in the cache
 * is visible to DMA, or data written by DMA to system memory is
 * visible to the CPU.
 */
extern void dmac_map_area(const void *, size_t, int);
extern void dmac_unmap_area(const void *, size_t, int);

#else

/*
 * These are private to the dma-mapping API.  Do not use directly.
 * Their sole purpose is to ensure that data held in the cache
 * is visible to DMA, or data written by DMA to system memory is
 * visible to the CPU.
 */
#define dmac_map_area			cpu_cache.dma_map_area
#define dmac_unmap_area 		cpu_cache.dma_unmap_area

#endif

#if IS_ENABLED(CONFIG_KUNIT) && defined(CONFIG_ARM_DMA_USE_IOMMU)
#include <linux/dma-map-ops.h>

/* The IOMMU-backed DMA operations, for the KUnit tests to recognise */
extern const struct dma_map_ops arm_iommu_dma_ops;

/* The default mapping policy, for the KUnit tests to switch */
extern bool arm_iommu_isolated;

struct seq_file;
/* The list of default mappings of debugfs, for the KUnit tests to read */
int arm_iommu_mappings_show(struct seq_file *s, void *unused);
#endif

#endif
