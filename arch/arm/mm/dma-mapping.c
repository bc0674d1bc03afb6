// SPDX-License-Identifier: GPL-2.0-only
/*
 *  linux/arch/arm/mm/dma-mapping.c
 *
 *  Copyright (C) 2000-2004 Russell King
 *
 *  DMA uncached mapping support.
 */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/genalloc.h>
#include <linux/gfp.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/init.h>
#include <linux/device.h>
#include <linux/dma-direct.h>
#include <linux/dma-map-ops.h>
#include <linux/highmem.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/iommu.h>
#include <linux/io.h>
#include <linux/vmalloc.h>
#include <linux/sizes.h>
#include <linux/cma.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include <kunit/visibility.h>

#include <asm/page.h>
#include <asm/highmem.h>
#include <asm/cacheflush.h>
#include <asm/tlbflush.h>
#include <asm/mach/arch.h>
#include <asm/dma-iommu.h>
#include <asm/mach/map.h>
#include <asm/system_info.h>
#include <asm/xen/xen-ops.h>

#include "dma.h"
#include "mm.h"

struct arm_dma_alloc_args {
	struct device *dev;
	size_t size;
	gfp_t gfp;
	pgprot_t prot;
	const void *caller;
	bool want_vaddr;
	int coherent_flag;
};

struct arm_dma_free_args {
	struct device *dev;
	size_t size;
	void *cpu_addr;
	struct page *page;
	bool want_vaddr;
};

#define NORMAL	    0
#define COHERENT    1

struct arm_dma_allocator {
	void *(*alloc)(struct arm_dma_alloc_args *args,
		       struct page **ret_page);
	void (*free)(struct arm_dma_free_args *args);
};

struct arm_dma_buffer {
	struct list_head list;
	void *virt;
	struct arm_dma_allocator *allocator;
};

static LIST_HEAD(arm_dma_bufs);
static DEFINE_SPINLOCK(arm_dma_bufs_lock);

static struct arm_dma_buffer *arm_dma_buffer_find(void *virt)
{
	struct arm_dma_buffer *buf, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&arm_dma_bufs_lock, flags);
	list_for_each_entry(buf, &arm_dma_bufs, list) {
		if (buf->virt == virt) {
			list_del(&buf->list);
			found = buf;
			break;
		}
	}
	spin_unlock_irqrestore(&arm_dma_bufs_lock, flags);
	return found;
}

/*
 * The DMA API is built upon the notion of "buffer ownership".  A buffer
 * is either exclusively owned by the CPU (and therefore may be accessed
 * by it) or exclusively owned by the DMA device.  These helper functions
 * represent the transitions between these two ownership states.
 *
 * Note, however, that on later ARMs, this notion does not work due to
 * speculative prefetches.  We model our approach on the assumption that
 * the CPU does do speculative prefetches, which means we clean caches
 * before transfers and delay cache invalidation until transfer completion.
 *
 */

static void __dma_clear_buffer(struct page *page, size_t size, int coherent_flag)
{
	/*
	 * Ensure that the allocated pages are zeroed, and that any data
	 * lurking in the kernel direct-mapped region is invalidated.
	 */
	if (PageHighMem(page)) {
		phys_addr_t base = __pfn_to_phys(page_to_pfn(page));
		phys_addr_t end = base + size;
		while (size > 0) {
			void *ptr = kmap_atomic(page);
			memset(ptr, 0, PAGE_SIZE);
			if (coherent_flag != COHERENT)
				dmac_flush_range(ptr, ptr + PAGE_SIZE);
			kunmap_atomic(ptr);
			page++;
			size -= PAGE_SIZE;
		}
		if (coherent_flag != COHERENT)
			outer_flush_range(base, end);
	} else {
		void *ptr = page_address(page);
		memset(ptr, 0, size);
		if (coherent_flag != COHERENT) {
			dmac_flush_range(ptr, ptr + size);
			outer_flush_range(__pa(ptr), __pa(ptr) + size);
		}
	}
}

/*
 * Allocate a DMA buffer for 'dev' of size 'size' using the
 * specified gfp mask.  Note that 'size' must be page aligned.
 */
static struct page *__dma_alloc_buffer(struct device *dev, size_t size,
				       gfp_t gfp, int coherent_flag)
{
	unsigned long order = get_order(size);
	struct page *page, *p, *e;

	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;

	/*
	 * Now split the huge page and free the excess pages
	 */
	split_page(page, order);
	for (p = page + (size >> PAGE_SHIFT), e = page + (1 << order); p < e; p++)
		__free_page(p);

	__dma_clear_buffer(page, size, coherent_flag);

	return page;
}

/*
 * Free a DMA buffer.  'size' must be page aligned.
 */
static void __dma_free_buffer(struct page *page, size_t size)
{
	struct page *e = page + (size >> PAGE_SHIFT);

	while (page < e) {
		__free_page(page);
		page++;
	}
}

static void *__alloc_from_contiguous(struct device *dev, size_t size,
				     pgprot_t prot, struct page **ret_page,
				     const void *caller, bool want_vaddr,
				     int coherent_flag, gfp_t gfp);

static void *__alloc_remap_buffer(struct device *dev, size_t size, gfp_t gfp,
				 pgprot_t prot, struct page **ret_page,
				 const void *caller, bool want_vaddr);

#define DEFAULT_DMA_COHERENT_POOL_SIZE	SZ_256K
static struct gen_pool *atomic_pool __ro_after_init;

static size_t atomic_pool_size __initdata = DEFAULT_DMA_COHERENT_POOL_SIZE;

static int __init early_coherent_pool(char *p)
{
	atomic_pool_size = memparse(p, &p);
	return 0;
}
early_param("coherent_pool", early_coherent_pool);

/*
 * Initialise the coherent pool for atomic allocations.
 */
static int __init atomic_pool_init(void)
{
	pgprot_t prot = pgprot_dmacoherent(PAGE_KERNEL);
	gfp_t gfp = GFP_KERNEL | GFP_DMA;
	struct page *page;
	void *ptr;

	atomic_pool = gen_pool_create(PAGE_SHIFT, -1);
	if (!atomic_pool)
		goto out;
	/*
	 * The atomic pool is only used for non-coherent allocations
	 * so we must pass NORMAL for coherent_flag.
	 */
	if (dev_get_cma_area(NULL))
		ptr = __alloc_from_contiguous(NULL, atomic_pool_size, prot,
				      &page, atomic_pool_init, true, NORMAL,
				      GFP_KERNEL);
	else
		ptr = __alloc_remap_buffer(NULL, atomic_pool_size, gfp, prot,
					   &page, atomic_pool_init, true);
	if (ptr) {
		int ret;

		ret = gen_pool_add_virt(atomic_pool, (unsigned long)ptr,
					page_to_phys(page),
					atomic_pool_size, -1);
		if (ret)
			goto destroy_genpool;

		gen_pool_set_algo(atomic_pool,
				gen_pool_first_fit_order_align,
				NULL);
		pr_info("DMA: preallocated %zu KiB pool for atomic coherent allocations\n",
		       atomic_pool_size / 1024);
		return 0;
	}

destroy_genpool:
	gen_pool_destroy(atomic_pool);
	atomic_pool = NULL;
out:
	pr_err("DMA: failed to allocate %zu KiB pool for atomic coherent allocation\n",
	       atomic_pool_size / 1024);
	return -ENOMEM;
}
/*
 * CMA is activated by core_initcall, so we must be called after it.
 */
postcore_initcall(atomic_pool_init);

#ifdef CONFIG_CMA_AREAS
struct dma_contig_early_reserve {
	phys_addr_t base;
	unsigned long size;
};

static struct dma_contig_early_reserve dma_mmu_remap[MAX_CMA_AREAS] __initdata;

static int dma_mmu_remap_num __initdata;

#ifdef CONFIG_DMA_CMA
void __init dma_contiguous_early_fixup(phys_addr_t base, unsigned long size)
{
	dma_mmu_remap[dma_mmu_remap_num].base = base;
	dma_mmu_remap[dma_mmu_remap_num].size = size;
	dma_mmu_remap_num++;
}
#endif

void __init dma_contiguous_remap(void)
{
	int i;
	for (i = 0; i < dma_mmu_remap_num; i++) {
		phys_addr_t start = dma_mmu_remap[i].base;
		phys_addr_t end = start + dma_mmu_remap[i].size;
		struct map_desc map;
		unsigned long addr;

		if (end > arm_lowmem_limit)
			end = arm_lowmem_limit;
		if (start >= end)
			continue;

		map.pfn = __phys_to_pfn(start);
		map.virtual = __phys_to_virt(start);
		map.length = end - start;
		map.type = MT_MEMORY_DMA_READY;

		/*
		 * Clear previous low-memory mapping to ensure that the
		 * TLB does not see any conflicting entries, then flush
		 * the TLB of the old entries before creating new mappings.
		 *
		 * This ensures that any speculatively loaded TLB entries
		 * (even though they may be rare) can not cause any problems,
		 * and ensures that this code is architecturally compliant.
		 */
		for (addr = __phys_to_virt(start); addr < __phys_to_virt(end);
		     addr += PMD_SIZE)
			pmd_clear(pmd_off_k(addr));

		flush_tlb_kernel_range(__phys_to_virt(start),
				       __phys_to_virt(end));

		iotable_init(&map, 1);
	}
}
#endif

static int __dma_update_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct page *page = virt_to_page((void *)addr);
	pgprot_t prot = *(pgprot_t *)data;

	set_pte_ext(pte, mk_pte(page, prot), 0);
	return 0;
}

static void __dma_remap(struct page *page, size_t size, pgprot_t prot)
{
	unsigned long start = (unsigned long) page_address(page);
	unsigned end = start + size;

	apply_to_page_range(&init_mm, start, size, __dma_update_pte, &prot);
	flush_tlb_kernel_range(start, end);
}

static void *__alloc_remap_buffer(struct device *dev, size_t size, gfp_t gfp,
				 pgprot_t prot, struct page **ret_page,
				 const void *caller, bool want_vaddr)
{
	struct page *page;
	void *ptr = NULL;
	/*
	 * __alloc_remap_buffer is only called when the device is
	 * non-coherent
	 */
	page = __dma_alloc_buffer(dev, size, gfp, NORMAL);
	if (!page)
		return NULL;
	if (!want_vaddr)
		goto out;

	ptr = dma_common_contiguous_remap(page, size, prot, caller);
	if (!ptr) {
		__dma_free_buffer(page, size);
		return NULL;
	}

 out:
	*ret_page = page;
	return ptr;
}

static void *__alloc_from_pool(size_t size, struct page **ret_page)
{
	unsigned long val;
	void *ptr = NULL;

	if (!atomic_pool) {
		WARN(1, "coherent pool not initialised!\n");
		return NULL;
	}

	val = gen_pool_alloc(atomic_pool, size);
	if (val) {
		phys_addr_t phys = gen_pool_virt_to_phys(atomic_pool, val);

		*ret_page = phys_to_page(phys);
		ptr = (void *)val;
	}

	return ptr;
}

static bool __in_atomic_pool(void *start, size_t size)
{
	return gen_pool_has_addr(atomic_pool, (unsigned long)start, size);
}

static int __free_from_pool(void *start, size_t size)
{
	if (!__in_atomic_pool(start, size))
		return 0;

	gen_pool_free(atomic_pool, (unsigned long)start, size);

	return 1;
}

static void *__alloc_from_contiguous(struct device *dev, size_t size,
				     pgprot_t prot, struct page **ret_page,
				     const void *caller, bool want_vaddr,
				     int coherent_flag, gfp_t gfp)
{
	unsigned long order = get_order(size);
	size_t count = size >> PAGE_SHIFT;
	struct page *page;
	void *ptr = NULL;

	page = dma_alloc_from_contiguous(dev, count, order, gfp & __GFP_NOWARN);
	if (!page)
		return NULL;

	__dma_clear_buffer(page, size, coherent_flag);

	if (!want_vaddr)
		goto out;

	if (PageHighMem(page)) {
		ptr = dma_common_contiguous_remap(page, size, prot, caller);
		if (!ptr) {
			dma_release_from_contiguous(dev, page, count);
			return NULL;
		}
	} else {
		__dma_remap(page, size, prot);
		ptr = page_address(page);
	}

 out:
	*ret_page = page;
	return ptr;
}

static void __free_from_contiguous(struct device *dev, struct page *page,
				   void *cpu_addr, size_t size, bool want_vaddr)
{
	if (want_vaddr) {
		if (PageHighMem(page))
			dma_common_free_remap(cpu_addr, size);
		else
			__dma_remap(page, size, PAGE_KERNEL);
	}
	dma_release_from_contiguous(dev, page, size >> PAGE_SHIFT);
}

static inline pgprot_t __get_dma_pgprot(unsigned long attrs, pgprot_t prot)
{
	prot = (attrs & DMA_ATTR_WRITE_COMBINE) ?
			pgprot_writecombine(prot) :
			pgprot_dmacoherent(prot);
	return prot;
}

static void *__alloc_simple_buffer(struct device *dev, size_t size, gfp_t gfp,
				   struct page **ret_page)
{
	struct page *page;
	/* __alloc_simple_buffer is only called when the device is coherent */
	page = __dma_alloc_buffer(dev, size, gfp, COHERENT);
	if (!page)
		return NULL;

	*ret_page = page;
	return page_address(page);
}

static void *simple_allocator_alloc(struct arm_dma_alloc_args *args,
				    struct page **ret_page)
{
	return __alloc_simple_buffer(args->dev, args->size, args->gfp,
				     ret_page);
}

static void simple_allocator_free(struct arm_dma_free_args *args)
{
	__dma_free_buffer(args->page, args->size);
}

static struct arm_dma_allocator simple_allocator = {
	.alloc = simple_allocator_alloc,
	.free = simple_allocator_free,
};

static void *cma_allocator_alloc(struct arm_dma_alloc_args *args,
				 struct page **ret_page)
{
	return __alloc_from_contiguous(args->dev, args->size, args->prot,
				       ret_page, args->caller,
				       args->want_vaddr, args->coherent_flag,
				       args->gfp);
}

static void cma_allocator_free(struct arm_dma_free_args *args)
{
	__free_from_contiguous(args->dev, args->page, args->cpu_addr,
			       args->size, args->want_vaddr);
}

static struct arm_dma_allocator cma_allocator = {
	.alloc = cma_allocator_alloc,
	.free = cma_allocator_free,
};

static void *pool_allocator_alloc(struct arm_dma_alloc_args *args,
				  struct page **ret_page)
{
	return __alloc_from_pool(args->size, ret_page);
}

static void pool_allocator_free(struct arm_dma_free_args *args)
{
	__free_from_pool(args->cpu_addr, args->size);
}

static struct arm_dma_allocator pool_allocator = {
	.alloc = pool_allocator_alloc,
	.free = pool_allocator_free,
};

static void *remap_allocator_alloc(struct arm_dma_alloc_args *args,
				   struct page **ret_page)
{
	return __alloc_remap_buffer(args->dev, args->size, args->gfp,
				    args->prot, ret_page, args->caller,
				    args->want_vaddr);
}

static void remap_allocator_free(struct arm_dma_free_args *args)
{
	if (args->want_vaddr)
		dma_common_free_remap(args->cpu_addr, args->size);

	__dma_free_buffer(args->page, args->size);
}

static struct arm_dma_allocator remap_allocator = {
	.alloc = remap_allocator_alloc,
	.free = remap_allocator_free,
};

static void *__dma_alloc(struct device *dev, size_t size, dma_addr_t *handle,
			 gfp_t gfp, pgprot_t prot, bool is_coherent,
			 unsigned long attrs, const void *caller)
{
	u64 mask = min_not_zero(dev->coherent_dma_mask, dev->bus_dma_limit);
	struct page *page = NULL;
	void *addr;
	bool allowblock, cma;
	struct arm_dma_buffer *buf;
	struct arm_dma_alloc_args args = {
		.dev = dev,
		.size = PAGE_ALIGN(size),
		.gfp = gfp,
		.prot = prot,
		.caller = caller,
		.want_vaddr = ((attrs & DMA_ATTR_NO_KERNEL_MAPPING) == 0),
		.coherent_flag = is_coherent ? COHERENT : NORMAL,
	};

#ifdef CONFIG_DMA_API_DEBUG
	u64 limit = (mask + 1) & ~mask;
	if (limit && size >= limit) {
		dev_warn(dev, "coherent allocation too big (requested %#x mask %#llx)\n",
			size, mask);
		return NULL;
	}
#endif

	buf = kzalloc(sizeof(*buf),
		      gfp & ~(__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM));
	if (!buf)
		return NULL;

	if (mask < 0xffffffffULL)
		gfp |= GFP_DMA;

	args.gfp = gfp;

	*handle = DMA_MAPPING_ERROR;
	allowblock = gfpflags_allow_blocking(gfp);
	cma = allowblock ? dev_get_cma_area(dev) : NULL;

	if (cma)
		buf->allocator = &cma_allocator;
	else if (is_coherent)
		buf->allocator = &simple_allocator;
	else if (allowblock)
		buf->allocator = &remap_allocator;
	else
		buf->allocator = &pool_allocator;

	addr = buf->allocator->alloc(&args, &page);

	if (page) {
		unsigned long flags;

		*handle = phys_to_dma(dev, page_to_phys(page));
		buf->virt = args.want_vaddr ? addr : page;

		spin_lock_irqsave(&arm_dma_bufs_lock, flags);
		list_add(&buf->list, &arm_dma_bufs);
		spin_unlock_irqrestore(&arm_dma_bufs_lock, flags);
	} else {
		kfree(buf);
	}

	return args.want_vaddr ? addr : page;
}

/*
 * Free a buffer as defined by the above mapping.
 */
static void __arm_dma_free(struct device *dev, size_t size, void *cpu_addr,
			   dma_addr_t handle, unsigned long attrs,
			   bool is_coherent)
{
	struct page *page = phys_to_page(dma_to_phys(dev, handle));
	struct arm_dma_buffer *buf;
	struct arm_dma_free_args args = {
		.dev = dev,
		.size = PAGE_ALIGN(size),
		.cpu_addr = cpu_addr,
		.page = page,
		.want_vaddr = ((attrs & DMA_ATTR_NO_KERNEL_MAPPING) == 0),
	};

	buf = arm_dma_buffer_find(cpu_addr);
	if (WARN(!buf, "Freeing invalid buffer %p\n", cpu_addr))
		return;

	buf->allocator->free(&args);
	kfree(buf);
}

static void dma_cache_maint_page(struct page *page, unsigned long offset,
	size_t size, enum dma_data_direction dir,
	void (*op)(const void *, size_t, int))
{
	unsigned long pfn;
	size_t left = size;

	pfn = page_to_pfn(page) + offset / PAGE_SIZE;
	offset %= PAGE_SIZE;

	/*
	 * A single sg entry may refer to multiple physically contiguous
	 * pages.  But we still need to process highmem pages individually.
	 * If highmem is not configured then the bulk of this loop gets
	 * optimized out.
	 */
	do {
		size_t len = left;
		void *vaddr;

		page = pfn_to_page(pfn);

		if (PageHighMem(page)) {
			if (len + offset > PAGE_SIZE)
				len = PAGE_SIZE - offset;

			if (cache_is_vipt_nonaliasing()) {
				vaddr = kmap_atomic(page);
				op(vaddr + offset, len, dir);
				kunmap_atomic(vaddr);
			} else {
				vaddr = kmap_high_get(page);
				if (vaddr) {
					op(vaddr + offset, len, dir);
					kunmap_high(page);
				}
			}
		} else {
			vaddr = page_address(page) + offset;
			op(vaddr, len, dir);
		}
		offset = 0;
		pfn++;
		left -= len;
	} while (left);
}

/*
 * Make an area consistent for devices.
 * Note: Drivers should NOT use this function directly.
 * Use the driver DMA support - see dma-mapping.h (dma_sync_*)
 */
static void __dma_page_cpu_to_dev(struct page *page, unsigned long off,
	size_t size, enum dma_data_direction dir)
{
	phys_addr_t paddr;

	dma_cache_maint_page(page, off, size, dir, dmac_map_area);

	paddr = page_to_phys(page) + off;
	if (dir == DMA_FROM_DEVICE) {
		outer_inv_range(paddr, paddr + size);
	} else {
		outer_clean_range(paddr, paddr + size);
	}
	/* FIXME: non-speculating: flush on bidirectional mappings? */
}

static void __dma_page_dev_to_cpu(struct page *page, unsigned long off,
	size_t size, enum dma_data_direction dir)
{
	phys_addr_t paddr = page_to_phys(page) + off;

	/* FIXME: non-speculating: not required */
	/* in any case, don't bother invalidating if DMA to device */
	if (dir != DMA_TO_DEVICE) {
		outer_inv_range(paddr, paddr + size);

		dma_cache_maint_page(page, off, size, dir, dmac_unmap_area);
	}

	/*
	 * Mark the D-cache clean for these pages to avoid extra flushing.
	 */
	if (dir != DMA_TO_DEVICE && size >= PAGE_SIZE) {
		struct folio *folio = pfn_folio(paddr / PAGE_SIZE);
		size_t offset = offset_in_folio(folio, paddr);

		for (;;) {
			size_t sz = folio_size(folio) - offset;

			if (size < sz)
				break;
			if (!offset)
				set_bit(PG_dcache_clean, &folio->flags);
			offset = 0;
			size -= sz;
			if (!size)
				break;
			folio = folio_next(folio);
		}
	}
}

#ifdef CONFIG_ARM_DMA_USE_IOMMU

static int __dma_info_to_prot(enum dma_data_direction dir, unsigned long attrs)
{
	int prot = 0;

	if (attrs & DMA_ATTR_PRIVILEGED)
		prot |= IOMMU_PRIV;

	switch (dir) {
	case DMA_BIDIRECTIONAL:
		return prot | IOMMU_READ | IOMMU_WRITE;
	case DMA_TO_DEVICE:
		return prot | IOMMU_READ;
	case DMA_FROM_DEVICE:
		return prot | IOMMU_WRITE;
	default:
		return prot;
	}
}

/* IOMMU */

static int extend_iommu_mapping(struct dma_iommu_mapping *mapping);
static int arm_iommu_grow_bitmaps(struct dma_iommu_mapping *mapping,
				  unsigned long pages);

/*
 * The last IOVA @dev can address: its streaming or its @coherent DMA mask,
 * within its bus's limit.  The DMA-API document says no DMA address handed
 * to a device may exceed the mask it set.
 */
static u64 arm_iommu_dma_limit(struct device *dev, bool coherent)
{
	u64 mask = coherent ? dev->coherent_dma_mask : dma_get_mask(dev);

	return min_not_zero(mask, dev->bus_dma_limit);
}

/*
 * The IOVA pages [@page, @end) of @mapping, counted from its base, were
 * freed: move the first free page of the search from the bottom, and of
 * each floor the range reaches above, down to them.  Call with the lock
 * held.
 */
static void arm_iommu_pages_freed(struct dma_iommu_mapping *mapping,
				  unsigned long page, unsigned long end)
{
	unsigned int i;

	if (page < mapping->next_free)
		mapping->next_free = page;
	for (i = 0; i < mapping->nr_floors; i++)
		if (end > mapping->floor[i] && page < mapping->floor_free[i])
			mapping->floor_free[i] = max(page, mapping->floor[i]);
}

/*
 * Pages of @mapping, from its base, that lie at or below the IOVA @limit;
 * 0 when @limit is below the mapping, or 0 (no DMA mask).
 */
static u64 arm_iommu_limit_pages(struct dma_iommu_mapping *mapping,
				 u64 limit)
{
	u64 total = (u64)mapping->extensions * mapping->bits;

	if (!limit || limit < mapping->base)
		return 0;
	return min(((limit - mapping->base) >> PAGE_SHIFT) + 1, total);
}

/* arm_iommu_add_floor() for 0 < @pages < the pages of @mapping */
static void __arm_iommu_add_floor(struct dma_iommu_mapping *mapping,
				  u64 pages)
{
	unsigned int i, n = mapping->nr_floors;

	for (i = 0; i < n && mapping->floor[i] < pages; i++)
		;
	if (i < n && mapping->floor[i] == pages)
		return;
	if (n == ARM_IOMMU_NR_FLOORS) {
		if (i == n)
			return;
		n--;
	}
	memmove(&mapping->floor[i + 1], &mapping->floor[i],
		(n - i) * sizeof(mapping->floor[0]));
	memmove(&mapping->floor_free[i + 1], &mapping->floor_free[i],
		(n - i) * sizeof(mapping->floor_free[0]));
	mapping->floor[i] = pages;
	mapping->floor_free[i] = pages;
	mapping->nr_floors = n + 1;
}

/*
 * Keep the IOVA pages below @pages, the DMA limit of a master of @mapping,
 * for masters that cannot address higher: from now on, wider masters
 * search above it first.  Limits that span the mapping change nothing; of
 * more distinct limits than ARM_IOMMU_NR_FLOORS, the lowest are kept.
 * Call with the lock held.
 */
static void arm_iommu_add_floor(struct dma_iommu_mapping *mapping, u64 pages)
{
	if (pages && pages < (u64)mapping->extensions * mapping->bits)
		__arm_iommu_add_floor(mapping, pages);
}

/*
 * Note the DMA limits of @dev, a master of @mapping, as it attaches or
 * sets its DMA masks.
 */
static void arm_iommu_note_limits(struct dma_iommu_mapping *mapping,
				  struct device *dev, u64 mask)
{
	u64 limit = min_not_zero(mask, dev->bus_dma_limit);
	unsigned long flags;

	spin_lock_irqsave(&mapping->lock, flags);
	arm_iommu_add_floor(mapping, arm_iommu_limit_pages(mapping, limit));
	spin_unlock_irqrestore(&mapping->lock, flags);
}

/*
 * Take @count free pages aligned to @align + 1 (relative to their bitmap)
 * from @mapping, searching up from the page *@hint to the page @pages,
 * and move *@hint up past them when it pointed at the first of them.
 * Return the first page taken, counted from the base, or -ENOSPC.  Call
 * with the lock held.
 */
static long arm_iommu_take_pages(struct dma_iommu_mapping *mapping,
				 unsigned long *hint, u64 pages,
				 unsigned int count, unsigned int align)
{
	unsigned int end, start, from, first, i;

	/*
	 * Search the bitmaps in order, allocating those not there yet (a
	 * floor may lie beyond the next one), up to the last page below the
	 * limit.
	 */
	first = *hint < mapping->bits ? 0 : *hint / mapping->bits;
	from = *hint - first * mapping->bits;
	for (i = first; (u64)i * mapping->bits < pages; i++, from = 0) {
		while (i >= mapping->nr_bitmaps) {
			if (extend_iommu_mapping(mapping))
				return -ENOSPC;
		}
		end = min_t(u64, pages - (u64)i * mapping->bits, mapping->bits);
		/*
		 * One page, the most frequent request (dma_map_page() of a
		 * page or less): the hint's page when it is free.
		 */
		if (count == 1 && !align && from < end &&
		    !test_bit(from, mapping->bitmaps[i]))
			start = from;
		else
			start = bitmap_find_next_zero_area(mapping->bitmaps[i],
							   end, from, count,
							   align);
		if (start + count > end)
			continue;
		if (count == 1)
			__set_bit(start, mapping->bitmaps[i]);
		else
			bitmap_set(mapping->bitmaps[i], start, count);
		/*
		 * Move the start of the next search up to the first free
		 * page of its bitmap: past this allocation when it took that
		 * page, past pages others set (IOVA 0, reserved ranges, a
		 * search from a lower hint) when the search started on one
		 * of them.  An allocation in a later bitmap leaves it.
		 */
		if (i == first) {
			if (start == from)
				from = start + count;
			if (from < mapping->bits &&
			    test_bit(from, mapping->bitmaps[i]))
				from = find_next_zero_bit(mapping->bitmaps[i],
							  mapping->bits, from);
			*hint = i * mapping->bits + from;
		}
		return i * mapping->bits + start;
	}
	return -ENOSPC;
}

/*
 * Allocate @size bytes of IOVA space aligned to 2^@order pages (relative
 * to the start of the mapping's bitmap that holds them), all of it at or
 * below the IOVA @limit.  Masters with different DMA masks may share a
 * mapping: each allocation honours the mask of the master it is for.
 *
 * The search is first-fit from the bottom, the order drivers such as
 * Exynos S5P-MFC rely on, with one refinement for masters of different
 * DMA limits on one mapping: a master searches first from the highest
 * limit of a narrower master (mapping->floor) up to its own limit, and
 * only then from the bottom.  So the master with the narrowest limit, and
 * every master where all share one limit, gets exactly the bottom-up
 * first-fit order; wider ones get it above the narrower limits, and take
 * IOVAs that narrower masters need only when nothing else is free.  Each
 * search starts at the first page that may be free (mapping->next_free,
 * or floor_free for a floor): the result is the one a search from there
 * finds, without scanning the pages long-lived buffers hold.
 */
static dma_addr_t __alloc_iova_order(struct dma_iommu_mapping *mapping,
				     size_t size, unsigned int order,
				     u64 limit)
{
	unsigned int count, align, i;
	unsigned long flags;
	u64 pages;
	long page;

	count = PAGE_ALIGN(size) >> PAGE_SHIFT;
	align = (1 << order) - 1;
	pages = arm_iommu_limit_pages(mapping, limit);
	if (!pages || count > mapping->bits)
		return DMA_MAPPING_ERROR;

	spin_lock_irqsave(&mapping->lock, flags);
	/* A master that set its mask behind dma_set_mask()'s back */
	arm_iommu_add_floor(mapping, pages);
	for (i = mapping->nr_floors; i && mapping->floor[i - 1] >= pages; i--)
		;
	page = -ENOSPC;
	if (i)
		page = arm_iommu_take_pages(mapping, &mapping->floor_free[i - 1],
					    pages, count, align);
	if (page < 0)
		page = arm_iommu_take_pages(mapping, &mapping->next_free,
					    pages, count, align);
	spin_unlock_irqrestore(&mapping->lock, flags);
	if (page < 0)
		return DMA_MAPPING_ERROR;

	return mapping->base + ((dma_addr_t)page << PAGE_SHIFT);
}

static inline dma_addr_t __alloc_iova(struct dma_iommu_mapping *mapping,
				      size_t size, u64 limit)
{
	unsigned int order = get_order(size);

	if (order > CONFIG_ARM_DMA_IOMMU_ALIGNMENT)
		order = CONFIG_ARM_DMA_IOMMU_ALIGNMENT;

	return __alloc_iova_order(mapping, size, order, limit);
}

static inline void __free_iova(struct dma_iommu_mapping *mapping,
			       dma_addr_t addr, size_t size)
{
	unsigned int start, count;
	size_t mapping_size = mapping->bits << PAGE_SHIFT;
	unsigned long flags;
	dma_addr_t bitmap_base;
	u32 bitmap_index;

	if (!size)
		return;

	bitmap_index = (u32) (addr - mapping->base) / (u32) mapping_size;
	BUG_ON(addr < mapping->base || bitmap_index > mapping->extensions);

	bitmap_base = mapping->base + mapping_size * bitmap_index;

	start = (addr - bitmap_base) >>	PAGE_SHIFT;

	if (addr + size > bitmap_base + mapping_size) {
		/*
		 * The address range to be freed reaches into the iova
		 * range of the next bitmap. This should not happen as
		 * we don't allow this in __alloc_iova (at the
		 * moment).
		 */
		BUG();
	} else
		count = size >> PAGE_SHIFT;

	spin_lock_irqsave(&mapping->lock, flags);
	bitmap_clear(mapping->bitmaps[bitmap_index], start, count);
	arm_iommu_pages_freed(mapping, bitmap_index * mapping->bits + start,
			      bitmap_index * mapping->bits + start + count);
	spin_unlock_irqrestore(&mapping->lock, flags);
}

/* We'll try 2M, 1M, 64K, and finally 4K; array must end with 0! */
static const int iommu_order_array[] = { 9, 8, 4, 0 };

static struct page **__iommu_alloc_buffer(struct device *dev, size_t size,
					  gfp_t gfp, unsigned long attrs,
					  int coherent_flag)
{
	struct page **pages;
	int count = size >> PAGE_SHIFT;
	int array_size = count * sizeof(struct page *);
	int i = 0;
	int order_idx = 0;

	pages = kvzalloc(array_size, GFP_KERNEL);
	if (!pages)
		return NULL;

	if (attrs & DMA_ATTR_FORCE_CONTIGUOUS)
	{
		unsigned long order = get_order(size);
		struct page *page;

		page = dma_alloc_from_contiguous(dev, count, order,
						 gfp & __GFP_NOWARN);
		if (!page)
			goto error;

		__dma_clear_buffer(page, size, coherent_flag);

		for (i = 0; i < count; i++)
			pages[i] = page + i;

		return pages;
	}

	/* Go straight to 4K chunks if caller says it's OK. */
	if (attrs & DMA_ATTR_ALLOC_SINGLE_PAGES)
		order_idx = ARRAY_SIZE(iommu_order_array) - 1;

	/*
	 * IOMMU can map any pages, so himem can also be used here
	 */
	gfp |= __GFP_NOWARN | __GFP_HIGHMEM;

	while (count) {
		int j, order;

		order = iommu_order_array[order_idx];

		/* Drop down when we get small */
		if (__fls(count) < order) {
			order_idx++;
			continue;
		}

		if (order) {
			/* See if it's easy to allocate a high-order chunk */
			pages[i] = alloc_pages(gfp | __GFP_NORETRY, order);

			/* Go down a notch at first sign of pressure */
			if (!pages[i]) {
				order_idx++;
				continue;
			}
		} else {
			pages[i] = alloc_pages(gfp, 0);
			if (!pages[i])
				goto error;
		}

		if (order) {
			split_page(pages[i], order);
			j = 1 << order;
			while (--j)
				pages[i + j] = pages[i] + j;
		}

		__dma_clear_buffer(pages[i], PAGE_SIZE << order, coherent_flag);
		i += 1 << order;
		count -= 1 << order;
	}

	return pages;
error:
	while (i--)
		if (pages[i])
			__free_pages(pages[i], 0);
	kvfree(pages);
	return NULL;
}

static int __iommu_free_buffer(struct device *dev, struct page **pages,
			       size_t size, unsigned long attrs)
{
	int count = size >> PAGE_SHIFT;
	int i;

	if (attrs & DMA_ATTR_FORCE_CONTIGUOUS) {
		dma_release_from_contiguous(dev, pages[0], count);
	} else {
		for (i = 0; i < count; i++)
			if (pages[i])
				__free_pages(pages[i], 0);
	}

	kvfree(pages);
	return 0;
}

/*
 * Create a mapping in device IO address space for specified pages
 */
static dma_addr_t
__iommu_create_mapping(struct device *dev, struct page **pages, size_t size,
		       unsigned long attrs)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	unsigned int count = PAGE_ALIGN(size) >> PAGE_SHIFT;
	dma_addr_t dma_addr, iova;
	int i;

	dma_addr = __alloc_iova(mapping, size, arm_iommu_dma_limit(dev, true));
	if (dma_addr == DMA_MAPPING_ERROR)
		return dma_addr;

	iova = dma_addr;
	for (i = 0; i < count; ) {
		int ret;

		unsigned int next_pfn = page_to_pfn(pages[i]) + 1;
		phys_addr_t phys = page_to_phys(pages[i]);
		unsigned int len, j;

		for (j = i + 1; j < count; j++, next_pfn++)
			if (page_to_pfn(pages[j]) != next_pfn)
				break;

		len = (j - i) << PAGE_SHIFT;
		ret = iommu_map(mapping->domain, iova, phys, len,
				__dma_info_to_prot(DMA_BIDIRECTIONAL, attrs),
				GFP_KERNEL);
		if (ret < 0)
			goto fail;
		iova += len;
		i = j;
	}
	return dma_addr;
fail:
	iommu_unmap(mapping->domain, dma_addr, iova-dma_addr);
	__free_iova(mapping, dma_addr, size);
	return DMA_MAPPING_ERROR;
}

/*
 * Map a physically contiguous buffer of @size bytes starting at @page, as
 * the atomic pool and the coherent allocator hand out, into the device's
 * IOVA space.  @gfp is the caller's: the atomic pool is used where the
 * caller may not sleep.
 */
static dma_addr_t __iommu_create_mapping_contig(struct device *dev,
						struct page *page, size_t size,
						unsigned long attrs, gfp_t gfp)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t dma_addr;
	int ret;

	dma_addr = __alloc_iova(mapping, size, arm_iommu_dma_limit(dev, true));
	if (dma_addr == DMA_MAPPING_ERROR)
		return dma_addr;

	ret = iommu_map(mapping->domain, dma_addr, page_to_phys(page),
			PAGE_ALIGN(size),
			__dma_info_to_prot(DMA_BIDIRECTIONAL, attrs), gfp);
	if (ret < 0) {
		__free_iova(mapping, dma_addr, size);
		return DMA_MAPPING_ERROR;
	}
	return dma_addr;
}

static int __iommu_remove_mapping(struct device *dev, dma_addr_t iova, size_t size)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);

	/*
	 * add optional in-page offset from iova to size and align
	 * result to page size
	 */
	size = PAGE_ALIGN((iova & ~PAGE_MASK) + size);
	iova &= PAGE_MASK;

	iommu_unmap(mapping->domain, iova, size);
	__free_iova(mapping, iova, size);
	return 0;
}

/*
 * The first page of a buffer that __iommu_alloc_simple() allocated as one
 * block of contiguous pages: a non-coherent master's buffer from the
 * atomic pool, or a coherent master's buffer, which always comes from the
 * page allocator and sits in the linear map, DMA_ATTR_FORCE_CONTIGUOUS and
 * DMA_ATTR_NO_KERNEL_MAPPING or not.  NULL for any other buffer: an array
 * of pages, which __iommu_get_pages() finds.
 */
static struct page *__iommu_simple_page(struct device *dev, void *cpu_addr,
					size_t size)
{
	if (__in_atomic_pool(cpu_addr, size))
		return phys_to_page(gen_pool_virt_to_phys(atomic_pool,
							  (unsigned long)cpu_addr));
	if (dev->dma_coherent && virt_addr_valid(cpu_addr))
		return virt_to_page(cpu_addr);
	return NULL;
}

static struct page **__iommu_get_pages(void *cpu_addr, unsigned long attrs)
{
	if (attrs & DMA_ATTR_NO_KERNEL_MAPPING)
		return cpu_addr;

	return dma_common_find_pages(cpu_addr);
}

static void *__iommu_alloc_simple(struct device *dev, size_t size, gfp_t gfp,
				  dma_addr_t *handle, int coherent_flag,
				  unsigned long attrs)
{
	struct page *page;
	void *addr;

	if (coherent_flag  == COHERENT)
		addr = __alloc_simple_buffer(dev, size, gfp, &page);
	else
		addr = __alloc_from_pool(size, &page);
	if (!addr)
		return NULL;

	*handle = __iommu_create_mapping_contig(dev, page, size, attrs, gfp);
	if (*handle == DMA_MAPPING_ERROR)
		goto err_mapping;

	return addr;

err_mapping:
	if (coherent_flag == COHERENT)
		__dma_free_buffer(page, size);
	else
		__free_from_pool(addr, size);
	return NULL;
}

static void __iommu_free_atomic(struct device *dev, void *cpu_addr,
			dma_addr_t handle, size_t size, int coherent_flag)
{
	__iommu_remove_mapping(dev, handle, size);
	if (coherent_flag == COHERENT)
		__dma_free_buffer(virt_to_page(cpu_addr), size);
	else
		__free_from_pool(cpu_addr, size);
}

static void *arm_iommu_alloc_attrs(struct device *dev, size_t size,
	    dma_addr_t *handle, gfp_t gfp, unsigned long attrs)
{
	pgprot_t prot = __get_dma_pgprot(attrs, PAGE_KERNEL);
	struct page **pages;
	void *addr = NULL;
	int coherent_flag = dev->dma_coherent ? COHERENT : NORMAL;

	*handle = DMA_MAPPING_ERROR;
	size = PAGE_ALIGN(size);

	if (coherent_flag  == COHERENT || !gfpflags_allow_blocking(gfp))
		return __iommu_alloc_simple(dev, size, gfp, handle,
					    coherent_flag, attrs);

	pages = __iommu_alloc_buffer(dev, size, gfp, attrs, coherent_flag);
	if (!pages)
		return NULL;

	*handle = __iommu_create_mapping(dev, pages, size, attrs);
	if (*handle == DMA_MAPPING_ERROR)
		goto err_buffer;

	if (attrs & DMA_ATTR_NO_KERNEL_MAPPING)
		return pages;

	addr = dma_common_pages_remap(pages, size, prot,
				   __builtin_return_address(0));
	if (!addr)
		goto err_mapping;

	return addr;

err_mapping:
	__iommu_remove_mapping(dev, *handle, size);
err_buffer:
	__iommu_free_buffer(dev, pages, size, attrs);
	return NULL;
}

static int arm_iommu_mmap_attrs(struct device *dev, struct vm_area_struct *vma,
		    void *cpu_addr, dma_addr_t dma_addr, size_t size,
		    unsigned long attrs)
{
	unsigned long nr_pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	unsigned long off = vma->vm_pgoff;
	struct page **pages = NULL;
	struct page *page;
	int err;

	if (dma_mmap_from_dev_coherent(dev, vma, cpu_addr, size, &err))
		return err;

	page = __iommu_simple_page(dev, cpu_addr, size);
	if (!page) {
		pages = __iommu_get_pages(cpu_addr, attrs);
		if (!pages)
			return -ENXIO;
	}

	if (off >= nr_pages || vma_pages(vma) > nr_pages - off)
		return -ENXIO;

	if (!dev->dma_coherent)
		vma->vm_page_prot = __get_dma_pgprot(attrs, vma->vm_page_prot);

	/* One block of pages: mapped as iommu_dma_mmap() maps one */
	if (page)
		return remap_pfn_range(vma, vma->vm_start,
				       page_to_pfn(page) + off,
				       vma->vm_end - vma->vm_start,
				       vma->vm_page_prot);

	err = vm_map_pages(vma, pages, nr_pages);
	if (err)
		pr_err("Remapping memory failed: %d\n", err);

	return err;
}

/*
 * free a page as defined by the above mapping.
 * Must not be called with IRQs disabled.
 */
static void arm_iommu_free_attrs(struct device *dev, size_t size, void *cpu_addr,
	dma_addr_t handle, unsigned long attrs)
{
	int coherent_flag = dev->dma_coherent ? COHERENT : NORMAL;
	struct page **pages;
	size = PAGE_ALIGN(size);

	if (coherent_flag == COHERENT || __in_atomic_pool(cpu_addr, size)) {
		__iommu_free_atomic(dev, cpu_addr, handle, size, coherent_flag);
		return;
	}

	pages = __iommu_get_pages(cpu_addr, attrs);
	if (!pages) {
		WARN(1, "trying to free invalid coherent area: %p\n", cpu_addr);
		return;
	}

	if ((attrs & DMA_ATTR_NO_KERNEL_MAPPING) == 0)
		dma_common_free_remap(cpu_addr, size);

	__iommu_remove_mapping(dev, handle, size);
	__iommu_free_buffer(dev, pages, size, attrs);
}

static int arm_iommu_get_sgtable(struct device *dev, struct sg_table *sgt,
				 void *cpu_addr, dma_addr_t dma_addr,
				 size_t size, unsigned long attrs)
{
	unsigned int count = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct page *page = __iommu_simple_page(dev, cpu_addr, size);
	struct page **pages;
	int ret;

	if (page) {
		ret = sg_alloc_table(sgt, 1, GFP_KERNEL);
		if (!ret)
			sg_set_page(sgt->sgl, page, PAGE_ALIGN(size), 0);
		return ret;
	}

	pages = __iommu_get_pages(cpu_addr, attrs);
	if (!pages)
		return -ENXIO;

	return sg_alloc_table_from_pages(sgt, pages, count, 0, size,
					 GFP_KERNEL);
}

/*
 * Map a part of the scatter-gather list into contiguous io address space
 */
static int __map_sg_chunk(struct device *dev, struct scatterlist *sg,
			  size_t size, dma_addr_t *handle,
			  enum dma_data_direction dir, unsigned long attrs)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t iova, iova_base;
	int ret = 0;
	unsigned int count, order;
	struct scatterlist *s;
	int prot;

	size = PAGE_ALIGN(size);
	*handle = DMA_MAPPING_ERROR;

	/*
	 * Under a segment boundary, align the chunk to its own size rounded
	 * up to a power of two: arm_iommu_map_sg() never builds a chunk
	 * larger than the boundary, so it then cannot cross one.
	 */
	order = get_order(size);
	if (dma_get_seg_boundary(dev) == ULONG_MAX &&
	    order > CONFIG_ARM_DMA_IOMMU_ALIGNMENT)
		order = CONFIG_ARM_DMA_IOMMU_ALIGNMENT;

	iova = __alloc_iova_order(mapping, size, order,
				  arm_iommu_dma_limit(dev, false));
	if (iova == DMA_MAPPING_ERROR)
		return -ENOMEM;
	iova_base = iova;

	for (count = 0, s = sg; count < (size >> PAGE_SHIFT); s = sg_next(s)) {
		phys_addr_t phys = sg_phys(s) & PAGE_MASK;
		unsigned int len = PAGE_ALIGN(offset_in_page(s->offset) +
					      s->length);

		if (!dev->dma_coherent && !(attrs & DMA_ATTR_SKIP_CPU_SYNC))
			__dma_page_cpu_to_dev(sg_page(s), s->offset, s->length, dir);

		prot = __dma_info_to_prot(dir, attrs);

		ret = iommu_map(mapping->domain, iova, phys, len, prot,
				GFP_ATOMIC);
		if (ret < 0)
			goto fail;
		count += len >> PAGE_SHIFT;
		iova += len;
	}
	*handle = iova_base;

	return 0;
fail:
	iommu_unmap(mapping->domain, iova_base, count * PAGE_SIZE);
	__free_iova(mapping, iova_base, size);
	return ret;
}

/**
 * arm_iommu_map_sg - map a set of SG buffers for streaming mode DMA
 * @dev: valid struct device pointer
 * @sg: list of buffers
 * @nents: number of buffers to map
 * @dir: DMA transfer direction
 * @attrs: DMA mapping attributes (DMA_ATTR_*)
 *
 * Map a set of buffers described by scatterlist in streaming mode for DMA.
 * The scatter gather list elements are merged together (if possible) and
 * tagged with the appropriate dma address and length. They are obtained via
 * sg_dma_{address,length}.  A merged segment is never longer than the
 * device's maximum segment size and never crosses its segment boundary
 * (dma_set_max_seg_size(), dma_set_seg_boundary()).
 *
 * Return: the number of DMA segments, or a negative errno.
 */
static int arm_iommu_map_sg(struct device *dev, struct scatterlist *sg,
		int nents, enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *s = sg, *dma = sg, *start = sg;
	int i, count = 0, ret;
	/* An offset past the entry's page counts from the page it reaches */
	unsigned int offset = offset_in_page(s->offset);
	unsigned int size = offset + s->length;
	unsigned int max = dma_get_max_seg_size(dev);
	unsigned long boundary = dma_get_seg_boundary(dev);

	/*
	 * __map_sg_chunk() aligns each chunk so that one no larger than the
	 * boundary cannot cross it.
	 */
	if (boundary < max - 1)
		max = boundary + 1;

	for (i = 1; i < nents; i++) {
		s = sg_next(s);

		s->dma_length = 0;

		if (s->offset || (size & ~PAGE_MASK) || size + s->length > max) {
			ret = __map_sg_chunk(dev, start, size,
					     &dma->dma_address, dir, attrs);
			if (ret < 0)
				goto bad_mapping;

			dma->dma_address += offset;
			dma->dma_length = size - offset;

			offset = offset_in_page(s->offset);
			size = offset;
			start = s;
			dma = sg_next(dma);
			count += 1;
		}
		size += s->length;
	}
	ret = __map_sg_chunk(dev, start, size, &dma->dma_address, dir, attrs);
	if (ret < 0)
		goto bad_mapping;

	dma->dma_address += offset;
	dma->dma_length = size - offset;

	return count+1;

bad_mapping:
	for_each_sg(sg, s, count, i)
		__iommu_remove_mapping(dev, sg_dma_address(s), sg_dma_len(s));
	if (ret == -ENOMEM)
		return ret;
	return -EINVAL;
}

/**
 * arm_iommu_unmap_sg - unmap a set of SG buffers mapped by dma_map_sg
 * @dev: valid struct device pointer
 * @sg: list of buffers
 * @nents: number of buffers to unmap (same as was passed to dma_map_sg)
 * @dir: DMA transfer direction (same as was passed to dma_map_sg)
 * @attrs: DMA mapping attributes (DMA_ATTR_*)
 *
 * Unmap a set of streaming mode DMA translations.  Again, CPU access
 * rules concerning calls here are the same as for dma_unmap_single().
 */
static void arm_iommu_unmap_sg(struct device *dev,
			       struct scatterlist *sg, int nents,
			       enum dma_data_direction dir,
			       unsigned long attrs)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i) {
		if (sg_dma_len(s))
			__iommu_remove_mapping(dev, sg_dma_address(s),
					       sg_dma_len(s));
		if (!dev->dma_coherent && !(attrs & DMA_ATTR_SKIP_CPU_SYNC))
			__dma_page_dev_to_cpu(sg_page(s), s->offset,
					      s->length, dir);
	}
}

/**
 * arm_iommu_sync_sg_for_cpu
 * @dev: valid struct device pointer
 * @sg: list of buffers
 * @nents: number of buffers to map (returned from dma_map_sg)
 * @dir: DMA transfer direction (same as was passed to dma_map_sg)
 */
static void arm_iommu_sync_sg_for_cpu(struct device *dev,
			struct scatterlist *sg,
			int nents, enum dma_data_direction dir)
{
	struct scatterlist *s;
	int i;

	if (dev->dma_coherent)
		return;

	for_each_sg(sg, s, nents, i)
		__dma_page_dev_to_cpu(sg_page(s), s->offset, s->length, dir);

}

/**
 * arm_iommu_sync_sg_for_device
 * @dev: valid struct device pointer
 * @sg: list of buffers
 * @nents: number of buffers to map (returned from dma_map_sg)
 * @dir: DMA transfer direction (same as was passed to dma_map_sg)
 */
static void arm_iommu_sync_sg_for_device(struct device *dev,
			struct scatterlist *sg,
			int nents, enum dma_data_direction dir)
{
	struct scatterlist *s;
	int i;

	if (dev->dma_coherent)
		return;

	for_each_sg(sg, s, nents, i)
		__dma_page_cpu_to_dev(sg_page(s), s->offset, s->length, dir);
}

/**
 * arm_iommu_map_page
 * @dev: valid struct device pointer
 * @page: page that buffer resides in
 * @offset: offset into page for start of buffer
 * @size: size of buffer to map
 * @dir: DMA transfer direction
 * @attrs: DMA mapping attributes (DMA_ATTR_*)
 *
 * IOMMU aware version of arm_dma_map_page()
 */
static dma_addr_t arm_iommu_map_page(struct device *dev, struct page *page,
	     unsigned long offset, size_t size, enum dma_data_direction dir,
	     unsigned long attrs)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	phys_addr_t phys = page_to_phys(page) + offset;
	dma_addr_t dma_addr;
	int ret, prot, len;

	if (!dev->dma_coherent && !(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		__dma_page_cpu_to_dev(page, offset, size, dir);

	/*
	 * @offset may reach past @page: map from the page that holds the
	 * first byte, which is where arm_iommu_unmap_page() unmaps from.
	 */
	offset = offset_in_page(phys);
	phys -= offset;
	len = PAGE_ALIGN(size + offset);

	dma_addr = __alloc_iova(mapping, len, arm_iommu_dma_limit(dev, false));
	if (dma_addr == DMA_MAPPING_ERROR)
		return dma_addr;

	prot = __dma_info_to_prot(dir, attrs);

	ret = iommu_map(mapping->domain, dma_addr, phys, len, prot,
			GFP_ATOMIC);
	if (ret < 0)
		goto fail;

	return dma_addr + offset;
fail:
	__free_iova(mapping, dma_addr, len);
	return DMA_MAPPING_ERROR;
}

/**
 * arm_iommu_unmap_page
 * @dev: valid struct device pointer
 * @handle: DMA address of buffer
 * @size: size of buffer (same as passed to dma_map_page)
 * @dir: DMA transfer direction (same as passed to dma_map_page)
 * @attrs: DMA mapping attributes (DMA_ATTR_*)
 *
 * IOMMU aware version of arm_dma_unmap_page()
 */
static void arm_iommu_unmap_page(struct device *dev, dma_addr_t handle,
		size_t size, enum dma_data_direction dir, unsigned long attrs)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t iova = handle & PAGE_MASK;
	struct page *page;
	int offset = handle & ~PAGE_MASK;
	int len = PAGE_ALIGN(size + offset);

	if (!iova)
		return;

	if (!dev->dma_coherent && !(attrs & DMA_ATTR_SKIP_CPU_SYNC)) {
		page = phys_to_page(iommu_iova_to_phys(mapping->domain, iova));
		__dma_page_dev_to_cpu(page, offset, size, dir);
	}

	iommu_unmap(mapping->domain, iova, len);
	__free_iova(mapping, iova, len);
}

/**
 * arm_iommu_map_resource - map a device resource for DMA
 * @dev: valid struct device pointer
 * @phys_addr: physical address of resource
 * @size: size of resource to map
 * @dir: DMA transfer direction
 * @attrs: DMA mapping attributes (DMA_ATTR_*)
 */
static dma_addr_t arm_iommu_map_resource(struct device *dev,
		phys_addr_t phys_addr, size_t size,
		enum dma_data_direction dir, unsigned long attrs)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t dma_addr;
	int ret, prot;
	phys_addr_t addr = phys_addr & PAGE_MASK;
	unsigned int offset = phys_addr & ~PAGE_MASK;
	size_t len = PAGE_ALIGN(size + offset);

	dma_addr = __alloc_iova(mapping, len, arm_iommu_dma_limit(dev, false));
	if (dma_addr == DMA_MAPPING_ERROR)
		return dma_addr;

	prot = __dma_info_to_prot(dir, attrs) | IOMMU_MMIO;

	ret = iommu_map(mapping->domain, dma_addr, addr, len, prot, GFP_ATOMIC);
	if (ret < 0)
		goto fail;

	return dma_addr + offset;
fail:
	__free_iova(mapping, dma_addr, len);
	return DMA_MAPPING_ERROR;
}

/**
 * arm_iommu_unmap_resource - unmap a device DMA resource
 * @dev: valid struct device pointer
 * @dma_handle: DMA address to resource
 * @size: size of resource to map
 * @dir: DMA transfer direction
 * @attrs: DMA mapping attributes (DMA_ATTR_*)
 */
static void arm_iommu_unmap_resource(struct device *dev, dma_addr_t dma_handle,
		size_t size, enum dma_data_direction dir,
		unsigned long attrs)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t iova = dma_handle & PAGE_MASK;
	unsigned int offset = dma_handle & ~PAGE_MASK;
	size_t len = PAGE_ALIGN(size + offset);

	if (!iova)
		return;

	iommu_unmap(mapping->domain, iova, len);
	__free_iova(mapping, iova, len);
}

static void arm_iommu_sync_single_for_cpu(struct device *dev,
		dma_addr_t handle, size_t size, enum dma_data_direction dir)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t iova = handle & PAGE_MASK;
	struct page *page;
	unsigned int offset = handle & ~PAGE_MASK;

	if (dev->dma_coherent || !iova)
		return;

	page = phys_to_page(iommu_iova_to_phys(mapping->domain, iova));
	__dma_page_dev_to_cpu(page, offset, size, dir);
}

static void arm_iommu_sync_single_for_device(struct device *dev,
		dma_addr_t handle, size_t size, enum dma_data_direction dir)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	dma_addr_t iova = handle & PAGE_MASK;
	struct page *page;
	unsigned int offset = handle & ~PAGE_MASK;

	if (dev->dma_coherent || !iova)
		return;

	page = phys_to_page(iommu_iova_to_phys(mapping->domain, iova));
	__dma_page_cpu_to_dev(page, offset, size, dir);
}

/*
 * dma_set_mask() and dma_set_coherent_mask() ask whether @dev can take
 * @mask.  It can: no IOVA above the mask is ever handed out.  A mask
 * narrower than the mapping makes its allocator keep the IOVAs below it
 * for @dev and masters like it (see __alloc_iova_order()).
 */
static int arm_iommu_dma_supported(struct device *dev, u64 mask)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);

	if (mapping)
		arm_iommu_note_limits(mapping, dev, mask);
	return 1;
}

VISIBLE_IF_KUNIT const struct dma_map_ops arm_iommu_dma_ops = {
	.alloc		= arm_iommu_alloc_attrs,
	.free		= arm_iommu_free_attrs,
	.mmap		= arm_iommu_mmap_attrs,
	.get_sgtable	= arm_iommu_get_sgtable,

	.map_page		= arm_iommu_map_page,
	.unmap_page		= arm_iommu_unmap_page,
	.sync_single_for_cpu	= arm_iommu_sync_single_for_cpu,
	.sync_single_for_device	= arm_iommu_sync_single_for_device,

	.map_sg			= arm_iommu_map_sg,
	.unmap_sg		= arm_iommu_unmap_sg,
	.sync_sg_for_cpu	= arm_iommu_sync_sg_for_cpu,
	.sync_sg_for_device	= arm_iommu_sync_sg_for_device,

	.map_resource		= arm_iommu_map_resource,
	.unmap_resource		= arm_iommu_unmap_resource,

	.dma_supported		= arm_iommu_dma_supported,
};
EXPORT_SYMBOL_IF_KUNIT(arm_iommu_dma_ops);

/*
 * Allocate the IOVA allocator of a mapping of @size bytes of IOVA space
 * starting at @base, translated by @domain.  The mapping takes over the
 * domain only on success.
 */
static struct dma_iommu_mapping *
__arm_iommu_alloc_mapping(struct iommu_domain *domain, dma_addr_t base,
			  u64 size)
{
	unsigned int bits = size >> PAGE_SHIFT;
	unsigned int bitmap_size = BITS_TO_LONGS(bits) * sizeof(long);
	struct dma_iommu_mapping *mapping;
	unsigned long total;
	int extensions = 1;

	/* currently only 32-bit DMA address space is supported */
	if (size > DMA_BIT_MASK(32) + 1)
		return ERR_PTR(-ERANGE);

	if (!bitmap_size)
		return ERR_PTR(-EINVAL);

	if (bitmap_size > PAGE_SIZE) {
		extensions = DIV_ROUND_UP(bitmap_size, PAGE_SIZE);
		bitmap_size = PAGE_SIZE;
	}

	mapping = kzalloc(sizeof(struct dma_iommu_mapping), GFP_KERNEL);
	if (!mapping)
		return ERR_PTR(-ENOMEM);

	mapping->bitmap_size = bitmap_size;
	mapping->bitmaps = kcalloc(extensions, sizeof(unsigned long *),
				   GFP_KERNEL);
	if (!mapping->bitmaps)
		goto err;

	mapping->bitmaps[0] = kzalloc(bitmap_size, GFP_KERNEL);
	if (!mapping->bitmaps[0])
		goto err;

	mapping->nr_bitmaps = 1;
	mapping->extensions = extensions;
	mapping->base = base;
	mapping->bits = BITS_PER_BYTE * bitmap_size;
	mapping->domain = domain;
	spin_lock_init(&mapping->lock);
	kref_init(&mapping->kref);

	/*
	 * Never hand out IOVA 0: drivers and devices take a DMA address of 0
	 * for "none" (virtio, for one, ignores a queue whose ring is at 0),
	 * and the sync operations below skip it.
	 */
	if (!base)
		bitmap_set(mapping->bitmaps[0], 0, 1);

	/*
	 * Nor the pages that the last bitmap holds past the end of the window:
	 * allocate the bitmaps up to the last, as the allocator uses them in
	 * order.
	 */
	total = (unsigned long)extensions * mapping->bits;
	if (total > bits) {
		if (arm_iommu_grow_bitmaps(mapping, total))
			goto err;
		bitmap_set(mapping->bitmaps[extensions - 1],
			   bits - (extensions - 1) * mapping->bits, total - bits);
	}

	return mapping;
err:
	if (mapping->bitmaps)
		while (mapping->nr_bitmaps)
			kfree(mapping->bitmaps[--mapping->nr_bitmaps]);
	kfree(mapping->bitmaps);
	kfree(mapping);
	return ERR_PTR(-ENOMEM);
}

/**
 * arm_iommu_create_mapping - create an IOVA space and its IOMMU domain
 * @dev: a master behind the IOMMU instance the domain is for
 * @base: first IOVA of the space (bytes)
 * @size: size of the space in bytes, at most 4 GiB
 *
 * Creates a mapping structure which holds information about used/unused
 * IO address ranges, which is required to perform memory allocation and
 * mapping with IOMMU aware functions, and allocates an IOMMU paging domain
 * for it.  IOVA 0 is never handed out.
 *
 * The client device need to be attached to the mapping with
 * arm_iommu_attach_device function.  Drivers that only need the IOVA
 * space their device already has can take it from
 * to_dma_iommu_mapping(dev) instead: arch_setup_dma_ops() gives every
 * master behind an IOMMU a default mapping before its driver probes.
 *
 * Context: may sleep.
 * Return: the mapping, holding one reference for the caller to drop with
 * arm_iommu_release_mapping(); ERR_PTR(-ERANGE) if @size exceeds 4 GiB,
 * ERR_PTR(-EINVAL) if it is smaller than a page, ERR_PTR(-ENOMEM), or the
 * error of iommu_paging_domain_alloc().
 */
struct dma_iommu_mapping *
arm_iommu_create_mapping(struct device *dev, dma_addr_t base, u64 size)
{
	struct dma_iommu_mapping *mapping;
	struct iommu_domain *domain;

	domain = iommu_paging_domain_alloc(dev);
	if (IS_ERR(domain))
		return ERR_CAST(domain);

	mapping = __arm_iommu_alloc_mapping(domain, base, size);
	if (IS_ERR(mapping))
		iommu_domain_free(domain);
	return mapping;
}
EXPORT_SYMBOL_GPL(arm_iommu_create_mapping);

static void release_iommu_mapping(struct kref *kref)
{
	int i;
	struct dma_iommu_mapping *mapping =
		container_of(kref, struct dma_iommu_mapping, kref);

	iommu_domain_free(mapping->domain);
	for (i = 0; i < mapping->nr_bitmaps; i++)
		kfree(mapping->bitmaps[i]);
	kfree(mapping->bitmaps);
	kfree(mapping);
}

static int extend_iommu_mapping(struct dma_iommu_mapping *mapping)
{
	int next_bitmap;

	if (mapping->nr_bitmaps >= mapping->extensions)
		return -EINVAL;

	next_bitmap = mapping->nr_bitmaps;
	mapping->bitmaps[next_bitmap] = kzalloc(mapping->bitmap_size,
						GFP_ATOMIC);
	if (!mapping->bitmaps[next_bitmap])
		return -ENOMEM;

	mapping->nr_bitmaps++;

	return 0;
}

/*
 * Have the bitmaps of @mapping hold its first @pages IOVA pages, counted
 * from mapping->base.  The bitmaps are allocated before the lock is taken,
 * as the callers may sleep; the allocator, which may not, extends the
 * mapping with GFP_ATOMIC instead.  The allocator uses the bitmaps in
 * order, so all up to the last one needed are allocated.
 *
 * Return: 0, or -ENOMEM.
 */
static int arm_iommu_grow_bitmaps(struct dma_iommu_mapping *mapping,
				  unsigned long pages)
{
	unsigned int need = min_t(unsigned long,
				  DIV_ROUND_UP(pages, mapping->bits),
				  mapping->extensions);
	unsigned long *bitmap = NULL;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&mapping->lock, flags);
		if (mapping->nr_bitmaps < need && bitmap) {
			mapping->bitmaps[mapping->nr_bitmaps++] = bitmap;
			bitmap = NULL;
		}
		if (mapping->nr_bitmaps >= need) {
			spin_unlock_irqrestore(&mapping->lock, flags);
			kfree(bitmap);
			return 0;
		}
		spin_unlock_irqrestore(&mapping->lock, flags);

		bitmap = kzalloc(mapping->bitmap_size, GFP_KERNEL);
		if (!bitmap)
			return -ENOMEM;
	}
}

/**
 * arm_iommu_release_mapping - drop a reference to a mapping
 * @mapping: from arm_iommu_create_mapping(), or the default mapping that
 *	arm_iommu_detach_device() handed over; NULL is ignored
 *
 * The last reference frees the mapping and its IOMMU domain.
 *
 * Context: may sleep.
 */
void arm_iommu_release_mapping(struct dma_iommu_mapping *mapping)
{
	if (mapping)
		kref_put(&mapping->kref, release_iommu_mapping);
}
EXPORT_SYMBOL_GPL(arm_iommu_release_mapping);

/* Record that @dev, attached to @mapping's domain, uses @mapping */
static void __arm_iommu_set_mapping(struct device *dev,
				    struct dma_iommu_mapping *mapping)
{
	kref_get(&mapping->kref);
	to_dma_iommu_mapping(dev) = mapping;
	arm_iommu_note_limits(mapping, dev, dma_get_mask(dev));
	arm_iommu_note_limits(mapping, dev, dev->coherent_dma_mask);

	pr_debug("Attached IOMMU controller to %s device.\n", dev_name(dev));
}

static int __arm_iommu_attach_device(struct device *dev,
				     struct dma_iommu_mapping *mapping)
{
	int err;

	err = iommu_attach_device(mapping->domain, dev);
	if (err)
		return err;

	__arm_iommu_set_mapping(dev, mapping);
	return 0;
}

static void __arm_iommu_detach_device(struct device *dev,
				      struct dma_iommu_mapping *mapping)
{
	iommu_detach_device(mapping->domain, dev);
	to_dma_iommu_mapping(dev) = NULL;
	kref_put(&mapping->kref, release_iommu_mapping);

	pr_debug("Detached IOMMU controller from %s device.\n", dev_name(dev));
}

/*
 * Default mappings
 *
 * arch_setup_dma_ops() attaches every master behind an IOMMU to a default
 * mapping, found by IOMMU instance and DMA window: under the "shared"
 * policy all masters of one instance and one window share a mapping, and
 * so one IOVA space and one IOMMU domain; under "isolated" each master
 * gets its own.  An IOMMU instance can require either for its masters
 * (&iommu_device.dma_sharing); the policy decides where it does not.  A
 * mapping holds one reference for this list and two for
 * each of its masters: the attachment, and one that stands for the
 * reference arm_iommu_create_mapping() once returned to the caller, which
 * arm_iommu_detach_device() hands over to a driver that takes its master
 * off the default mapping.
 */

/**
 * struct arm_iommu_master - a master attached to its default mapping
 * @list: in &arm_iommu_default.masters
 * @dev: the master, of which the entry holds a reference
 * @def: its default mapping
 * @resv: &struct arm_iommu_resv_ref entries: the reserved ranges it needs
 */
struct arm_iommu_master {
	struct list_head list;
	struct device *dev;
	struct arm_iommu_default *def;
	struct list_head resv;
};

/**
 * struct arm_iommu_resv - an IOVA range kept out of a default mapping
 * @list: in &arm_iommu_default.reserved
 * @start: first IOVA (bytes)
 * @end: last IOVA (bytes)
 * @prot: IOMMU_READ, IOMMU_WRITE, ... of a direct-mapped range
 * @direct: mapped one to one (IOMMU_RESV_DIRECT, _DIRECT_RELAXABLE)
 * @users: masters of the mapping whose reserved regions include it
 *
 * Masters with the same region (range, type and protection) share one
 * entry; regions that overlap without being the same get one entry each,
 * and a page two direct-mapped entries cover keeps the protection of the
 * one that mapped it first.  A page is kept out of the
 * allocator, and a direct-mapped page stays mapped, as long as one entry
 * covers it.
 */
struct arm_iommu_resv {
	struct list_head list;
	u64 start;
	u64 end;
	int prot;
	bool direct;
	unsigned int users;
};

/**
 * struct arm_iommu_resv_ref - a reserved range one master needs
 * @list: in &arm_iommu_master.resv
 * @resv: the range
 */
struct arm_iommu_resv_ref {
	struct list_head list;
	struct arm_iommu_resv *resv;
};

/**
 * enum arm_iommu_decider - what chose a default mapping's policy
 * @ARM_IOMMU_BY_KCONFIG: CONFIG_ARM_DMA_IOMMU_DEFAULT_ISOLATED or _SHARED
 * @ARM_IOMMU_BY_CMDLINE: arm_iommu= on the kernel command line
 * @ARM_IOMMU_BY_IOMMU: the IOMMU instance (&iommu_device.dma_sharing)
 * @ARM_IOMMU_BY_FALLBACK: the shared mapping refused the master
 */
enum arm_iommu_decider {
	ARM_IOMMU_BY_KCONFIG,
	ARM_IOMMU_BY_CMDLINE,
	ARM_IOMMU_BY_IOMMU,
	ARM_IOMMU_BY_FALLBACK,
};

/* As debugfs names them */
static const char * const arm_iommu_deciders[] = {
	[ARM_IOMMU_BY_KCONFIG]	= "kconfig",
	[ARM_IOMMU_BY_CMDLINE]	= "cmdline",
	[ARM_IOMMU_BY_IOMMU]	= "iommu",
	[ARM_IOMMU_BY_FALLBACK]	= "fallback",
};

/**
 * struct arm_iommu_default - a default mapping
 * @list: in arm_iommu_defaults
 * @mapping: the mapping
 * @iommu: the IOMMU instance its masters are behind; only compared, never
 *	dereferenced, as the instance may go before the last master does
 * @iommu_name: name of the IOMMU instance's device, for debugfs
 * @window_start: first DMA address of the masters' DMA window
 * @window_end: last DMA address of the window
 * @iova_start: first IOVA of the mapping: the window clamped to the
 *	domain's aperture
 * @iova_end: last IOVA of the mapping
 * @isolated: private to one master
 * @by: what chose @isolated
 * @masters: &struct arm_iommu_master entries
 * @nr_masters: number of @masters
 * @reserved: &struct arm_iommu_resv entries: the masters' reserved regions
 */
struct arm_iommu_default {
	struct list_head list;
	struct dma_iommu_mapping *mapping;
	struct iommu_device *iommu;
	const char *iommu_name;
	u64 window_start;
	u64 window_end;
	u64 iova_start;
	u64 iova_end;
	bool isolated;
	enum arm_iommu_decider by;
	struct list_head masters;
	unsigned int nr_masters;
	struct list_head reserved;
};

/* The default mappings, their masters and reserved ranges */
static LIST_HEAD(arm_iommu_defaults);
static DEFINE_MUTEX(arm_iommu_defaults_lock);

/* Policy: one default mapping per master instead of one per instance */
VISIBLE_IF_KUNIT bool arm_iommu_isolated =
	IS_ENABLED(CONFIG_ARM_DMA_IOMMU_DEFAULT_ISOLATED);
EXPORT_SYMBOL_IF_KUNIT(arm_iommu_isolated);
static enum arm_iommu_decider arm_iommu_policy_by = ARM_IOMMU_BY_KCONFIG;

static int __init arm_iommu_policy_setup(char *str)
{
	if (!str)
		return -EINVAL;
	if (!strcmp(str, "isolated")) {
		arm_iommu_isolated = true;
		arm_iommu_policy_by = ARM_IOMMU_BY_CMDLINE;
	} else if (!strcmp(str, "shared")) {
		arm_iommu_isolated = false;
		arm_iommu_policy_by = ARM_IOMMU_BY_CMDLINE;
	} else {
		pr_warn("arm_iommu=%s: unknown policy, keeping %s\n", str,
			arm_iommu_isolated ? "isolated" : "shared");
		return -EINVAL;
	}
	return 0;
}
early_param("arm_iommu", arm_iommu_policy_setup);

static const char *arm_iommu_name(struct iommu_device *iommu)
{
	return iommu && iommu->dev ? dev_name(iommu->dev) : "(unnamed)";
}

static struct arm_iommu_master *arm_iommu_find_master(struct device *dev)
{
	struct arm_iommu_default *def;
	struct arm_iommu_master *master;

	lockdep_assert_held(&arm_iommu_defaults_lock);
	list_for_each_entry(def, &arm_iommu_defaults, list)
		list_for_each_entry(master, &def->masters, list)
			if (master->dev == dev)
				return master;
	return NULL;
}

static void arm_iommu_free_default(struct arm_iommu_default *def)
{
	struct arm_iommu_resv *resv, *next;

	list_del(&def->list);
	list_for_each_entry_safe(resv, next, &def->reserved, list)
		kfree(resv);
	arm_iommu_release_mapping(def->mapping);
	kfree_const(def->iommu_name);
	kfree(def);
}

static void arm_iommu_put_resvs(struct arm_iommu_default *def,
				struct arm_iommu_master *master);

/*
 * Take @master off its default mapping, dropping its references but for
 * the one that stands for the creator's when @hand_over; the mapping goes
 * with its last master.
 */
static void arm_iommu_put_master(struct arm_iommu_master *master,
				 bool hand_over)
{
	struct arm_iommu_default *def = master->def;

	list_del(&master->list);
	arm_iommu_put_resvs(def, master);
	put_device(master->dev);
	kfree(master);
	if (!hand_over)
		kref_put(&def->mapping->kref, release_iommu_mapping);
	if (!--def->nr_masters)
		arm_iommu_free_default(def);
}

/*
 * A new default mapping for the masters of @dev's IOMMU instance in the
 * DMA window [@start, @end]: the IOVA space is the window, in whole pages,
 * clamped to what the domain translates (its aperture) and to the IOVAs
 * the IOMMU API takes (unsigned long).
 *
 * IOMMU drivers such as virtio-iommu and arm-smmu finalise a paging domain
 * (its aperture, its page table) only when it is first attached: before,
 * its geometry says nothing and iommu_map() fails.  Such a domain, one
 * without an aperture, is attached to @dev before it is read, and
 * *@attached says so; others are attached only once the direct regions
 * are mapped, as the IOMMU core does for default domains, so that a
 * master never runs in a domain without them.
 */
static struct arm_iommu_default *
arm_iommu_create_default(struct device *dev, u64 start, u64 end, bool isolated,
			 enum arm_iommu_decider by, bool *attached)
{
	struct dma_iommu_mapping *mapping;
	struct iommu_domain *domain;
	struct arm_iommu_default *def;
	u64 iova_start = start, iova_end = min_t(u64, end, ULONG_MAX);
	int err;

	/*
	 * iommu_map() and iommu_unmap() take IOVAs as unsigned long: with
	 * LPAE, a window above 4 GiB cannot be mapped on a 32-bit kernel.
	 */
	if (start > ULONG_MAX) {
		dev_warn(dev, "DMA window %#llx-%#llx lies above the IOVAs the IOMMU API can map (%#lx)\n",
			 start, end, ULONG_MAX);
		return ERR_PTR(-ERANGE);
	}

	def = kzalloc(sizeof(*def), GFP_KERNEL);
	if (!def)
		return ERR_PTR(-ENOMEM);
	def->iommu_name = kstrdup_const(arm_iommu_name(dev->iommu->iommu_dev),
					GFP_KERNEL);
	if (!def->iommu_name) {
		err = -ENOMEM;
		goto err_free;
	}

	domain = iommu_paging_domain_alloc(dev);
	if (IS_ERR(domain)) {
		err = PTR_ERR(domain);
		goto err_free;
	}

	*attached = !domain->geometry.force_aperture;
	if (*attached) {
		err = iommu_attach_device(domain, dev);
		if (err)
			goto err_domain;
	}

	if (domain->geometry.force_aperture) {
		iova_start = max_t(u64, iova_start,
				   domain->geometry.aperture_start);
		iova_end = min_t(u64, iova_end, domain->geometry.aperture_end);
	}
	/* Whole pages: the first past the window, the first in it */
	iova_end = iova_start <= iova_end ? round_down(iova_end + 1, PAGE_SIZE) : 0;
	iova_start = PAGE_ALIGN(iova_start);
	if (iova_start >= iova_end) {
		dev_warn(dev, "DMA window %#llx-%#llx holds no page of the IOMMU aperture %#llx-%#llx\n",
			 start, end, (u64)domain->geometry.aperture_start,
			 (u64)domain->geometry.aperture_end);
		err = -ERANGE;
		goto err_detach;
	}
	iova_end--;

	mapping = __arm_iommu_alloc_mapping(domain, iova_start,
					    iova_end - iova_start + 1);
	if (IS_ERR(mapping)) {
		err = PTR_ERR(mapping);
		goto err_detach;
	}

	def->mapping = mapping;
	def->iommu = dev->iommu->iommu_dev;
	def->window_start = start;
	def->window_end = end;
	def->iova_start = iova_start;
	def->iova_end = iova_end;
	def->isolated = isolated;
	def->by = by;
	INIT_LIST_HEAD(&def->masters);
	INIT_LIST_HEAD(&def->reserved);
	list_add_tail(&def->list, &arm_iommu_defaults);
	return def;

err_detach:
	if (*attached)
		iommu_detach_device(domain, dev);
err_domain:
	iommu_domain_free(domain);
err_free:
	kfree_const(def->iommu_name);
	kfree(def);
	return ERR_PTR(err);
}

/* Whether IOVA page @page of @mapping (counted from its base) is in use */
static bool arm_iommu_page_used(struct dma_iommu_mapping *mapping,
				unsigned long page)
{
	unsigned long i = page / mapping->bits;

	return i < mapping->nr_bitmaps &&
	       test_bit(page % mapping->bits, mapping->bitmaps[i]);
}

/*
 * Whether IOVA page @page of @def's mapping is kept out of the allocator
 * by a reserved range of @def (a direct-mapped one with @direct), or, as
 * IOVA 0, by the mapping itself.
 */
static bool arm_iommu_page_reserved(struct arm_iommu_default *def,
				    unsigned long page, bool direct)
{
	u64 start = def->mapping->base + ((u64)page << PAGE_SHIFT);
	struct arm_iommu_resv *resv;

	if (!direct && !start)
		return true;
	list_for_each_entry(resv, &def->reserved, list)
		if ((resv->direct || !direct) && resv->start < start + PAGE_SIZE &&
		    start <= resv->end)
			return true;
	return false;
}

/* The IOVA pages of @resv in its mapping, counted from the mapping's base */
static void arm_iommu_resv_pages(struct arm_iommu_default *def,
				 struct arm_iommu_resv *resv,
				 unsigned long *first, unsigned long *last)
{
	*first = (resv->start - def->mapping->base) >> PAGE_SHIFT;
	*last = (resv->end - def->mapping->base) >> PAGE_SHIFT;
}

/*
 * Keep the pages of @resv, not yet in @def's list, out of the allocator.
 * A page in use that no reserved range covers holds a live buffer: fail
 * with -EBUSY then, and change nothing.  Return: 0, -EBUSY or -ENOMEM.
 */
static int arm_iommu_reserve_range(struct arm_iommu_default *def,
				   struct arm_iommu_resv *resv)
{
	struct dma_iommu_mapping *mapping = def->mapping;
	unsigned long first, last, page, flags;
	int ret;

	arm_iommu_resv_pages(def, resv, &first, &last);
	ret = arm_iommu_grow_bitmaps(mapping, last + 1);
	if (ret)
		return ret;

	spin_lock_irqsave(&mapping->lock, flags);
	for (page = first; page <= last; page++) {
		if (arm_iommu_page_used(mapping, page) &&
		    !arm_iommu_page_reserved(def, page, false)) {
			spin_unlock_irqrestore(&mapping->lock, flags);
			return -EBUSY;
		}
	}
	for (page = first; page <= last; page++)
		set_bit(page % mapping->bits,
			mapping->bitmaps[page / mapping->bits]);
	spin_unlock_irqrestore(&mapping->lock, flags);
	return 0;
}

/*
 * Give back to the allocator the pages of @resv, no longer in @def's list,
 * that no other reserved range covers.
 */
static void arm_iommu_release_range(struct arm_iommu_default *def,
				    struct arm_iommu_resv *resv)
{
	struct dma_iommu_mapping *mapping = def->mapping;
	unsigned long first, last, page, flags;

	arm_iommu_resv_pages(def, resv, &first, &last);
	spin_lock_irqsave(&mapping->lock, flags);
	for (page = first; page <= last; page++)
		if (!arm_iommu_page_reserved(def, page, false))
			clear_bit(page % mapping->bits,
				  mapping->bitmaps[page / mapping->bits]);
	arm_iommu_pages_freed(mapping, first, last + 1);
	spin_unlock_irqrestore(&mapping->lock, flags);
}

/*
 * Map (@map) the IOVA pages [@first, @last] of direct-mapped @resv, not in
 * @def's list, one to one, or unmap them, but those another direct-mapped
 * range of @def maps already.  Mapping undoes itself on failure.
 * Return: 0, or the error of iommu_map().
 */
static int arm_iommu_map_direct_pages(struct arm_iommu_default *def,
				      struct arm_iommu_resv *resv,
				      unsigned long first, unsigned long last,
				      bool map)
{
	struct iommu_domain *domain = def->mapping->domain;
	unsigned long page, run;
	int ret;

	for (page = first; page <= last; page = run + 1) {
		u64 iova = def->mapping->base + ((u64)page << PAGE_SHIFT);
		size_t size;

		run = page;
		if (arm_iommu_page_reserved(def, page, true))
			continue;
		while (run < last && !arm_iommu_page_reserved(def, run + 1, true))
			run++;
		size = (run - page + 1) << PAGE_SHIFT;
		if (!map) {
			iommu_unmap(domain, iova, size);
			continue;
		}
		ret = iommu_map(domain, iova, iova, size, resv->prot, GFP_KERNEL);
		if (ret) {
			if (page > first)
				arm_iommu_map_direct_pages(def, resv, first,
							   page - 1, false);
			return ret;
		}
	}
	return 0;
}

static int arm_iommu_map_direct(struct arm_iommu_default *def,
				struct arm_iommu_resv *resv, bool map)
{
	unsigned long first, last;

	arm_iommu_resv_pages(def, resv, &first, &last);
	return arm_iommu_map_direct_pages(def, resv, first, last, map);
}

/*
 * Drop @master's references to the reserved ranges of @def: a range no
 * master needs any more is unmapped if direct and given back to the
 * allocator.
 */
static void arm_iommu_put_resvs(struct arm_iommu_default *def,
				struct arm_iommu_master *master)
{
	struct arm_iommu_resv_ref *ref, *next;

	list_for_each_entry_safe(ref, next, &master->resv, list) {
		struct arm_iommu_resv *resv = ref->resv;

		list_del(&ref->list);
		kfree(ref);
		if (--resv->users)
			continue;
		list_del(&resv->list);
		if (resv->direct)
			arm_iommu_map_direct(def, resv, false);
		arm_iommu_release_range(def, resv);
		kfree(resv);
	}
}

/*
 * Keep the IOVAs of @dev's reserved regions (MSI doorbells, ranges the
 * IOMMU cannot translate, ...) out of @def before @dev uses it, and map
 * its direct-mapped regions one to one; @master, @dev's entry, records
 * which ranges @dev needs.  A region that overlaps a live buffer of
 * another master makes it fail with -EBUSY; on failure, what it reserved
 * and mapped for @dev is undone.
 */
static int arm_iommu_reserve_regions(struct arm_iommu_default *def,
				     struct device *dev,
				     struct arm_iommu_master *master)
{
	struct iommu_resv_region *region;
	struct arm_iommu_resv_ref *ref;
	struct arm_iommu_resv *resv;
	LIST_HEAD(regions);
	int ret = 0;

	iommu_get_resv_regions(dev, &regions);
	list_for_each_entry(region, &regions, list) {
		u64 start = max_t(u64, region->start, def->iova_start);
		u64 end = min_t(u64, region->start + region->length - 1,
				def->iova_end);
		bool direct = region->type == IOMMU_RESV_DIRECT ||
			      region->type == IOMMU_RESV_DIRECT_RELAXABLE;
		bool found = false;

		if (!region->length || start > end)
			continue;
		ref = kzalloc(sizeof(*ref), GFP_KERNEL);
		if (!ref) {
			ret = -ENOMEM;
			break;
		}
		list_for_each_entry(resv, &def->reserved, list) {
			if (resv->start == start && resv->end == end &&
			    resv->direct == direct && resv->prot == region->prot) {
				found = true;
				break;
			}
		}
		if (found) {
			resv->users++;
		} else {
			resv = kzalloc(sizeof(*resv), GFP_KERNEL);
			if (!resv) {
				kfree(ref);
				ret = -ENOMEM;
				break;
			}
			resv->start = start;
			resv->end = end;
			resv->prot = region->prot;
			resv->direct = direct;
			ret = arm_iommu_reserve_range(def, resv);
			if (!ret && direct) {
				ret = arm_iommu_map_direct(def, resv, true);
				if (ret)
					arm_iommu_release_range(def, resv);
			}
			if (ret) {
				kfree(resv);
				kfree(ref);
				break;
			}
			resv->users = 1;
			list_add_tail(&resv->list, &def->reserved);
		}
		ref->resv = resv;
		list_add_tail(&ref->list, &master->resv);
	}
	iommu_put_resv_regions(dev, &regions);
	if (ret)
		arm_iommu_put_resvs(def, master);
	return ret;
}

/*
 * Attach @dev to its default mapping for the DMA window [@start, @end],
 * creating it if it has none yet, private to @dev if @isolated (@by says
 * what chose).  *@refused tells that a shared mapping existed but could not
 * take @dev, for another reason than lack of memory.
 */
static int arm_iommu_attach_default(struct device *dev, u64 start, u64 end,
				    bool isolated, enum arm_iommu_decider by,
				    bool *refused)
{
	struct iommu_device *iommu = dev->iommu->iommu_dev;
	struct arm_iommu_default *def, *found = NULL;
	struct arm_iommu_master *master;
	bool attached = false;
	int ret;

	lockdep_assert_held(&arm_iommu_defaults_lock);
	*refused = false;

	master = kzalloc(sizeof(*master), GFP_KERNEL);
	if (!master)
		return -ENOMEM;
	INIT_LIST_HEAD(&master->resv);

	list_for_each_entry(def, &arm_iommu_defaults, list) {
		if (!isolated && !def->isolated && def->iommu == iommu &&
		    def->window_start == start && def->window_end == end) {
			found = def;
			break;
		}
	}

	if (found) {
		def = found;
	} else {
		def = arm_iommu_create_default(dev, start, end, isolated, by,
					       &attached);
		if (IS_ERR(def)) {
			kfree(master);
			return PTR_ERR(def);
		}
	}

	/*
	 * A master is attached once its reserved regions are kept out and
	 * its direct regions mapped.  An IOMMU driver may map a new domain
	 * only once it is attached, without saying so in the geometry: then
	 * attach the first master and map again, as the IOMMU core does for
	 * default domains.
	 */
	ret = arm_iommu_reserve_regions(def, dev, master);
	if (ret && !found && !attached &&
	    !iommu_attach_device(def->mapping->domain, dev)) {
		attached = true;
		ret = arm_iommu_reserve_regions(def, dev, master);
	}
	if (!ret && !attached) {
		ret = __arm_iommu_attach_device(dev, def->mapping);
		if (ret)
			arm_iommu_put_resvs(def, master);
	} else if (!ret) {
		__arm_iommu_set_mapping(dev, def->mapping);
	}
	if (ret) {
		if (found) {
			*refused = ret != -ENOMEM;
		} else {
			if (attached)
				iommu_detach_device(def->mapping->domain, dev);
			arm_iommu_free_default(def);
		}
		kfree(master);
		return ret;
	}

	master->dev = get_device(dev);
	master->def = def;
	kref_get(&def->mapping->kref);
	list_add_tail(&master->list, &def->masters);
	def->nr_masters++;
	return 0;
}

/**
 * arm_iommu_attach_device - attach a device to a mapping
 * @dev: valid struct device pointer
 * @mapping: io address space mapping structure (returned from
 *	arm_iommu_create_mapping, or the default mapping of a device,
 *	to_dma_iommu_mapping())
 *
 * Attaches specified io address space mapping to the provided device.
 * This replaces the dma operations (dma_map_ops pointer) with the
 * IOMMU aware version.  A device still attached to its default mapping
 * leaves it first: that mapping stays for its other masters.
 *
 * More than one client might be attached to the same io address space
 * mapping, e.g. the devices of a composite driver that share buffers.
 *
 * Context: may sleep; takes the IOMMU group's lock.
 * Return: 0 on success, or the error of iommu_attach_device(): -ENODEV if
 * @dev is not behind an IOMMU, -EINVAL if its IOMMU group has other
 * devices or the domain is of another IOMMU instance, -EBUSY if it is
 * attached to another mapping, or what the IOMMU driver refuses it with.
 * On failure a device taken off its default mapping has direct DMA ops.
 */
int arm_iommu_attach_device(struct device *dev,
			    struct dma_iommu_mapping *mapping)
{
	struct arm_iommu_master *master;
	bool left_default = false;
	int err;

	kref_get(&mapping->kref);
	mutex_lock(&arm_iommu_defaults_lock);
	master = arm_iommu_find_master(dev);
	if (master && to_dma_iommu_mapping(dev) == master->def->mapping) {
		__arm_iommu_detach_device(dev, master->def->mapping);
		arm_iommu_put_master(master, false);
		left_default = true;
	}
	err = __arm_iommu_attach_device(dev, mapping);
	mutex_unlock(&arm_iommu_defaults_lock);
	kref_put(&mapping->kref, release_iommu_mapping);

	if (err) {
		if (left_default)
			set_dma_ops(dev, NULL);
		return err;
	}

	set_dma_ops(dev, &arm_iommu_dma_ops);
	return 0;
}
EXPORT_SYMBOL_GPL(arm_iommu_attach_device);

/**
 * arm_iommu_detach_device - detach a device from its mapping
 * @dev: valid struct device pointer
 *
 * Detaches the provided device from a previously attached map.
 * This overwrites the dma_ops pointer with appropriate non-IOMMU ops
 * (coherent or not, as the device is).
 *
 * Detaching a device from the default mapping arch_setup_dma_ops() gave
 * it hands the caller a reference to that mapping, as if the caller had
 * created it: drop it with arm_iommu_release_mapping() once done with it.
 * The mapping stays for the other masters attached to it.
 *
 * Context: may sleep; takes the IOMMU group's lock.
 */
void arm_iommu_detach_device(struct device *dev)
{
	struct dma_iommu_mapping *mapping;
	struct arm_iommu_master *master;

	mapping = to_dma_iommu_mapping(dev);
	if (!mapping) {
		dev_warn(dev, "Not attached\n");
		return;
	}

	mutex_lock(&arm_iommu_defaults_lock);
	master = arm_iommu_find_master(dev);
	/* The reference handed over keeps the mapping */
	__arm_iommu_detach_device(dev, mapping);
	if (master && master->def->mapping == mapping)
		arm_iommu_put_master(master, true);
	mutex_unlock(&arm_iommu_defaults_lock);
	set_dma_ops(dev, NULL);
}
EXPORT_SYMBOL_GPL(arm_iommu_detach_device);

/*
 * The policy for the masters of @iommu: what the instance requires, else
 * the kernel-wide policy.  Returns whether each master gets a mapping of
 * its own; *@by says what chose.
 */
static bool arm_iommu_policy(struct iommu_device *iommu,
			     enum arm_iommu_decider *by)
{
	switch (iommu->dma_sharing) {
	case IOMMU_DMA_SHARING_REQUIRED:
		*by = ARM_IOMMU_BY_IOMMU;
		return false;
	case IOMMU_DMA_SHARING_FORBIDDEN:
		*by = ARM_IOMMU_BY_IOMMU;
		return true;
	default:
		*by = arm_iommu_policy_by;
		return arm_iommu_isolated;
	}
}

static void arm_setup_iommu_dma_ops(struct device *dev)
{
	struct iommu_device *iommu = dev->iommu->iommu_dev;
	u64 start = 0, end = DMA_BIT_MASK(32);
	enum arm_iommu_decider by;
	bool isolated, refused;
	int ret;

	if (dev->dma_range_map) {
		start = dma_range_map_min(dev->dma_range_map);
		end = dma_range_map_max(dev->dma_range_map);
	}

	mutex_lock(&arm_iommu_defaults_lock);
	isolated = arm_iommu_policy(iommu, &by);
	ret = arm_iommu_attach_default(dev, start, end, isolated, by, &refused);
	/*
	 * A private mapping is no way out on an instance that requires its
	 * masters to share: it has no context or page table for a second one.
	 */
	if (ret && refused && iommu->dma_sharing != IOMMU_DMA_SHARING_REQUIRED) {
		dev_warn(dev, "IOMMU %s refused the shared DMA mapping (%pe), using a private one\n",
			 arm_iommu_name(iommu), ERR_PTR(ret));
		ret = arm_iommu_attach_default(dev, start, end, true,
					       ARM_IOMMU_BY_FALLBACK, &refused);
	}
	mutex_unlock(&arm_iommu_defaults_lock);

	if (ret) {
		dev_warn(dev, "no IOMMU DMA mapping (%pe), using direct DMA\n",
			 ERR_PTR(ret));
		return;
	}

	set_dma_ops(dev, &arm_iommu_dma_ops);
}

static void arm_teardown_iommu_dma_ops(struct device *dev)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	struct arm_iommu_master *master;

	mutex_lock(&arm_iommu_defaults_lock);
	if (mapping)
		__arm_iommu_detach_device(dev, mapping);
	master = arm_iommu_find_master(dev);
	if (master)
		arm_iommu_put_master(master, false);
	mutex_unlock(&arm_iommu_defaults_lock);
}

#ifdef CONFIG_DEBUG_FS
VISIBLE_IF_KUNIT int arm_iommu_mappings_show(struct seq_file *s, void *unused)
{
	struct arm_iommu_default *def;
	struct arm_iommu_master *master;
	struct arm_iommu_resv *resv;

	mutex_lock(&arm_iommu_defaults_lock);
	list_for_each_entry(def, &arm_iommu_defaults, list) {
		struct dma_iommu_mapping *mapping = def->mapping;
		unsigned long pages, used = 0, flags;
		unsigned int i;

		pages = ((def->iova_end - def->iova_start) >> PAGE_SHIFT) + 1;
		spin_lock_irqsave(&mapping->lock, flags);
		for (i = 0; i < mapping->nr_bitmaps; i++)
			used += bitmap_weight(mapping->bitmaps[i], mapping->bits);
		spin_unlock_irqrestore(&mapping->lock, flags);
		used = min(used, pages);

		seq_printf(s, "iommu %s window %#llx-%#llx policy %s by %s refcount %u masters %u\n",
			   def->iommu_name, def->window_start,
			   def->window_end, def->isolated ? "isolated" : "shared",
			   arm_iommu_deciders[def->by],
			   kref_read(&mapping->kref), def->nr_masters);
		seq_printf(s, "  iova %#llx-%#llx pages %lu used %lu free %lu\n",
			   def->iova_start, def->iova_end, pages, used,
			   pages - used);
		list_for_each_entry(resv, &def->reserved, list)
			seq_printf(s, "  reserved %#llx-%#llx%s users %u\n",
				   resv->start, resv->end,
				   resv->direct ? " direct" : "", resv->users);
		list_for_each_entry(master, &def->masters, list)
			seq_printf(s, "  master %s%s\n", dev_name(master->dev),
				   dev_is_dma_coherent(master->dev) ?
				   " coherent" : "");
	}
	mutex_unlock(&arm_iommu_defaults_lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(arm_iommu_mappings_show);
DEFINE_SHOW_ATTRIBUTE(arm_iommu_mappings);

static int __init arm_iommu_debugfs_init(void)
{
	debugfs_create_file("arm_iommu_mappings", 0444, NULL, NULL,
			    &arm_iommu_mappings_fops);
	return 0;
}
late_initcall(arm_iommu_debugfs_init);
#endif

#else

static void arm_setup_iommu_dma_ops(struct device *dev)
{
}

static void arm_teardown_iommu_dma_ops(struct device *dev) { }

#endif	/* CONFIG_ARM_DMA_USE_IOMMU */

/*
 * The driver being bound manages IOMMU translation itself (its buses set
 * driver_managed_iommu for drivers with driver_managed_dma too, VFIO): no
 * default mapping, so its group stays in the default identity domain for
 * the driver to replace.
 */
static bool arm_iommu_driver_managed(struct device *dev)
{
	return dev->driver && dev->driver->driver_managed_iommu;
}

void arch_setup_dma_ops(struct device *dev, bool coherent)
{
	/*
	 * Due to legacy code that sets the ->dma_coherent flag from a bus
	 * notifier we can't just assign coherent to the ->dma_coherent flag
	 * here, but instead have to make sure we only set but never clear it
	 * for now.
	 */
	if (coherent)
		dev->dma_coherent = true;

	/*
	 * Don't override the dma_ops if they have already been set. Ideally
	 * this should be the only location where dma_ops are set, remove this
	 * check when all other callers of set_dma_ops will have disappeared.
	 */
	if (dev->dma_ops)
		return;

	if (device_iommu_mapped(dev) && !arm_iommu_driver_managed(dev))
		arm_setup_iommu_dma_ops(dev);

	xen_setup_dma_ops(dev);
	dev->archdata.dma_ops_setup = true;
}

void arch_teardown_dma_ops(struct device *dev)
{
	if (!dev->archdata.dma_ops_setup)
		return;

	arm_teardown_iommu_dma_ops(dev);
	/* Let arch_setup_dma_ops() start again from scratch upon re-probe */
	set_dma_ops(dev, NULL);
}

void arch_sync_dma_for_device(phys_addr_t paddr, size_t size,
		enum dma_data_direction dir)
{
	__dma_page_cpu_to_dev(phys_to_page(paddr), paddr & (PAGE_SIZE - 1),
			      size, dir);
}

void arch_sync_dma_for_cpu(phys_addr_t paddr, size_t size,
		enum dma_data_direction dir)
{
	__dma_page_dev_to_cpu(phys_to_page(paddr), paddr & (PAGE_SIZE - 1),
			      size, dir);
}

void *arch_dma_alloc(struct device *dev, size_t size, dma_addr_t *dma_handle,
		gfp_t gfp, unsigned long attrs)
{
	return __dma_alloc(dev, size, dma_handle, gfp,
			   __get_dma_pgprot(attrs, PAGE_KERNEL), false,
			   attrs, __builtin_return_address(0));
}

void arch_dma_free(struct device *dev, size_t size, void *cpu_addr,
		dma_addr_t dma_handle, unsigned long attrs)
{
	__arm_dma_free(dev, size, cpu_addr, dma_handle, attrs, false);
}
