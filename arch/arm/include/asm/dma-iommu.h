/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASMARM_DMA_IOMMU_H
#define ASMARM_DMA_IOMMU_H

#ifdef __KERNEL__

#include <linux/mm_types.h>
#include <linux/scatterlist.h>
#include <linux/kref.h>

/* DMA limits below the size of a mapping that its allocator keeps apart */
#define ARM_IOMMU_NR_FLOORS	3

struct dma_iommu_mapping {
	/* iommu specific data */
	struct iommu_domain	*domain;

	unsigned long		**bitmaps;	/* array of bitmaps */
	unsigned int		nr_bitmaps;	/* nr of elements in array */
	unsigned int		extensions;
	size_t			bitmap_size;	/* size of a single bitmap */
	size_t			bits;		/* per bitmap */
	dma_addr_t		base;
	/* every IOVA page below this one, from base, is in use; under lock */
	unsigned long		next_free;
	/*
	 * The DMA limits of masters narrower than the mapping, in pages from
	 * base, ascending: a master searches above the limits below its own
	 * first.  Every page from floor[i] up to floor_free[i] is in use.
	 * Under lock.
	 */
	unsigned long		floor[ARM_IOMMU_NR_FLOORS];
	unsigned long		floor_free[ARM_IOMMU_NR_FLOORS];
	unsigned int		nr_floors;

	spinlock_t		lock;
	struct kref		kref;
};

struct dma_iommu_mapping *
arm_iommu_create_mapping(struct device *dev, dma_addr_t base, u64 size);

void arm_iommu_release_mapping(struct dma_iommu_mapping *mapping);

int arm_iommu_attach_device(struct device *dev,
					struct dma_iommu_mapping *mapping);
void arm_iommu_detach_device(struct device *dev);

#endif /* __KERNEL__ */
#endif
