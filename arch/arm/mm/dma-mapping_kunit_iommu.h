/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test IOMMU driver of the ARM DMA mapping KUnit tests
 * (dma-mapping_kunit_iommu.c): what a suite uses of it.
 */
#ifndef _ARM_MM_DMA_MAPPING_KUNIT_IOMMU_H
#define _ARM_MM_DMA_MAPPING_KUNIT_IOMMU_H

#include <linux/atomic.h>
#include <linux/container_of.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/xarray.h>

struct fault_attr;
struct kunit;
struct platform_driver;

/* Regions of single masters a test IOMMU instance can have */
#define ARM_DMA_TEST_MAX_REGIONS	8

/**
 * struct test_iommu - an IOMMU instance of the test IOMMU driver
 * @iommu: registered with the IOMMU core
 * @list: in test_iommus
 * @lock: protects @contexts and the attachments of its domains
 * @max_contexts: paging domains it can have attached at once, 0: no limit
 * @contexts: paging domains attached to at least one master
 * @domain_masters: masters a paging domain can be attached to, 0: no limit
 * @no_domains: refuse to allocate paging domains
 * @aperture: first and last IOVA its domains translate
 * @reserved: start and size of the reserved region of each master, if any
 * @msi: start and size of the MSI region of each master, if any
 * @direct: start and size of the direct-mapped region of each master, if any
 * @master_regions: <stream ID, type, start, size> of regions of one master
 *	each, type 0 reserved, 1 direct-mapped
 * @nr_master_regions: number of @master_regions
 * @domains_allocated: paging domains allocated for masters behind it
 * @domains_freed: paging domains freed
 * @domains_refused: paging domain allocations refused
 * @attaches: attaches of a paging domain to a master
 * @attaches_refused: attaches of a paging domain refused
 */
struct test_iommu {
	struct iommu_device iommu;
	struct list_head list;
	spinlock_t lock;	/* contexts and attachments */
	u32 max_contexts;
	u32 contexts;
	u32 domain_masters;
	bool no_domains;
	u32 aperture[2];
	u32 reserved[2];
	u32 msi[2];
	u32 direct[2];
	u32 master_regions[ARM_DMA_TEST_MAX_REGIONS][4];
	int nr_master_regions;
	atomic_t domains_allocated;
	atomic_t domains_freed;
	atomic_t domains_refused;
	atomic_t attaches;
	atomic_t attaches_refused;
};

/**
 * struct test_domain - a paging domain of the test IOMMU
 * @domain: the IOMMU core's view
 * @tiommu: the instance it was allocated for
 * @masters: masters attached to it, under tiommu->lock
 * @finalised: its geometry is set and it maps; see arm_dma_test_iommu_attach_geometry
 * @table: IOVA page frame -> physical page frame, one entry per page
 */
struct test_domain {
	struct iommu_domain domain;
	struct test_iommu *tiommu;
	unsigned int masters;
	bool finalised;
	struct xarray table;
};

/**
 * struct test_master - what the test IOMMU keeps of a master
 * @domain: the paging domain it is attached to, or NULL
 */
struct test_master {
	struct test_domain *domain;
};

static inline struct test_domain *to_test_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct test_domain, domain);
}

/* Finalise paging domains at their first attach, as virtio-iommu does */
extern bool arm_dma_test_iommu_attach_geometry;

/* Fails domain allocations, attaches and maps when should_fail() says */
extern struct fault_attr arm_dma_test_iommu_fault;

/* The test IOMMU instance of fixture node /@name, or the test fails */
struct test_iommu *arm_dma_test_iommu(struct kunit *test, const char *name);

/* Register the driver of the ARM_DMA_TEST_IOMMU nodes for @test */
int arm_dma_test_iommu_register(struct kunit *test);

/* The same, for the ARM_DMA_TEST_LATE_IOMMU nodes */
int arm_dma_test_iommu_register_late(struct kunit *test);

#endif /* _ARM_MM_DMA_MAPPING_KUNIT_IOMMU_H */
