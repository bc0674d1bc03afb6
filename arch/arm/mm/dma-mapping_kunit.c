// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for arch_setup_dma_ops() and the IOMMU-backed DMA operations
 * of 32-bit ARM.
 *
 * Each suite applies a device tree overlay, its fixture:
 * dma-mapping_kunit.dtso for arm_dma_mapping, dma-mapping_kunit_<name>.dtso
 * for a suite arm_dma_mapping_<name> with a fixture of its own.  A case
 * that needs IOMMU instances of a kind the suite's fixture lacks applies
 * their fixture, dma-mapping_kunit_<kind>.dtso, on top of it.  The test
 * IOMMU driver (dma-mapping_kunit_iommu.c) binds to the ARM_DMA_TEST_IOMMU
 * nodes of the fixtures and registers each of them as an IOMMU instance
 * through the IOMMU API.  Its paging domains keep every mapping in a table
 * that the tests read back with iommu_iova_to_phys(), and each instance
 * counts the domains it allocated and freed and the attaches it saw.  The
 * masters are platform devices of the same fixtures: a test registers a
 * driver for the compatibles it wants, so the driver core runs the path
 * every device tree master takes at probe time: of_dma_configure() ->
 * of_iommu_configure() -> arch_setup_dma_ops() -> the driver's probe.
 */

#include <kunit/of.h>
#include <kunit/platform_device.h>
#include <kunit/test.h>
#include <linux/amba/bus.h>
#include <linux/atomic.h>
#include <linux/clk-provider.h>
#include <linux/clkdev.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/fault-inject.h>
#include <linux/highmem.h>
#include <linux/iommu.h>
#include <linux/kmsg_dump.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include <asm/dma-iommu.h>

#include "dma.h"
#include "dma-mapping_kunit.h"
#include "dma-mapping_kunit_iommu.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* How long a test waits for a master to be bound */
#define ARM_DMA_TEST_PROBE_TIMEOUT	(5 * HZ)
/*
 * How long a test waits for the deferred probe timeout to bind a master
 * whose IOMMU never registers: longer than the timeout the kernel runs
 * with, deferred_probe_timeout= or 10 seconds (CONFIG_MODULES).
 */
#define ARM_DMA_TEST_DEFERRED_TIMEOUT	(40 * HZ)

/* The masters of the fixtures, by compatible */
enum arm_dma_test_master_id {
	TEST_DIRECT,
	TEST_DIRECT_COHERENT,
	TEST_IOMMU_MASTER,
	TEST_IOMMU_COHERENT,
	TEST_IOMMU1_MASTER,
	TEST_WINDOW_MASTER,
	TEST_TRIO_MASTER,
	TEST_CTX_MASTER,
	TEST_NOSHARE_MASTER,
	TEST_NODOMAIN_MASTER,
	TEST_RESV_MASTER,
	TEST_IDMAP_MASTER,
	TEST_RESV_SHARED_MASTER,
	TEST_RESV_NOSHARE_MASTER,
	TEST_HIGH_WINDOW_MASTER,
	TEST_LATE_MASTER,
	TEST_ABSENT_MASTER,
	TEST_TAIL_MASTER,
	TEST_SINGLE_MASTER,
	TEST_ISOLATING_MASTER,
	TEST_BENCH_MASTER,
};

#define ARM_DMA_TEST_MATCH(compat)	{ { .compatible = compat }, { } }

static const struct of_device_id arm_dma_test_master_match[][2] = {
	[TEST_DIRECT]		= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_DIRECT),
	[TEST_DIRECT_COHERENT]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_DIRECT_COHERENT),
	[TEST_IOMMU_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_IOMMU_MASTER),
	[TEST_IOMMU_COHERENT]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_IOMMU_COHERENT),
	[TEST_IOMMU1_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_IOMMU1_MASTER),
	[TEST_WINDOW_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_WINDOW_MASTER),
	[TEST_TRIO_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_TRIO_MASTER),
	[TEST_CTX_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_CTX_MASTER),
	[TEST_NOSHARE_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_NOSHARE_MASTER),
	[TEST_NODOMAIN_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_NODOMAIN_MASTER),
	[TEST_RESV_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_RESV_MASTER),
	[TEST_IDMAP_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_IDMAP_MASTER),
	[TEST_RESV_SHARED_MASTER] =
		ARM_DMA_TEST_MATCH(ARM_DMA_TEST_RESV_SHARED_MASTER),
	[TEST_RESV_NOSHARE_MASTER] =
		ARM_DMA_TEST_MATCH(ARM_DMA_TEST_RESV_NOSHARE_MASTER),
	[TEST_HIGH_WINDOW_MASTER] =
		ARM_DMA_TEST_MATCH(ARM_DMA_TEST_HIGH_WINDOW_MASTER),
	[TEST_LATE_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_LATE_MASTER),
	[TEST_ABSENT_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_ABSENT_MASTER),
	[TEST_TAIL_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_TAIL_MASTER),
	[TEST_SINGLE_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_SINGLE_MASTER),
	[TEST_ISOLATING_MASTER]	=
		ARM_DMA_TEST_MATCH(ARM_DMA_TEST_ISOLATING_MASTER),
	[TEST_BENCH_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_BENCH_MASTER),
};

#define ARM_DMA_TEST_MAX_MASTERS	ARM_DMA_TEST_CTX_MASTERS

/**
 * struct arm_dma_test_master - a master driver registered by a test
 * @drv: bound to the fixture nodes of one compatible
 * @probed: completed by each probe that binds
 * @lock: protects @devs and @nr
 * @devs: the masters bound, in the order they first were
 * @nr: number of @devs
 * @calls: calls of the probe function, deferred ones included
 * @defers: probes still to return -EPROBE_DEFER
 * @own_domain: the paging domain an ARM_DMA_TEST_OWN_DOMAIN probe attached
 * @own_domain_ret: what iommu_attach_device() returned to that probe
 */
struct arm_dma_test_master {
	struct platform_driver drv;
	struct completion probed;
	spinlock_t lock;	/* devs and nr */
	struct device *devs[ARM_DMA_TEST_MAX_MASTERS];
	unsigned int nr;
	atomic_t calls;
	atomic_t defers;
	struct iommu_domain *own_domain;
	int own_domain_ret;
};

static struct arm_dma_test_master *
to_arm_dma_test_master(struct platform_device *pdev)
{
	return container_of(to_platform_driver(pdev->dev.driver),
			    struct arm_dma_test_master, drv);
}

static int arm_dma_test_master_probe(struct platform_device *pdev)
{
	struct arm_dma_test_master *m = to_arm_dma_test_master(pdev);
	unsigned int i;

	atomic_inc(&m->calls);
	if (atomic_dec_if_positive(&m->defers) >= 0)
		return -EPROBE_DEFER;
	spin_lock(&m->lock);
	for (i = 0; i < m->nr && m->devs[i] != &pdev->dev; i++)
		;
	if (i == m->nr && m->nr < ARRAY_SIZE(m->devs))
		m->devs[m->nr++] = &pdev->dev;
	spin_unlock(&m->lock);
	complete(&m->probed);
	return 0;
}

/* How arm_dma_test_register() registers its driver */
#define ARM_DMA_TEST_ASYNC		BIT(0)	/* probe asynchronously */
#define ARM_DMA_TEST_MANAGED_IOMMU	BIT(1)	/* driver_managed_iommu */
#define ARM_DMA_TEST_MANAGED_DMA	BIT(2)	/* driver_managed_dma */
#define ARM_DMA_TEST_OWN_MAPPING	BIT(3)	/* probe attaches a mapping */
#define ARM_DMA_TEST_DEFER		BIT(4)	/* probe defers a few times */
#define ARM_DMA_TEST_OWN_DOMAIN		BIT(5)	/* probe attaches a domain */

/* How many times an ARM_DMA_TEST_DEFER driver's probe defers */
#define ARM_DMA_TEST_DEFERS		3

/* IOVA window of the mapping an ARM_DMA_TEST_OWN_MAPPING driver builds */
#define ARM_DMA_TEST_OWN_BASE		SZ_256M
#define ARM_DMA_TEST_OWN_SIZE		SZ_16M

/*
 * A driver that builds its own mapping in probe with the public ARM API,
 * as omap3isp does, and releases it in remove.
 */
static int arm_dma_test_own_mapping_probe(struct platform_device *pdev)
{
	struct dma_iommu_mapping *mapping;
	int ret;

	mapping = arm_iommu_create_mapping(&pdev->dev, ARM_DMA_TEST_OWN_BASE,
					   ARM_DMA_TEST_OWN_SIZE);
	if (IS_ERR(mapping))
		return PTR_ERR(mapping);
	ret = arm_iommu_attach_device(&pdev->dev, mapping);
	if (ret) {
		arm_iommu_release_mapping(mapping);
		return ret;
	}
	return arm_dma_test_master_probe(pdev);
}

static void arm_dma_test_own_mapping_remove(struct platform_device *pdev)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(&pdev->dev);

	arm_iommu_detach_device(&pdev->dev);
	arm_iommu_release_mapping(mapping);
}

/*
 * A driver that attaches a paging domain of its own in probe with the
 * IOMMU API, as msm_iommu_new() does for MSM DRM, and keeps it until
 * remove.  The probe succeeds either way; the test reads what the attach
 * returned.
 */
static int arm_dma_test_own_domain_probe(struct platform_device *pdev)
{
	struct arm_dma_test_master *m = to_arm_dma_test_master(pdev);
	struct iommu_domain *domain;

	domain = iommu_paging_domain_alloc(&pdev->dev);
	if (IS_ERR(domain))
		return PTR_ERR(domain);
	m->own_domain_ret = iommu_attach_device(domain, &pdev->dev);
	if (m->own_domain_ret)
		iommu_domain_free(domain);
	else
		m->own_domain = domain;
	return arm_dma_test_master_probe(pdev);
}

static void arm_dma_test_own_domain_remove(struct platform_device *pdev)
{
	struct arm_dma_test_master *m = to_arm_dma_test_master(pdev);

	if (m->own_domain) {
		iommu_detach_device(m->own_domain, &pdev->dev);
		iommu_domain_free(m->own_domain);
		m->own_domain = NULL;
	}
}

/*
 * Register a driver for the masters of compatible @id, as @flags say.  The
 * driver is unregistered, and the masters unbound, when the test ends.
 */
static struct arm_dma_test_master *
arm_dma_test_add_driver(struct kunit *test, enum arm_dma_test_master_id id,
			unsigned int flags)
{
	const struct of_device_id *match = arm_dma_test_master_match[id];
	struct arm_dma_test_master *m;

	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	init_completion(&m->probed);
	spin_lock_init(&m->lock);
	m->drv.probe = arm_dma_test_master_probe;
	m->drv.driver.name = match->compatible;
	m->drv.driver.of_match_table = match;
	if (flags & ARM_DMA_TEST_ASYNC)
		m->drv.driver.probe_type = PROBE_PREFER_ASYNCHRONOUS;
	m->drv.driver.driver_managed_iommu = flags & ARM_DMA_TEST_MANAGED_IOMMU;
	m->drv.driver_managed_dma = flags & ARM_DMA_TEST_MANAGED_DMA;
	if (flags & ARM_DMA_TEST_DEFER)
		atomic_set(&m->defers, ARM_DMA_TEST_DEFERS);
	if (flags & ARM_DMA_TEST_OWN_MAPPING) {
		m->drv.probe = arm_dma_test_own_mapping_probe;
		m->drv.remove = arm_dma_test_own_mapping_remove;
	}
	if (flags & ARM_DMA_TEST_OWN_DOMAIN) {
		m->drv.probe = arm_dma_test_own_domain_probe;
		m->drv.remove = arm_dma_test_own_domain_remove;
	}
	KUNIT_ASSERT_EQ(test, 0, kunit_platform_driver_register(test, &m->drv));
	return m;
}

/* Wait up to @timeout jiffies for @n masters of @m to be bound */
static void arm_dma_test_wait(struct kunit *test, struct arm_dma_test_master *m,
			      unsigned int n, unsigned long timeout)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		KUNIT_ASSERT_NE_MSG(test, 0,
				    wait_for_completion_timeout(&m->probed,
								timeout),
				    "%u of %u %s masters bound", i, n,
				    m->drv.driver.name);
	KUNIT_ASSERT_EQ(test, m->nr, n);
}

/*
 * Register a driver for the @n masters of compatible @id, as @flags say,
 * and wait until all are bound.
 */
static struct arm_dma_test_master *
arm_dma_test_register(struct kunit *test, enum arm_dma_test_master_id id,
		      unsigned int n, unsigned int flags)
{
	struct arm_dma_test_master *m = arm_dma_test_add_driver(test, id, flags);

	arm_dma_test_wait(test, m, n, ARM_DMA_TEST_PROBE_TIMEOUT);
	return m;
}

/* Bind the one master of compatible @id */
static struct device *arm_dma_test_bind(struct kunit *test,
					enum arm_dma_test_master_id id)
{
	return arm_dma_test_register(test, id, 1, 0)->devs[0];
}

static void arm_dma_test_put_device(void *dev)
{
	put_device(dev);
}

/* The device of the one master of compatible @id, bound or not */
static struct device *arm_dma_test_find(struct kunit *test,
					enum arm_dma_test_master_id id)
{
	struct platform_device *pdev;
	struct device_node *np;

	np = of_find_compatible_node(NULL, NULL,
				     arm_dma_test_master_match[id]->compatible);
	KUNIT_ASSERT_NOT_NULL(test, np);
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, arm_dma_test_put_device,
						  &pdev->dev));
	return &pdev->dev;
}

/*
 * Lines of the kernel log that hold both @name and @text: @name is a device
 * name, or the start of the names of several masters.
 */
static unsigned int arm_dma_test_log_count(struct kunit *test,
					   const char *name, const char *text)
{
	struct kmsg_dump_iter iter = { };
	unsigned int n = 0;
	u64 records, read = 0;
	size_t len;
	char *line;

	line = kunit_kmalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, line);
	kmsg_dump_rewind(&iter);
	records = iter.next_seq - iter.cur_seq;
	while (kmsg_dump_get_line(&iter, false, line, 1023, &len)) {
		line[len] = '\0';
		if (strstr(line, name) && strstr(line, text))
			n++;
		read++;
	}
	kunit_kfree(test, line);
	/*
	 * A record overwritten before it was read: the log buffer wrapped,
	 * and a count taken before an operation no longer compares with one
	 * taken after it.
	 */
	KUNIT_ASSERT_GE_MSG(test, read, records,
			    "the kernel log wrapped: boot with a larger log_buf_len");
	return n;
}

/* Lines of the kernel log that hold both @dev's name and @text */
static unsigned int arm_dma_test_log_lines(struct kunit *test,
					   struct device *dev, const char *text)
{
	return arm_dma_test_log_count(test, dev_name(dev), text);
}

/* The two warnings of the fallback chain of arm_setup_iommu_dma_ops() */
#define ARM_DMA_TEST_WARN_REFUSED	"refused the shared DMA mapping"
#define ARM_DMA_TEST_WARN_DIRECT	"using direct DMA"

/**
 * struct arm_dma_test_warnings - fallback warnings already in the log
 * @name: name, or start of the names, of the masters they are about
 * @refused: lines with ARM_DMA_TEST_WARN_REFUSED
 * @direct: lines with ARM_DMA_TEST_WARN_DIRECT
 */
struct arm_dma_test_warnings {
	const char *name;
	unsigned int refused;
	unsigned int direct;
};

/* Count the fallback warnings about masters named @name so far */
static void arm_dma_test_warnings_before(struct kunit *test,
					 struct arm_dma_test_warnings *w,
					 const char *name)
{
	w->name = name;
	w->refused = arm_dma_test_log_count(test, name,
					    ARM_DMA_TEST_WARN_REFUSED);
	w->direct = arm_dma_test_log_count(test, name, ARM_DMA_TEST_WARN_DIRECT);
}

/* Expect @refused and @direct fallback warnings since they were counted */
static void arm_dma_test_expect_warnings(struct kunit *test,
					 const struct arm_dma_test_warnings *w,
					 unsigned int refused,
					 unsigned int direct)
{
	KUNIT_EXPECT_EQ_MSG(test,
			    arm_dma_test_log_count(test, w->name,
						   ARM_DMA_TEST_WARN_REFUSED) -
			    w->refused, refused, "\"%s\" about %s",
			    ARM_DMA_TEST_WARN_REFUSED, w->name);
	KUNIT_EXPECT_EQ_MSG(test,
			    arm_dma_test_log_count(test, w->name,
						   ARM_DMA_TEST_WARN_DIRECT) -
			    w->direct, direct, "\"%s\" about %s",
			    ARM_DMA_TEST_WARN_DIRECT, w->name);
}

static void arm_dma_test_restore_policy(void *isolated)
{
	arm_iommu_isolated = isolated;
}

/* Set the default mapping policy until the test ends */
static void arm_dma_test_set_policy(struct kunit *test, bool isolated)
{
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_restore_policy,
						  arm_iommu_isolated ?
						  (void *)1 : NULL));
	arm_iommu_isolated = isolated;
}

static bool arm_dma_test_has_iommu_ops(struct device *dev)
{
	return get_dma_ops(dev) == &arm_iommu_dma_ops;
}

/* Physical address of a CPU address returned by the DMA API */
static phys_addr_t arm_dma_test_cpu_to_phys(void *cpu_addr)
{
	if (is_vmalloc_addr(cpu_addr))
		return page_to_phys(vmalloc_to_page(cpu_addr)) +
		       offset_in_page(cpu_addr);
	return virt_to_phys(cpu_addr);
}

struct arm_dma_test_case {
	const char *name;
	enum arm_dma_test_master_id master;
	bool iommu;
	bool coherent;
};

static const struct arm_dma_test_case arm_dma_test_ops_cases[] = {
	{ "direct", TEST_DIRECT, false, false },
	{ "direct-coherent", TEST_DIRECT_COHERENT, false, true },
	{ "iommu", TEST_IOMMU_MASTER, true, false },
	{ "iommu-coherent", TEST_IOMMU_COHERENT, true, true },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_ops, arm_dma_test_ops_cases, name);

/*
 * A master gets the IOMMU-backed operations when its "iommus" names a
 * registered IOMMU, dma-direct otherwise; "dma-coherent" decides coherency
 * either way.  Unbinding it frees what binding it allocated.
 */
static void arm_dma_test_ops_follow_iommus_and_coherency(struct kunit *test)
{
	const struct arm_dma_test_case *c = test->param_value;
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct dma_iommu_mapping *mapping;
	struct device *dev;

	dev = arm_dma_test_bind(test, c->master);
	KUNIT_EXPECT_EQ(test, dev_is_dma_coherent(dev), c->coherent);

	mapping = to_dma_iommu_mapping(dev);
	if (c->iommu) {
		KUNIT_EXPECT_TRUE(test, device_iommu_mapped(dev));
		KUNIT_EXPECT_PTR_EQ(test, get_dma_ops(dev), &arm_iommu_dma_ops);
		KUNIT_ASSERT_NOT_NULL(test, mapping);
		KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(dev),
				    mapping->domain);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches), 1);
	} else {
		KUNIT_EXPECT_FALSE(test, device_iommu_mapped(dev));
		KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
		KUNIT_EXPECT_NULL(test, mapping);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 0);
	}

	device_release_driver(dev);
	KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
			atomic_read(&t->domains_allocated));
}

/*
 * dma_map_single() through the IOMMU: every page of the buffer translates,
 * in the domain's table, to the buffer's physical pages, in-page offset
 * kept, IOVA 0 never used; after dma_unmap_single() nothing does.
 */
static void arm_dma_test_map_single_translates_each_page(struct kunit *test)
{
	const size_t offset = 100, size = 3 * PAGE_SIZE;
	struct dma_iommu_mapping *mapping;
	struct device *dev;
	dma_addr_t dma;
	size_t off;
	u8 *buf;

	dev = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);

	buf = kunit_kmalloc(test, size + offset, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(dev, buf + offset, size, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma));
	KUNIT_EXPECT_NE(test, dma & PAGE_MASK, 0);
	KUNIT_EXPECT_EQ(test, offset_in_page(dma), offset_in_page(buf + offset));

	for (off = 0; off < size; off += PAGE_SIZE / 2)
		KUNIT_EXPECT_EQ_MSG(test,
				    iommu_iova_to_phys(mapping->domain, dma + off),
				    virt_to_phys(buf + offset + off),
				    "IOVA %pad + %zu", &dma, off);

	dma_unmap_single(dev, dma, size, DMA_TO_DEVICE);
	for (off = 0; off < size; off += PAGE_SIZE)
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain, dma + off), 0);
}

/* A device's registers for dma_map_resource(): never accessed */
#define ARM_DMA_TEST_ATOMIC_RESOURCE	SZ_256M

/*
 * Drivers map and unmap streaming DMA in atomic context, under a spinlock
 * or in an interrupt handler (Documentation/core-api/dma-api.rst): the
 * IOMMU-backed operations must not sleep there, which the kernels with
 * CONFIG_DEBUG_ATOMIC_SLEEP report (make kunit-debug).
 */
static void arm_dma_test_map_in_atomic_context(struct kunit *test)
{
	struct dma_iommu_mapping *mapping;
	dma_addr_t page_dma, res_dma;
	struct scatterlist sg;
	unsigned long flags;
	struct device *dev;
	spinlock_t lock;	/* held while mapping */
	struct page *page;
	int nents;

	dev = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	page = alloc_pages(GFP_KERNEL, 1);
	KUNIT_ASSERT_NOT_NULL(test, page);
	sg_init_table(&sg, 1);
	sg_set_page(&sg, page + 1, PAGE_SIZE, 0);
	spin_lock_init(&lock);

	spin_lock_irqsave(&lock, flags);
	page_dma = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	nents = dma_map_sg(dev, &sg, 1, DMA_FROM_DEVICE);
	res_dma = dma_map_resource(dev, ARM_DMA_TEST_ATOMIC_RESOURCE,
				   PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	spin_unlock_irqrestore(&lock, flags);

	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, page_dma));
	KUNIT_EXPECT_EQ(test, nents, 1);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, res_dma));
	if (!dma_mapping_error(dev, page_dma))
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain, page_dma),
				page_to_phys(page));
	if (nents == 1)
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain,
						   sg_dma_address(&sg)),
				page_to_phys(page + 1));
	if (!dma_mapping_error(dev, res_dma))
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain, res_dma),
				ARM_DMA_TEST_ATOMIC_RESOURCE);

	spin_lock_irqsave(&lock, flags);
	if (!dma_mapping_error(dev, res_dma))
		dma_unmap_resource(dev, res_dma, PAGE_SIZE, DMA_BIDIRECTIONAL,
				   0);
	if (nents == 1)
		dma_unmap_sg(dev, &sg, 1, DMA_FROM_DEVICE);
	if (!dma_mapping_error(dev, page_dma))
		dma_unmap_page(dev, page_dma, PAGE_SIZE, DMA_TO_DEVICE);
	spin_unlock_irqrestore(&lock, flags);
	__free_pages(page, 1);
}

struct arm_dma_test_alloc_case {
	const char *name;
	enum arm_dma_test_master_id master;
	gfp_t gfp;
};

static const struct arm_dma_test_alloc_case arm_dma_test_alloc_cases[] = {
	{ "remapped", TEST_IOMMU_MASTER, GFP_KERNEL },
	{ "atomic-pool", TEST_IOMMU_MASTER, GFP_ATOMIC },
	{ "coherent", TEST_IOMMU_COHERENT, GFP_KERNEL },
	{ "coherent-atomic", TEST_IOMMU_COHERENT, GFP_ATOMIC },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_alloc, arm_dma_test_alloc_cases, name);

/*
 * dma_alloc_coherent() through the IOMMU, from each of its allocators:
 * every page of the buffer is mapped, each to its own physical page.
 * The coherent and atomic allocators hand out physically contiguous
 * buffers that once had only their first page mapped right.
 */
static void arm_dma_test_alloc_maps_every_page(struct kunit *test)
{
	const struct arm_dma_test_alloc_case *c = test->param_value;
	const size_t size = 4 * PAGE_SIZE;
	struct dma_iommu_mapping *mapping;
	struct device *dev;
	dma_addr_t dma;
	size_t off;
	void *cpu;

	dev = arm_dma_test_bind(test, c->master);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);

	cpu = dma_alloc_coherent(dev, size, &dma, c->gfp);
	KUNIT_ASSERT_NOT_NULL(test, cpu);
	KUNIT_EXPECT_NE(test, dma, 0);
	for (off = 0; off < size; off += PAGE_SIZE)
		KUNIT_EXPECT_EQ_MSG(test,
				    iommu_iova_to_phys(mapping->domain, dma + off),
				    arm_dma_test_cpu_to_phys(cpu + off),
				    "IOVA %pad + %zu", &dma, off);

	dma_free_coherent(dev, size, cpu, dma);
	for (off = 0; off < size; off += PAGE_SIZE)
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain, dma + off), 0);
}

struct arm_dma_test_every_op_case {
	const char *name;
	enum arm_dma_test_master_id master;
	unsigned long attrs;
	gfp_t gfp;
};

static const struct arm_dma_test_every_op_case arm_dma_test_every_op_cases[] = {
	{ "noncoherent", TEST_IOMMU_MASTER, 0, GFP_KERNEL },
	{ "noncoherent-no-kernel-mapping", TEST_IOMMU_MASTER,
	  DMA_ATTR_NO_KERNEL_MAPPING, GFP_KERNEL },
	{ "noncoherent-contiguous", TEST_IOMMU_MASTER,
	  DMA_ATTR_FORCE_CONTIGUOUS, GFP_KERNEL },
	{ "noncoherent-atomic", TEST_IOMMU_MASTER, 0, GFP_ATOMIC },
	{ "coherent", TEST_IOMMU_COHERENT, 0, GFP_KERNEL },
	{ "coherent-no-kernel-mapping", TEST_IOMMU_COHERENT,
	  DMA_ATTR_NO_KERNEL_MAPPING, GFP_KERNEL },
	{ "coherent-contiguous", TEST_IOMMU_COHERENT,
	  DMA_ATTR_FORCE_CONTIGUOUS, GFP_KERNEL },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_every_op, arm_dma_test_every_op_cases,
		       name);

#define ARM_DMA_TEST_OP_PAGES	4

/* Expect @n pages from IOVA @dma of @mapping translated, or not at all */
static void arm_dma_test_expect_unmapped(struct kunit *test,
					 struct dma_iommu_mapping *mapping,
					 dma_addr_t dma, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    iommu_iova_to_phys(mapping->domain,
						       dma + i * PAGE_SIZE),
				    0, "IOVA %pad + %u pages", &dma, i);
}

/*
 * kunit_vm_mmap() gives the test's kthread an address space of its own
 * with kthread_use_mm(), and the kthread exits with it attached: the
 * mm_count reference kthread_use_mm() took is never dropped, and
 * kmemleak reports the mm.  Drop it once the case is over.
 */
KUNIT_DEFINE_ACTION_WRAPPER(arm_dma_test_mmdrop, mmdrop, struct mm_struct *);

/*
 * The coherent allocation operations of one case: alloc, get_sgtable,
 * mmap and free.  The pages get_sgtable names are those the IOVAs
 * translate to (contiguous with DMA_ATTR_FORCE_CONTIGUOUS), and those a
 * user mapping of the buffer reaches: get_user_pages() finds them in a
 * mapping of an array of pages, and what is written to each page through
 * a kernel mapping reads back through the user one.  None is translated
 * once the buffer is freed.
 * GFP_ATOMIC takes a non-coherent master's buffer from the atomic pool;
 * a coherent master's buffer is always one physically contiguous block.
 */
static void arm_dma_test_every_alloc_op(struct kunit *test, struct device *dev,
					unsigned long attrs, gfp_t gfp)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	const size_t size = ARM_DMA_TEST_OP_PAGES * PAGE_SIZE;
	struct page *pages[ARM_DMA_TEST_OP_PAGES] = { };
	struct page *user[ARM_DMA_TEST_OP_PAGES];
	/* What __iommu_alloc_simple() allocates: one block of pages */
	bool contiguous = dev_is_dma_coherent(dev) ||
			  !gfpflags_allow_blocking(gfp);
	struct vm_area_struct *vma;
	struct sg_page_iter piter;
	unsigned long addr;
	struct sg_table sgt;
	unsigned int n = 0;
	bool attached;
	dma_addr_t dma;
	int ret, got;
	u8 *copy;
	void *cpu;

	cpu = dma_alloc_attrs(dev, size, &dma, gfp, attrs);
	KUNIT_ASSERT_NOT_NULL(test, cpu);
	KUNIT_ASSERT_EQ(test, 0,
			dma_get_sgtable_attrs(dev, &sgt, cpu, dma, size, attrs));
	for_each_sgtable_page(&sgt, &piter, 0) {
		struct page *page = sg_page_iter_page(&piter);

		if (n < ARM_DMA_TEST_OP_PAGES)
			pages[n] = page;
		KUNIT_EXPECT_EQ_MSG(test,
				    iommu_iova_to_phys(mapping->domain,
						       dma + n * PAGE_SIZE),
				    page_to_phys(page), "page %u", n);
		if ((attrs & DMA_ATTR_FORCE_CONTIGUOUS) && n)
			KUNIT_EXPECT_EQ(test, page_to_pfn(page),
					page_to_pfn(pages[0]) + n);
		n++;
	}
	sg_free_table(&sgt);
	KUNIT_EXPECT_EQ(test, n, ARM_DMA_TEST_OP_PAGES);

	/* A user mapping, as a driver's mmap() makes one */
	attached = !current->mm;
	addr = kunit_vm_mmap(test, NULL, 0, size, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_ANONYMOUS, 0);
	if (attached && current->mm) {
		ret = kunit_add_action_or_reset(test, arm_dma_test_mmdrop,
						current->mm);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	KUNIT_ASSERT_NE(test, addr, 0);
	mmap_write_lock(current->mm);
	vma = vma_lookup(current->mm, addr);
	ret = vma ? dma_mmap_attrs(dev, vma, cpu, dma, size, attrs) : -EFAULT;
	mmap_write_unlock(current->mm);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret && !contiguous) {
		/* Mapped with vm_map_pages(): get_user_pages() finds the pages */
		got = get_user_pages_fast(addr, ARM_DMA_TEST_OP_PAGES, 0, user);
		KUNIT_EXPECT_EQ(test, got, ARM_DMA_TEST_OP_PAGES);
		for (n = 0; got > 0 && n < got; n++) {
			KUNIT_EXPECT_PTR_EQ(test, user[n], pages[n]);
			put_page(user[n]);
		}
	}
	if (!ret && (contiguous || !(attrs & DMA_ATTR_NO_KERNEL_MAPPING))) {
		/*
		 * Each page written through a kernel mapping, read through
		 * the user one: the buffer's own, or, for a coherent master
		 * without one, a cached mapping, coherent with the user one.
		 */
		copy = kunit_kmalloc(test, size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		for (n = 0; n < ARM_DMA_TEST_OP_PAGES; n++) {
			u8 *p;

			if (attrs & DMA_ATTR_NO_KERNEL_MAPPING) {
				p = kmap_local_page(pages[n]);
				memset(p, 0xa0 + n, PAGE_SIZE);
				kunmap_local(p);
			} else {
				memset(cpu + n * PAGE_SIZE, 0xa0 + n, PAGE_SIZE);
			}
		}
		KUNIT_EXPECT_EQ(test, copy_from_user(copy, (void __user *)addr,
						     size), 0);
		for (n = 0; n < ARM_DMA_TEST_OP_PAGES; n++)
			KUNIT_EXPECT_NULL_MSG(test,
					      memchr_inv(copy + n * PAGE_SIZE,
							 0xa0 + n, PAGE_SIZE),
					      "page %u", n);
	}
	/* Before the free: the user mapping holds the pages */
	vm_munmap(addr, size);

	dma_free_attrs(dev, size, cpu, dma, attrs);
	arm_dma_test_expect_unmapped(test, mapping, dma, ARM_DMA_TEST_OP_PAGES);
}

/*
 * Every operation of arm_iommu_dma_ops and its coherent variant on a
 * non-coherent and on a coherent master: the allocation ones with and
 * without DMA_ATTR_NO_KERNEL_MAPPING and DMA_ATTR_FORCE_CONTIGUOUS (CMA),
 * and the streaming ones (map_page, map_sg, map_resource, their unmaps
 * and the syncs).  Each IOVA translates to the right page, and to nothing
 * once unmapped.
 */
static void arm_dma_test_every_op_maps_and_unmaps(struct kunit *test)
{
	const struct arm_dma_test_every_op_case *c = test->param_value;
	struct dma_iommu_mapping *mapping;
	struct scatterlist *s;
	struct sg_table sgt;
	struct device *dev;
	struct page *page[3];
	dma_addr_t dma;
	unsigned int i;

	if ((c->attrs & DMA_ATTR_FORCE_CONTIGUOUS) &&
	    !IS_ENABLED(CONFIG_DMA_CMA))
		kunit_skip(test, "DMA_ATTR_FORCE_CONTIGUOUS needs CONFIG_DMA_CMA");
	dev = arm_dma_test_bind(test, c->master);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
	KUNIT_EXPECT_EQ(test, dev_is_dma_coherent(dev),
			c->master == TEST_IOMMU_COHERENT);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);

	arm_dma_test_every_alloc_op(test, dev, c->attrs, c->gfp);
	if (c->attrs || c->gfp != GFP_KERNEL)
		return;

	/* map_page, the syncs, unmap_page */
	page[0] = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page[0]);
	dma = dma_map_page(dev, page[0], 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, dma));
	if (!dma_mapping_error(dev, dma)) {
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				page_to_phys(page[0]));
		dma_sync_single_for_cpu(dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL);
		dma_sync_single_for_device(dev, dma, PAGE_SIZE,
					   DMA_BIDIRECTIONAL);
		dma_unmap_page(dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL);
		arm_dma_test_expect_unmapped(test, mapping, dma, 1);
	}

	/* map_resource, unmap_resource: a physical range, no struct page use */
	dma = dma_map_resource(dev, page_to_phys(page[0]), PAGE_SIZE,
			       DMA_BIDIRECTIONAL, 0);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, dma));
	if (!dma_mapping_error(dev, dma)) {
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				page_to_phys(page[0]));
		dma_unmap_resource(dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
		arm_dma_test_expect_unmapped(test, mapping, dma, 1);
	}
	__free_page(page[0]);

	/* map_sg, the syncs, unmap_sg: three pages, not contiguous */
	for (i = 0; i < ARRAY_SIZE(page); i++) {
		page[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, page[i]);
	}
	KUNIT_ASSERT_EQ(test, 0, sg_alloc_table(&sgt, ARRAY_SIZE(page),
						GFP_KERNEL));
	for_each_sgtable_sg(&sgt, s, i)
		sg_set_page(s, page[i], PAGE_SIZE, 0);
	KUNIT_EXPECT_EQ(test, dma_map_sgtable(dev, &sgt, DMA_BIDIRECTIONAL, 0),
			0);
	if (sgt.nents) {
		struct sg_dma_page_iter diter;
		unsigned int n = 0;

		for_each_sgtable_dma_page(&sgt, &diter, 0) {
			dma = sg_page_iter_dma_address(&diter);
			KUNIT_EXPECT_EQ_MSG(test,
					    iommu_iova_to_phys(mapping->domain,
							       dma),
					    n < ARRAY_SIZE(page) ?
					    page_to_phys(page[n]) : 0,
					    "page %u", n);
			n++;
		}
		KUNIT_EXPECT_EQ(test, n, ARRAY_SIZE(page));
		dma_sync_sgtable_for_cpu(dev, &sgt, DMA_BIDIRECTIONAL);
		dma_sync_sgtable_for_device(dev, &sgt, DMA_BIDIRECTIONAL);
		dma = sg_dma_address(sgt.sgl);
		n = DIV_ROUND_UP(sg_dma_len(sgt.sgl), PAGE_SIZE);
		dma_unmap_sgtable(dev, &sgt, DMA_BIDIRECTIONAL, 0);
		arm_dma_test_expect_unmapped(test, mapping, dma, n);
	}
	sg_free_table(&sgt);
	for (i = 0; i < ARRAY_SIZE(page); i++)
		__free_page(page[i]);
}

struct arm_dma_test_policy_case {
	const char *name;
	bool isolated;
};

static const struct arm_dma_test_policy_case arm_dma_test_policy_cases[] = {
	{ "shared", false },
	{ "isolated", true },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_policy, arm_dma_test_policy_cases, name);

/*
 * Two masters behind one instance, one non-coherent and one coherent,
 * share one mapping and one domain under the shared policy and each keep
 * their own coherency; under the isolated policy each has its own.  A
 * master behind a second instance never shares with them.
 */
static void arm_dma_test_masters_share_instance_mapping(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct test_iommu *t0 = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct test_iommu *t1 = arm_dma_test_iommu(test, "arm-dma-test-iommu1");
	struct dma_iommu_mapping *ma, *mb, *mo;
	struct device *a, *b, *o;

	arm_dma_test_set_policy(test, c->isolated);
	a = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	b = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	o = arm_dma_test_bind(test, TEST_IOMMU1_MASTER);
	ma = to_dma_iommu_mapping(a);
	mb = to_dma_iommu_mapping(b);
	mo = to_dma_iommu_mapping(o);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);
	KUNIT_ASSERT_NOT_NULL(test, mo);

	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(a));
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(b));
	KUNIT_EXPECT_FALSE(test, dev_is_dma_coherent(a));
	KUNIT_EXPECT_TRUE(test, dev_is_dma_coherent(b));
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(a), ma->domain);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(b), mb->domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t0->attaches), 2);

	if (c->isolated) {
		KUNIT_EXPECT_PTR_NE(test, ma, mb);
		KUNIT_EXPECT_PTR_NE(test, ma->domain, mb->domain);
		KUNIT_EXPECT_EQ(test, atomic_read(&t0->domains_allocated), 2);
	} else {
		KUNIT_EXPECT_PTR_EQ(test, ma, mb);
		KUNIT_EXPECT_EQ(test, atomic_read(&t0->domains_allocated), 1);
	}

	KUNIT_EXPECT_PTR_NE(test, mo, ma);
	KUNIT_EXPECT_PTR_NE(test, mo, mb);
	KUNIT_EXPECT_EQ(test, atomic_read(&t1->domains_allocated), 1);

	/* A domain goes with the last master of its mapping, not before */
	device_release_driver(a);
	KUNIT_EXPECT_EQ(test, atomic_read(&t0->domains_freed),
			c->isolated ? 1 : 0);
	device_release_driver(b);
	device_release_driver(o);
	KUNIT_EXPECT_EQ(test, atomic_read(&t0->domains_freed),
			atomic_read(&t0->domains_allocated));
	KUNIT_EXPECT_EQ(test, atomic_read(&t1->domains_freed), 1);
}

static void arm_dma_test_depopulate(void *dev)
{
	of_platform_depopulate(dev);
	put_device(dev);
}

/* Create the masters of the bus at DT @path, until the test ends */
static void arm_dma_test_populate(struct kunit *test, const char *path)
{
	struct platform_device *bus;
	struct device_node *np;

	np = of_find_node_by_path(path);
	KUNIT_ASSERT_NOT_NULL(test, np);
	bus = of_find_device_by_node(np);
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, bus);
	KUNIT_ASSERT_EQ(test, 0,
			of_platform_populate(bus->dev.of_node, NULL, NULL,
					     &bus->dev));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, arm_dma_test_depopulate,
						  &bus->dev));
}

/*
 * The masters of a bus whose dma-ranges give them another DMA window share
 * a mapping over that window, not the one of the masters of the same
 * instance in the default 32-bit window.
 */
static void arm_dma_test_dma_window_gets_own_mapping(struct kunit *test)
{
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct dma_iommu_mapping *mw, *md;
	struct arm_dma_test_master *m;
	struct device *d;
	dma_addr_t dma;
	u8 *buf;

	arm_dma_test_populate(test, "/arm-dma-test-window-bus");
	m = arm_dma_test_register(test, TEST_WINDOW_MASTER, 2, 0);
	d = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	mw = to_dma_iommu_mapping(m->devs[0]);
	md = to_dma_iommu_mapping(d);
	KUNIT_ASSERT_NOT_NULL(test, mw);
	KUNIT_ASSERT_NOT_NULL(test, md);
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(m->devs[1]), mw);
	KUNIT_EXPECT_PTR_NE(test, mw, md);
	KUNIT_EXPECT_EQ(test, mw->base, ARM_DMA_TEST_WINDOW_BASE);
	KUNIT_EXPECT_EQ(test, md->base, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 2);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(m->devs[1], buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(m->devs[1], dma));
	KUNIT_EXPECT_GE(test, dma, ARM_DMA_TEST_WINDOW_BASE);
	KUNIT_EXPECT_LT(test, dma, ARM_DMA_TEST_WINDOW_BASE +
			ARM_DMA_TEST_WINDOW_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mw->domain, dma),
			virt_to_phys(buf));
	dma_unmap_single(m->devs[1], dma, PAGE_SIZE, DMA_TO_DEVICE);
}

#ifdef CONFIG_ARCH_DMA_ADDR_T_64BIT
/*
 * With LPAE, a master whose dma-ranges put its DMA window above 4 GiB
 * gets direct DMA and one warning that says why: the IOMMU API takes
 * IOVAs as unsigned long, which cannot hold them on a 32-bit kernel.
 */
static void arm_dma_test_window_above_4g_uses_direct(struct kunit *test)
{
	unsigned int above, direct;
	struct device *dev;

	arm_dma_test_populate(test, "/arm-dma-test-high-window-bus");
	dev = arm_dma_test_find(test, TEST_HIGH_WINDOW_MASTER);
	above = arm_dma_test_log_lines(test, dev, "lies above the IOVAs");
	direct = arm_dma_test_log_lines(test, dev, ARM_DMA_TEST_WARN_DIRECT);
	arm_dma_test_bind(test, TEST_HIGH_WINDOW_MASTER);
	KUNIT_EXPECT_FALSE(test, arm_dma_test_has_iommu_ops(dev));
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_EQ(test,
			arm_dma_test_log_lines(test, dev, "lies above the IOVAs") -
			above, 1);
	KUNIT_EXPECT_EQ(test,
			arm_dma_test_log_lines(test, dev, ARM_DMA_TEST_WARN_DIRECT) -
			direct, 1);
}
#endif

#ifdef CONFIG_HIGHMEM
/*
 * A page in highmem, which has no kernel mapping of its own, is mapped
 * through the IOMMU to its physical page, and synced, like any other.
 */
static void arm_dma_test_highmem_page_translates(struct kunit *test)
{
	struct dma_iommu_mapping *mapping;
	struct device *dev;
	struct page *page;
	dma_addr_t dma;

	dev = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	page = alloc_page(GFP_HIGHUSER);
	KUNIT_ASSERT_NOT_NULL(test, page);
	if (!PageHighMem(page)) {
		__free_page(page);
		kunit_skip(test, "no highmem page (too little memory)");
	}
	dma = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma));
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
			page_to_phys(page));
	dma_sync_single_for_cpu(dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL);
	dma_sync_single_for_device(dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL);
	dma_unmap_page(dev, dma, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma), 0);
	__free_page(page);
}
#endif

/*
 * An IOMMU with 4 contexts and 12 masters probed in parallel: shared, all
 * 12 get IOMMU ops through one domain; isolated, 4 do and the other 8 fall
 * back to direct DMA, their domains freed.
 */
static void arm_dma_test_context_limit_falls_back_direct(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct test_iommu *t;
	struct dma_iommu_mapping *first = NULL;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	unsigned int i, iommu = 0;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_contexts));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-ctx");
	arm_dma_test_set_policy(test, c->isolated);
	arm_dma_test_warnings_before(test, &w, "arm-dma-test-ctx-master");
	m = arm_dma_test_register(test, TEST_CTX_MASTER,
				  ARM_DMA_TEST_CTX_MASTERS,
				  ARM_DMA_TEST_ASYNC);
	/* Each master that gets direct DMA says so once; none is refused */
	arm_dma_test_expect_warnings(test, &w, 0, c->isolated ?
				     ARM_DMA_TEST_CTX_MASTERS -
				     ARM_DMA_TEST_CTX_LIMIT : 0);
	for (i = 0; i < m->nr; i++) {
		struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(m->devs[i]);

		if (!arm_dma_test_has_iommu_ops(m->devs[i])) {
			KUNIT_EXPECT_NULL(test, get_dma_ops(m->devs[i]));
			KUNIT_EXPECT_NULL(test, mapping);
			continue;
		}
		iommu++;
		KUNIT_EXPECT_NOT_NULL(test, mapping);
		if (!first)
			first = mapping;
		else if (!c->isolated)
			KUNIT_EXPECT_PTR_EQ(test, mapping, first);
	}

	if (c->isolated) {
		KUNIT_EXPECT_EQ(test, iommu, ARM_DMA_TEST_CTX_LIMIT);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated),
				ARM_DMA_TEST_CTX_MASTERS);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
				ARM_DMA_TEST_CTX_MASTERS - ARM_DMA_TEST_CTX_LIMIT);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches_refused),
				ARM_DMA_TEST_CTX_MASTERS - ARM_DMA_TEST_CTX_LIMIT);
		KUNIT_EXPECT_EQ(test, t->contexts, ARM_DMA_TEST_CTX_LIMIT);
	} else {
		KUNIT_EXPECT_EQ(test, iommu, ARM_DMA_TEST_CTX_MASTERS);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
		KUNIT_EXPECT_EQ(test, t->contexts, 1);
	}

	for (i = 0; i < m->nr; i++)
		device_release_driver(m->devs[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
			atomic_read(&t->domains_allocated));
	KUNIT_EXPECT_EQ(test, t->contexts, 0);
}

/* Kthreads mapping on masters of one shared mapping, and their work */
#define ARM_DMA_TEST_WORKERS		4
#define ARM_DMA_TEST_WORKER_ROUNDS	400
#define ARM_DMA_TEST_WORKER_BUFS	8
#define ARM_DMA_TEST_WORKER_ORDER	2	/* each buffer: up to 4 pages */

/**
 * struct arm_dma_test_worker - a kthread mapping buffers of its own
 * @dev: the master it maps them for
 * @mapping: the shared mapping of every worker's master
 * @live: a bit per IOVA page of @mapping, set while a worker has it mapped
 * @bufs: its buffers, each 1 << ARM_DMA_TEST_WORKER_ORDER pages
 * @done: completed when it has done all its rounds
 * @failed: mappings that failed
 * @doubled: IOVA pages handed out while another buffer had them
 * @wrong: IOVA pages that did not translate to the buffer mapped there
 */
struct arm_dma_test_worker {
	struct device *dev;
	struct dma_iommu_mapping *mapping;
	unsigned long *live;
	void *bufs[ARM_DMA_TEST_WORKER_BUFS];
	struct completion done;
	unsigned int failed;
	unsigned int doubled;
	unsigned int wrong;
};

/*
 * Map buffers of 1 to 4 pages, check that each IOVA page is live in no
 * other buffer and translates to the right page, unmap them; again.
 */
static int arm_dma_test_worker_fn(void *data)
{
	struct arm_dma_test_worker *w = data;
	dma_addr_t dma[ARM_DMA_TEST_WORKER_BUFS];
	unsigned int r, j, p;

	for (r = 0; r < ARM_DMA_TEST_WORKER_ROUNDS; r++) {
		for (j = 0; j < ARM_DMA_TEST_WORKER_BUFS; j++) {
			unsigned int pages = (r + j) % 4 + 1;

			dma[j] = dma_map_single(w->dev, w->bufs[j],
						pages * PAGE_SIZE,
						DMA_BIDIRECTIONAL);
			if (dma_mapping_error(w->dev, dma[j])) {
				w->failed++;
				continue;
			}
			for (p = 0; p < pages; p++) {
				dma_addr_t iova = dma[j] + p * PAGE_SIZE;

				if (test_and_set_bit((iova - w->mapping->base) >>
						     PAGE_SHIFT, w->live))
					w->doubled++;
				if (iommu_iova_to_phys(w->mapping->domain, iova) !=
				    virt_to_phys(w->bufs[j] + p * PAGE_SIZE))
					w->wrong++;
			}
		}
		for (j = 0; j < ARM_DMA_TEST_WORKER_BUFS; j++) {
			unsigned int pages = (r + j) % 4 + 1;

			if (dma_mapping_error(w->dev, dma[j]))
				continue;
			/* Before the unmap: then another worker may take it */
			for (p = 0; p < pages; p++)
				clear_bit((dma[j] + p * PAGE_SIZE -
					   w->mapping->base) >> PAGE_SHIFT,
					  w->live);
			dma_unmap_single(w->dev, dma[j], pages * PAGE_SIZE,
					 DMA_BIDIRECTIONAL);
		}
		cond_resched();
	}
	/* Not back into the module's text, which may be gone by then */
	kthread_complete_and_exit(&w->done, 0);
}

static void arm_dma_test_free_bufs(void *data)
{
	struct arm_dma_test_worker *w = data;
	unsigned int j;

	for (j = 0; j < ARM_DMA_TEST_WORKER_BUFS; j++)
		free_pages((unsigned long)w->bufs[j], ARM_DMA_TEST_WORKER_ORDER);
}

/* Pages of @mapping's IOVA space in use */
static unsigned long arm_dma_test_iovas_in_use(struct dma_iommu_mapping *mapping)
{
	unsigned long flags, n = 0;
	unsigned int i;

	spin_lock_irqsave(&mapping->lock, flags);
	for (i = 0; i < mapping->nr_bitmaps && mapping->bitmaps[i]; i++)
		n += bitmap_weight(mapping->bitmaps[i], mapping->bits);
	spin_unlock_irqrestore(&mapping->lock, flags);
	return n;
}

/*
 * A buffer may start further than a page into the memory @page begins:
 * the DMA API takes page plus offset as a physical address (dma-direct
 * and iommu-dma map page_to_phys(page) + offset).  dma_map_page() and
 * dma_map_sg() map only the pages the buffer covers, also when a
 * scatterlist entry with such an offset is merged with the next, and the
 * unmap returns all of them: nothing stays mapped or allocated.  NVMe
 * maps such buffers (bv_offset 0x54000 on its SGL path); the pages before
 * the buffer stayed in use after the unmap, and virtio-iommu, which does
 * not unmap part of a mapping, kept all of it, so that the next master
 * handed those IOVAs could not map them.
 */
static void arm_dma_test_map_offset_beyond_first_page(struct kunit *test)
{
	const unsigned long offset = 2 * PAGE_SIZE + 0x100;
	struct dma_iommu_mapping *mapping;
	struct scatterlist sg[2];
	unsigned long before;
	struct device *dev;
	struct page *page;
	dma_addr_t dma;
	int nents;

	dev = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	page = alloc_pages(GFP_KERNEL, 3);
	KUNIT_ASSERT_NOT_NULL(test, page);

	/* A page from 0x100 into the third: the third and the fourth */
	before = arm_dma_test_iovas_in_use(mapping);
	dma = dma_map_page(dev, page, offset, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, dma));
	if (!dma_mapping_error(dev, dma)) {
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				page_to_phys(page) + offset);
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain,
						   dma + PAGE_SIZE - 1),
				page_to_phys(page) + offset + PAGE_SIZE - 1);
		KUNIT_EXPECT_EQ(test, arm_dma_test_iovas_in_use(mapping),
				before + 2);
		dma_unmap_page(dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
		KUNIT_EXPECT_EQ(test, arm_dma_test_iovas_in_use(mapping),
				before);
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				0);
	}

	/*
	 * The rest of the third page, then all of the sixth: one DMA
	 * segment, the second entry merged behind the first
	 */
	before = arm_dma_test_iovas_in_use(mapping);
	sg_init_table(sg, 2);
	sg_set_page(&sg[0], page, PAGE_SIZE - 0x100, offset);
	sg_set_page(&sg[1], page + 5, PAGE_SIZE, 0);
	nents = dma_map_sg(dev, sg, 2, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, nents, 1);
	if (nents == 1) {
		dma = sg_dma_address(&sg[0]);
		KUNIT_EXPECT_EQ(test, sg_dma_len(&sg[0]),
				2 * PAGE_SIZE - 0x100);
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				page_to_phys(page) + offset);
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain,
						   dma + PAGE_SIZE - 0x100),
				page_to_phys(page + 5));
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain,
						   dma + 2 * PAGE_SIZE - 0x101),
				page_to_phys(page + 5) + PAGE_SIZE - 1);
		KUNIT_EXPECT_EQ(test, arm_dma_test_iovas_in_use(mapping),
				before + 2);
	}
	if (nents > 0)
		dma_unmap_sg(dev, sg, 2, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, arm_dma_test_iovas_in_use(mapping), before);
	if (nents == 1)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				0);

	__free_pages(page, 3);
}

/*
 * Kthreads map and unmap on 4 masters of one shared mapping, on as many
 * CPUs as there are, while the other 8 masters of the instance are unbound
 * and bound again and again: no IOVA page is handed out twice, every one
 * translates to the buffer mapped there, each rebound master gets the
 * shared mapping back, and at the end only IOVA 0 is in use and the
 * domain goes with the last of the 12 masters, not before.
 */
static void arm_dma_test_concurrent_maps_while_rebinding(struct kunit *test)
{
	struct task_struct *tasks[ARM_DMA_TEST_WORKERS];
	struct arm_dma_test_worker *w;
	struct dma_iommu_mapping *mapping;
	struct arm_dma_test_master *m;
	unsigned int i, j, running, rebinds = 0;
	unsigned long *live;
	struct test_iommu *t;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_contexts));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-ctx");
	arm_dma_test_set_policy(test, false);
	m = arm_dma_test_register(test, TEST_CTX_MASTER,
				  ARM_DMA_TEST_CTX_MASTERS, ARM_DMA_TEST_ASYNC);
	mapping = to_dma_iommu_mapping(m->devs[0]);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_ASSERT_EQ(test, mapping->base, 0);
	/* a bit per page of the 4 GiB window */
	live = kunit_kzalloc(test, BITS_TO_LONGS(SZ_1M) * sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, live);
	w = kunit_kcalloc(test, ARM_DMA_TEST_WORKERS, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);

	for (i = 0; i < ARM_DMA_TEST_WORKERS; i++) {
		w[i].dev = m->devs[i];
		w[i].mapping = mapping;
		w[i].live = live;
		init_completion(&w[i].done);
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test,
							  arm_dma_test_free_bufs,
							  &w[i]));
		for (j = 0; j < ARM_DMA_TEST_WORKER_BUFS; j++) {
			w[i].bufs[j] = (void *)__get_free_pages(GFP_KERNEL,
						ARM_DMA_TEST_WORKER_ORDER);
			KUNIT_ASSERT_NOT_NULL(test, w[i].bufs[j]);
		}
	}
	for (i = 0; i < ARM_DMA_TEST_WORKERS; i++) {
		tasks[i] = kthread_create(arm_dma_test_worker_fn, &w[i],
					  "arm-dma-test/%u", i);
		if (IS_ERR(tasks[i])) {
			/* Those not yet woken exit without running */
			while (i--)
				kthread_stop(tasks[i]);
			KUNIT_FAIL(test, "no kthread");
			return;
		}
	}
	for (i = 0; i < ARM_DMA_TEST_WORKERS; i++)
		wake_up_process(tasks[i]);

	do {
		for (i = ARM_DMA_TEST_WORKERS; i < m->nr; i++) {
			device_release_driver(m->devs[i]);
			KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(m->devs[i]));
			KUNIT_EXPECT_EQ(test, device_attach(m->devs[i]), 1);
			KUNIT_EXPECT_PTR_EQ(test,
					    to_dma_iommu_mapping(m->devs[i]),
					    mapping);
			rebinds++;
		}
		for (i = 0, running = 0; i < ARM_DMA_TEST_WORKERS; i++)
			running += !completion_done(&w[i].done);
		/* Let the workers run on a uniprocessor kernel too */
		cond_resched();
	} while (running);

	for (i = 0; i < ARM_DMA_TEST_WORKERS; i++) {
		KUNIT_EXPECT_EQ_MSG(test, w[i].failed, 0, "worker %u", i);
		KUNIT_EXPECT_EQ_MSG(test, w[i].doubled, 0, "worker %u", i);
		KUNIT_EXPECT_EQ_MSG(test, w[i].wrong, 0, "worker %u", i);
	}
	kunit_info(test, "%u rebinds while %u workers mapped\n", rebinds,
		   ARM_DMA_TEST_WORKERS);
	KUNIT_EXPECT_GT(test, rebinds, 0);
	KUNIT_EXPECT_EQ(test, find_first_bit(live, SZ_1M), SZ_1M);
	KUNIT_EXPECT_EQ(test, arm_dma_test_iovas_in_use(mapping), 1);
	KUNIT_EXPECT_TRUE(test, test_bit(0, mapping->bitmaps[0]));
	/* The rebinds left nothing behind: the last master frees the domain */
	for (i = 0; i < m->nr; i++) {
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 0);
		device_release_driver(m->devs[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
}

/*
 * The fallback chain: an IOMMU that refuses to attach a second master to
 * a domain gives it a private mapping; one that refuses to allocate a
 * domain leaves its master with direct DMA.  Nothing leaks either way.
 */
static void arm_dma_test_refused_attach_private_mapping(struct kunit *test)
{
	struct test_iommu *t;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	struct device *a, *b;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_contexts));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-noshare");
	arm_dma_test_set_policy(test, false);
	arm_dma_test_warnings_before(test, &w, "arm-dma-test-noshare-master");
	m = arm_dma_test_register(test, TEST_NOSHARE_MASTER, 2, 0);
	a = m->devs[0];
	b = m->devs[1];
	/* The second master is refused, once, and keeps the IOMMU */
	arm_dma_test_expect_warnings(test, &w, 1, 0);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(a));
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(b));
	KUNIT_ASSERT_NOT_NULL(test, to_dma_iommu_mapping(a));
	KUNIT_ASSERT_NOT_NULL(test, to_dma_iommu_mapping(b));
	KUNIT_EXPECT_PTR_NE(test, to_dma_iommu_mapping(a),
			    to_dma_iommu_mapping(b));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches_refused), 1);

	device_release_driver(a);
	device_release_driver(b);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 2);
}

static void arm_dma_test_refused_domain_uses_direct(struct kunit *test)
{
	struct test_iommu *t;
	struct arm_dma_test_warnings w;
	struct device *dev;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_contexts));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-nodomain");
	dev = arm_dma_test_find(test, TEST_NODOMAIN_MASTER);
	arm_dma_test_warnings_before(test, &w, dev_name(dev));
	KUNIT_EXPECT_PTR_EQ(test, arm_dma_test_bind(test, TEST_NODOMAIN_MASTER),
			    dev);
	/* One warning: no domain at all is not a refused shared mapping */
	arm_dma_test_expect_warnings(test, &w, 0, 1);
	KUNIT_EXPECT_TRUE(test, device_iommu_mapped(dev));
	KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_refused), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches), 0);
}

struct arm_dma_test_order_case {
	const char *name;
	unsigned int order[ARM_DMA_TEST_TRIO_MASTERS];
};

static const struct arm_dma_test_order_case arm_dma_test_order_cases[] = {
	{ "0-1-2", { 0, 1, 2 } },
	{ "0-2-1", { 0, 2, 1 } },
	{ "1-0-2", { 1, 0, 2 } },
	{ "1-2-0", { 1, 2, 0 } },
	{ "2-0-1", { 2, 0, 1 } },
	{ "2-1-0", { 2, 1, 0 } },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_rebind, arm_dma_test_order_cases, name);

/*
 * Unbind three masters sharing a mapping, then bind them again, in each
 * order: the mapping and its domain go exactly when the last master does,
 * the first master back creates a new one, and the references held are
 * one for the list of default mappings and two per bound master.
 */
static void arm_dma_test_last_master_frees_mapping(struct kunit *test)
{
	const struct arm_dma_test_order_case *c = test->param_value;
	struct test_iommu *t;
	struct dma_iommu_mapping *mapping;
	struct arm_dma_test_master *m;
	unsigned int i, j;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_contexts));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-trio");
	arm_dma_test_set_policy(test, false);
	m = arm_dma_test_register(test, TEST_TRIO_MASTER,
				  ARM_DMA_TEST_TRIO_MASTERS, 0);
	mapping = to_dma_iommu_mapping(m->devs[0]);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_EXPECT_EQ(test, kref_read(&mapping->kref),
			1 + 2 * ARM_DMA_TEST_TRIO_MASTERS);

	for (i = 0; i < ARM_DMA_TEST_TRIO_MASTERS; i++) {
		struct device *dev = m->devs[c->order[i]];
		unsigned int left = ARM_DMA_TEST_TRIO_MASTERS - 1 - i;

		device_release_driver(dev);
		KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
		KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), !left);
		if (left)
			KUNIT_EXPECT_EQ(test, kref_read(&mapping->kref),
					1 + 2 * left);
	}

	mapping = NULL;
	for (i = 0; i < ARM_DMA_TEST_TRIO_MASTERS; i++) {
		struct device *dev = m->devs[c->order[i]];

		KUNIT_ASSERT_EQ(test, device_attach(dev), 1);
		KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
		if (!mapping)
			mapping = to_dma_iommu_mapping(dev);
		KUNIT_ASSERT_NOT_NULL(test, mapping);
		for (j = 0; j <= i; j++)
			KUNIT_EXPECT_PTR_EQ(test,
					    to_dma_iommu_mapping(m->devs[c->order[j]]),
					    mapping);
		KUNIT_EXPECT_EQ(test, kref_read(&mapping->kref), 1 + 2 * (i + 1));
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 2);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
	}
}

static bool arm_dma_test_overlaps(u64 first, u64 last, u64 start, u64 size)
{
	return first < start + size && start <= last;
}

#define ARM_DMA_TEST_SG_TABLES	12
#define ARM_DMA_TEST_SG_PAGES	4096

/*
 * Behind an IOMMU with an aperture, a reserved region and an MSI region
 * (across the end of the mapping's first bitmap), the mapping starts at
 * the aperture, and no IOVA handed out over 192 MiB of mappings falls in
 * a region or outside the aperture.
 */
static void arm_dma_test_reserved_regions_never_mapped(struct kunit *test)
{
	struct sg_table *sgt;
	struct dma_iommu_mapping *mapping;
	struct scatterlist *s;
	struct device *dev;
	struct page *page;
	u64 highest = 0, bad_first = 0;
	unsigned int i, j, bad = 0;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_regions));
	dev = arm_dma_test_bind(test, TEST_RESV_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_EXPECT_EQ(test, mapping->base, ARM_DMA_TEST_APERTURE_FIRST);

	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	sgt = kunit_kcalloc(test, ARM_DMA_TEST_SG_TABLES, sizeof(*sgt),
			    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sgt);

	/* Each table maps one page 4096 times: 16 MiB of IOVA space */
	for (i = 0; i < ARM_DMA_TEST_SG_TABLES; i++) {
		if (sg_alloc_table(&sgt[i], ARM_DMA_TEST_SG_PAGES, GFP_KERNEL))
			break;
		for_each_sgtable_sg(&sgt[i], s, j)
			sg_set_page(s, page, PAGE_SIZE, 0);
		if (dma_map_sgtable(dev, &sgt[i], DMA_TO_DEVICE,
				    DMA_ATTR_SKIP_CPU_SYNC)) {
			sg_free_table(&sgt[i]);
			break;
		}
		for_each_sgtable_dma_sg(&sgt[i], s, j) {
			u64 first = sg_dma_address(s);
			u64 last = first + sg_dma_len(s) - 1;

			highest = max(highest, last);
			if (first >= ARM_DMA_TEST_APERTURE_FIRST &&
			    last <= ARM_DMA_TEST_APERTURE_LAST &&
			    !arm_dma_test_overlaps(first, last,
						   ARM_DMA_TEST_RESERVED_START,
						   ARM_DMA_TEST_RESERVED_SIZE) &&
			    !arm_dma_test_overlaps(first, last,
						   ARM_DMA_TEST_MSI_START,
						   ARM_DMA_TEST_MSI_SIZE))
				continue;
			if (!bad++)
				bad_first = first;
		}
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0,
			    "first bad segment at IOVA %#llx", bad_first);
	KUNIT_EXPECT_EQ(test, i, ARM_DMA_TEST_SG_TABLES);
	/* The allocator went past both regions */
	KUNIT_EXPECT_GT(test, highest,
			ARM_DMA_TEST_MSI_START + ARM_DMA_TEST_MSI_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain,
						 ARM_DMA_TEST_MSI_START), 0);

	while (i--) {
		dma_unmap_sgtable(dev, &sgt[i], DMA_TO_DEVICE,
				  DMA_ATTR_SKIP_CPU_SYNC);
		sg_free_table(&sgt[i]);
	}
	__free_page(page);
}

/*
 * A master with a direct-mapped region (IOMMU_RESV_DIRECT) gets the IOMMU
 * operations, a mapping clamped to the aperture, and its region mapped one
 * to one, whether the IOMMU sets up its domains when allocating them or
 * only at their first attach.
 */
static void arm_dma_test_direct_region_mapped_one_to_one(struct kunit *test)
{
	struct dma_iommu_mapping *mapping;
	struct device *dev;
	unsigned int warned, i;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_regions));
	dev = arm_dma_test_find(test, TEST_IDMAP_MASTER);
	warned = arm_dma_test_log_lines(test, dev, ARM_DMA_TEST_WARN_DIRECT);
	arm_dma_test_bind(test, TEST_IDMAP_MASTER);
	KUNIT_EXPECT_EQ(test, arm_dma_test_log_lines(test, dev, ARM_DMA_TEST_WARN_DIRECT),
			warned);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_EXPECT_EQ(test, mapping->base, ARM_DMA_TEST_IDMAP_APERTURE_FIRST);
	KUNIT_EXPECT_EQ(test, (u64)mapping->base +
			(u64)mapping->extensions * mapping->bits * PAGE_SIZE - 1,
			ARM_DMA_TEST_IDMAP_APERTURE_LAST);
	for (i = 0; i < ARM_DMA_TEST_IDMAP_DIRECT_SIZE; i += PAGE_SIZE)
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain,
						   ARM_DMA_TEST_IDMAP_DIRECT_START + i),
				ARM_DMA_TEST_IDMAP_DIRECT_START + i);
}

/*
 * Whether the IOVA pages [@start, @start + @size) of @mapping all are in
 * use (@used), or all are free (!@used)
 */
static bool arm_dma_test_iova_used(struct dma_iommu_mapping *mapping,
				   u64 start, u64 size, bool used)
{
	unsigned long flags;
	bool ret = true;
	u64 iova;

	spin_lock_irqsave(&mapping->lock, flags);
	for (iova = start; iova < start + size; iova += PAGE_SIZE) {
		unsigned long page = (iova - mapping->base) >> PAGE_SHIFT;
		unsigned long i = page / mapping->bits;

		if (used != (i < mapping->nr_bitmaps &&
			     test_bit(page % mapping->bits, mapping->bitmaps[i]))) {
			ret = false;
			break;
		}
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
	return ret;
}

/* Expect the IOVAs [@start, @start + @size) of @mapping all in use, or free */
static void arm_dma_test_expect_iovas(struct kunit *test,
				      struct dma_iommu_mapping *mapping,
				      u64 start, u64 size, bool used)
{
	KUNIT_EXPECT_TRUE_MSG(test,
			      arm_dma_test_iova_used(mapping, start, size, used),
			      "IOVAs %#llx-%#llx not all %s", start,
			      start + size - 1, used ? "in use" : "free");
}

/*
 * A mapping whose window, the 960 MiB aperture, ends half way through the
 * span of its last bitmap: the bitmaps cover the whole window, the part
 * of the last one past the window is never handed out, and a reserved
 * region in the last half bitmap is kept out, in that bitmap.
 */
static void arm_dma_test_window_tail_never_handed_out(struct kunit *test)
{
	const u64 first = ARM_DMA_TEST_TAIL_APERTURE_FIRST;
	const u64 size = ARM_DMA_TEST_TAIL_APERTURE_LAST - first + 1;
	struct dma_iommu_mapping *mapping;
	struct device *dev;
	dma_addr_t dma;
	void *buf;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_regions));
	dev = arm_dma_test_bind(test, TEST_TAIL_MASTER);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_EXPECT_EQ(test, mapping->base, first);
	KUNIT_ASSERT_EQ(test, mapping->extensions,
			DIV_ROUND_UP((unsigned long)(size >> PAGE_SHIFT),
				     mapping->bits));
	KUNIT_EXPECT_EQ(test, mapping->nr_bitmaps, mapping->extensions);
	arm_dma_test_expect_iovas(test, mapping,
				  ARM_DMA_TEST_TAIL_RESERVED_START,
				  ARM_DMA_TEST_TAIL_RESERVED_SIZE, true);
	arm_dma_test_expect_iovas(test, mapping,
				  ARM_DMA_TEST_TAIL_RESERVED_START +
				  ARM_DMA_TEST_TAIL_RESERVED_SIZE, PAGE_SIZE,
				  false);
	/* Past the window, up to the end of the last bitmap */
	arm_dma_test_expect_iovas(test, mapping, first + size,
				  (u64)mapping->extensions * mapping->bits *
				  PAGE_SIZE - size, true);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(dev, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma));
	KUNIT_EXPECT_GE(test, dma, first);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
			virt_to_phys(buf));
	dma_unmap_single(dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
}

/* The master of @m bound to fixture node @name */
static struct device *arm_dma_test_master_named(struct kunit *test,
						struct arm_dma_test_master *m,
						const char *name)
{
	unsigned int i;

	for (i = 0; i < m->nr; i++)
		if (!strcmp(m->devs[i]->of_node->name, name))
			return m->devs[i];
	KUNIT_FAIL(test, "%s is not bound", name);
	return NULL;
}

/*
 * Masters whose reserved regions overlap each other only in part, or
 * cover IOVA 0, share the mapping: a range is refused only where a live
 * buffer is.  A master that leaves gives back the ranges no other master
 * needs, and unmaps its direct-mapped region; ranges another master
 * needs stay.
 */
static void arm_dma_test_overlapping_regions_share_mapping(struct kunit *test)
{
	const u64 ra = ARM_DMA_TEST_RESV_A_START, rb = ARM_DMA_TEST_RESV_B_START;
	const u64 rd = ARM_DMA_TEST_RESV_D_START, size = ARM_DMA_TEST_RESV_SIZE;
	struct dma_iommu_mapping *mapping;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	struct device *a, *b, *c, *d;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_regions));
	arm_dma_test_warnings_before(test, &w, "arm-dma-test-resv-shared-");
	m = arm_dma_test_register(test, TEST_RESV_SHARED_MASTER, 4, 0);
	a = arm_dma_test_master_named(test, m, "arm-dma-test-resv-shared-a");
	b = arm_dma_test_master_named(test, m, "arm-dma-test-resv-shared-b");
	c = arm_dma_test_master_named(test, m, "arm-dma-test-resv-shared-c");
	d = arm_dma_test_master_named(test, m, "arm-dma-test-resv-shared-d");
	KUNIT_ASSERT_NOT_NULL(test, d);
	mapping = to_dma_iommu_mapping(a);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	arm_dma_test_expect_warnings(test, &w, 0, 0);
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(b), mapping);
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(c), mapping);
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(d), mapping);
	/* a's and b's ranges, and c's over IOVA 0 */
	arm_dma_test_expect_iovas(test, mapping, ra, rb + size - ra, true);
	arm_dma_test_expect_iovas(test, mapping, 0, size, true);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, rd), rd);

	/* b and d leave: what only they needed goes, a's range stays */
	device_release_driver(b);
	device_release_driver(d);
	arm_dma_test_expect_iovas(test, mapping, ra, size, true);
	arm_dma_test_expect_iovas(test, mapping, ra + size, rb - ra, false);
	arm_dma_test_expect_iovas(test, mapping, rd, size, false);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, rd), 0);
	/* IOVA 0 stays out of the allocator after c's region covered it */
	device_release_driver(c);
	arm_dma_test_expect_iovas(test, mapping, 0, PAGE_SIZE, true);
	arm_dma_test_expect_iovas(test, mapping, PAGE_SIZE, size - PAGE_SIZE,
				  false);
}

/*
 * A master the shared mapping refuses (its IOMMU attaches one master per
 * domain) gets a private mapping, and leaves nothing it reserved behind in
 * the shared one.
 */
static void arm_dma_test_refused_master_leaves_no_ranges(struct kunit *test)
{
	struct dma_iommu_mapping *mapping;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	struct device *a, *b;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_regions));
	arm_dma_test_warnings_before(test, &w, "arm-dma-test-resv-noshare-");
	m = arm_dma_test_register(test, TEST_RESV_NOSHARE_MASTER, 2, 0);
	a = arm_dma_test_master_named(test, m, "arm-dma-test-resv-noshare-a");
	b = arm_dma_test_master_named(test, m, "arm-dma-test-resv-noshare-b");
	KUNIT_ASSERT_NOT_NULL(test, b);
	arm_dma_test_expect_warnings(test, &w, 1, 0);
	mapping = to_dma_iommu_mapping(a);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_ASSERT_NOT_NULL(test, to_dma_iommu_mapping(b));
	KUNIT_EXPECT_PTR_NE(test, to_dma_iommu_mapping(b), mapping);
	/* a's range is reserved; b's, refused, is not, nor mapped */
	arm_dma_test_expect_iovas(test, mapping, ARM_DMA_TEST_RESV_A_START,
				  ARM_DMA_TEST_RESV_SIZE, true);
	arm_dma_test_expect_iovas(test, mapping, ARM_DMA_TEST_RESV_D_START,
				  ARM_DMA_TEST_RESV_SIZE, false);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain,
						 ARM_DMA_TEST_RESV_D_START), 0);
	/* b's private mapping has its direct-mapped region */
	KUNIT_EXPECT_EQ(test,
			iommu_iova_to_phys(to_dma_iommu_mapping(b)->domain,
					   ARM_DMA_TEST_RESV_D_START),
			ARM_DMA_TEST_RESV_D_START);
}

struct arm_dma_test_swap_case {
	const char *name;
	bool detach_first;
};

static const struct arm_dma_test_swap_case arm_dma_test_swap_cases[] = {
	{ "attach", false },
	{ "detach-release-attach", true },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_swap, arm_dma_test_swap_cases, name);

/*
 * A driver puts its own mapping in place of the shared default one, with
 * arm_iommu_attach_device() alone or after arm_iommu_detach_device() and
 * arm_iommu_release_mapping() of the default one as drivers did when each
 * device had its own: it gets the IOMMU ops and its own IOVA space, then
 * direct ops once it detaches, and the other master keeps the default
 * mapping, its references unchanged.
 */
static void arm_dma_test_driver_replaces_default_mapping(struct kunit *test)
{
	const struct arm_dma_test_swap_case *c = test->param_value;
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct dma_iommu_mapping *def, *own;
	struct device *a, *b;
	dma_addr_t dma;
	u8 *buf;

	arm_dma_test_set_policy(test, false);
	a = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	b = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	def = to_dma_iommu_mapping(a);
	KUNIT_ASSERT_NOT_NULL(test, def);
	KUNIT_ASSERT_PTR_EQ(test, to_dma_iommu_mapping(b), def);
	KUNIT_EXPECT_EQ(test, kref_read(&def->kref), 5);

	own = arm_iommu_create_mapping(a, SZ_1G, SZ_256M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(own));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 2);

	if (c->detach_first) {
		arm_iommu_detach_device(a);
		KUNIT_EXPECT_NULL(test, get_dma_ops(a));
		KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(a));
		/* the caller now holds the reference a had */
		KUNIT_EXPECT_EQ(test, kref_read(&def->kref), 4);
		arm_iommu_release_mapping(def);
	}
	KUNIT_EXPECT_EQ(test, 0, arm_iommu_attach_device(a, own));
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(a));
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(a), own);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(a), own->domain);
	KUNIT_EXPECT_EQ(test, kref_read(&def->kref), 3);
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(b), def);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(a, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(a, dma));
	KUNIT_EXPECT_GE(test, dma, SZ_1G);
	KUNIT_EXPECT_LT(test, dma, SZ_1G + SZ_256M);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(own->domain, dma),
			virt_to_phys(buf));
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(def->domain, dma), 0);
	dma_unmap_single(a, dma, PAGE_SIZE, DMA_TO_DEVICE);

	arm_iommu_detach_device(a);
	KUNIT_EXPECT_NULL(test, get_dma_ops(a));
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(a));
	KUNIT_EXPECT_EQ(test, kref_read(&own->kref), 1);
	arm_iommu_release_mapping(own);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
	KUNIT_EXPECT_EQ(test, kref_read(&def->kref), 3);

	device_release_driver(a);
	device_release_driver(b);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 2);
}

/*
 * A driver reuses the default mapping of one of its devices for another
 * (a composite device): under the isolated policy, the second leaves its
 * own mapping, whose domain goes, and translates through the first's.
 */
static void arm_dma_test_composite_device_reuses_mapping(struct kunit *test)
{
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct dma_iommu_mapping *mapping;
	struct device *a, *b;
	dma_addr_t dma;
	u8 *buf;

	arm_dma_test_set_policy(test, true);
	a = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	b = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	mapping = to_dma_iommu_mapping(a);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_ASSERT_PTR_NE(test, to_dma_iommu_mapping(b), mapping);

	KUNIT_ASSERT_EQ(test, 0, arm_iommu_attach_device(b, mapping));
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(b), mapping);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(b), mapping->domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
	KUNIT_EXPECT_EQ(test, kref_read(&mapping->kref), 4);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(b, buf, PAGE_SIZE, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(b, dma));
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
			virt_to_phys(buf));
	dma_unmap_single(b, dma, PAGE_SIZE, DMA_FROM_DEVICE);

	device_release_driver(b);
	KUNIT_EXPECT_EQ(test, kref_read(&mapping->kref), 3);
	device_release_driver(a);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 2);
}

struct arm_dma_test_sg_case {
	const char *name;
	unsigned int max_seg;
	unsigned long boundary;
};

static const struct arm_dma_test_sg_case arm_dma_test_sg_cases[] = {
	{ "max-segment-3-pages", 3 * PAGE_SIZE, ULONG_MAX },
	{ "boundary-16K", SZ_64K, SZ_16K - 1 },
	{ "5-pages-boundary-32K", 5 * PAGE_SIZE, SZ_32K - 1 },
	{ "boundary-page", SZ_64K, PAGE_SIZE - 1 },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_map_sg, arm_dma_test_sg_cases, name);

struct arm_dma_test_dma_parms {
	struct device *dev;
	unsigned int max_seg;
	unsigned long boundary;
};

static void arm_dma_test_restore_parms(void *data)
{
	struct arm_dma_test_dma_parms *p = data;

	dma_set_max_seg_size(p->dev, p->max_seg);
	dma_set_seg_boundary(p->dev, p->boundary);
}

#define ARM_DMA_TEST_SG_NENTS	64

/*
 * dma_map_sg() merges a list of separate pages into as few segments as
 * the device allows: none longer than its maximum segment size, none
 * across its segment boundary, each page translated to itself in order.
 */
static void arm_dma_test_map_sg_keeps_segment_limits(struct kunit *test)
{
	const struct arm_dma_test_sg_case *c = test->param_value;
	struct arm_dma_test_dma_parms *parms;
	struct dma_iommu_mapping *mapping;
	struct scatterlist *s, *d;
	struct sg_table sgt;
	size_t total = 0, mapped = 0, done = 0;
	struct device *dev;
	struct page **pages;
	int i, n, seg = 0;

	dev = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);

	parms = kunit_kzalloc(test, sizeof(*parms), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, parms);
	parms->dev = dev;
	parms->max_seg = dma_get_max_seg_size(dev);
	parms->boundary = dma_get_seg_boundary(dev);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_restore_parms,
						  parms));
	KUNIT_ASSERT_NOT_NULL(test, dev->dma_parms);
	dma_set_max_seg_size(dev, c->max_seg);
	dma_set_seg_boundary(dev, c->boundary);

	pages = kunit_kcalloc(test, ARM_DMA_TEST_SG_NENTS, sizeof(*pages),
			      GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	KUNIT_ASSERT_EQ(test, 0, sg_alloc_table(&sgt, ARM_DMA_TEST_SG_NENTS,
						GFP_KERNEL));
	for_each_sgtable_sg(&sgt, s, i) {
		unsigned int offset = i ? 0 : 512;
		unsigned int len = i == ARM_DMA_TEST_SG_NENTS - 1 ?
				   PAGE_SIZE / 2 : PAGE_SIZE - offset;

		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			break;
		sg_set_page(s, pages[i], len, offset);
		total += len;
	}
	if (i < ARM_DMA_TEST_SG_NENTS)
		goto free;

	n = dma_map_sg(dev, sgt.sgl, ARM_DMA_TEST_SG_NENTS, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_GT(test, n, 0);
	if (n <= 0)
		goto free;
	/* merged: fewer segments than pages when a segment may hold two */
	if (c->max_seg >= 2 * PAGE_SIZE && c->boundary >= 2 * PAGE_SIZE - 1)
		KUNIT_EXPECT_LT(test, n, ARM_DMA_TEST_SG_NENTS);

	for_each_sg(sgt.sgl, d, n, i) {
		dma_addr_t first = sg_dma_address(d);
		dma_addr_t last = first + sg_dma_len(d) - 1;

		KUNIT_EXPECT_LE(test, sg_dma_len(d), c->max_seg);
		KUNIT_EXPECT_EQ_MSG(test, first & ~c->boundary,
				    last & ~c->boundary,
				    "segment %d %pad-%pad", i, &first, &last);
		mapped += sg_dma_len(d);
	}
	KUNIT_EXPECT_EQ(test, mapped, total);

	/* The pages, in order, through the segments */
	d = sgt.sgl;
	for_each_sgtable_sg(&sgt, s, i) {
		dma_addr_t dma = sg_dma_address(d) + done;

		if (seg == n)
			break;
		KUNIT_EXPECT_EQ_MSG(test, iommu_iova_to_phys(mapping->domain, dma),
				    page_to_phys(pages[i]) + s->offset,
				    "page %d at %pad", i, &dma);
		done += s->length;
		if (done >= sg_dma_len(d)) {
			d = sg_next(d);
			done = 0;
			seg++;
		}
	}
	KUNIT_EXPECT_EQ(test, i, ARM_DMA_TEST_SG_NENTS);
	KUNIT_EXPECT_EQ(test, seg, n);

	dma_unmap_sg(dev, sgt.sgl, ARM_DMA_TEST_SG_NENTS, DMA_BIDIRECTIONAL);
free:
	for (i = 0; i < ARM_DMA_TEST_SG_NENTS && pages[i]; i++)
		__free_page(pages[i]);
	sg_free_table(&sgt);
}

/*
 * Two masters on the shared mapping map their own buffers: the IOVAs
 * differ, each translates in the one domain to its buffer's page, so each
 * master can reach the other's, and after unmapping neither translates.
 */
static void arm_dma_test_shared_masters_map_apart(struct kunit *test)
{
	struct dma_iommu_mapping *mapping;
	dma_addr_t dma_a, dma_b;
	struct device *a, *b;
	u8 *buf_a, *buf_b;

	arm_dma_test_set_policy(test, false);
	a = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	b = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	mapping = to_dma_iommu_mapping(a);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_ASSERT_PTR_EQ(test, to_dma_iommu_mapping(b), mapping);

	buf_a = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	buf_b = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf_a);
	KUNIT_ASSERT_NOT_NULL(test, buf_b);
	dma_a = dma_map_single(a, buf_a, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(a, dma_a));
	dma_b = dma_map_single(b, buf_b, PAGE_SIZE, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(b, dma_b));

	KUNIT_EXPECT_NE(test, dma_a >> PAGE_SHIFT, dma_b >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(iommu_get_domain_for_dev(a),
						 dma_a), virt_to_phys(buf_a));
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(iommu_get_domain_for_dev(b),
						 dma_b), virt_to_phys(buf_b));
	/* b's view of a's IOVA: the same domain */
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(iommu_get_domain_for_dev(b),
						 dma_a), virt_to_phys(buf_a));

	dma_unmap_single(a, dma_a, PAGE_SIZE, DMA_TO_DEVICE);
	dma_unmap_single(b, dma_b, PAGE_SIZE, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma_a), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma_b), 0);
}

static void arm_dma_test_restore_mask(void *data)
{
	struct device *dev = data;

	dev->coherent_dma_mask = DMA_BIT_MASK(32);
	*dev->dma_mask = DMA_BIT_MASK(32);
}

/*
 * The IOVA allocator is first-fit from the bottom of the mapping, an order
 * drivers such as Exynos S5P-MFC rely on: a freed range is handed out
 * again before any page above it, below pages that stay in use too, and a
 * request no hole fits goes above the pages in use.  The search starts at
 * the first free page, mapping->next_free, which follows the allocations.
 */
static void arm_dma_test_iovas_first_fit_from_bottom(struct kunit *test)
{
	const enum dma_data_direction dir = DMA_TO_DEVICE;
	struct dma_iommu_mapping *mapping;
	dma_addr_t dma[4], again;
	struct device *dev;
	u8 *buf;
	int i;

	dev = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	/* kmalloc() aligns a power-of-two size to itself: two whole pages */
	buf = kunit_kzalloc(test, 2 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	for (i = 0; i < ARRAY_SIZE(dma); i++) {
		dma[i] = dma_map_single(dev, buf, PAGE_SIZE, dir);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma[i]));
		if (i)
			KUNIT_EXPECT_EQ(test, dma[i], dma[i - 1] + PAGE_SIZE);
	}
	/* The next search starts above them, not at the bottom */
	KUNIT_EXPECT_EQ(test, mapping->next_free,
			(dma[3] - mapping->base) / PAGE_SIZE + 1);
	/* Holes at dma[2], then at dma[0]: the lower one is taken first */
	dma_unmap_single(dev, dma[2], PAGE_SIZE, dir);
	dma_unmap_single(dev, dma[0], PAGE_SIZE, dir);
	again = dma_map_single(dev, buf, PAGE_SIZE, dir);
	KUNIT_EXPECT_EQ(test, again, dma[0]);
	dma[0] = again;
	again = dma_map_single(dev, buf, PAGE_SIZE, dir);
	KUNIT_EXPECT_EQ(test, again, dma[2]);
	dma[2] = again;

	/* Two pages fit in no hole of one: above dma[3]; then the hole */
	dma_unmap_single(dev, dma[1], PAGE_SIZE, dir);
	again = dma_map_single(dev, buf, 2 * PAGE_SIZE, dir);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, again));
	KUNIT_EXPECT_GT(test, again, dma[3]);
	dma_unmap_single(dev, again, 2 * PAGE_SIZE, dir);
	dma[1] = dma_map_single(dev, buf, PAGE_SIZE, dir);
	KUNIT_EXPECT_EQ(test, dma[1], dma[0] + PAGE_SIZE);

	for (i = 0; i < ARRAY_SIZE(dma); i++)
		if (!dma_mapping_error(dev, dma[i]))
			dma_unmap_single(dev, dma[i], PAGE_SIZE, dir);
}

/*
 * Bind, on one shared mapping from IOVA 0, a master with a 32-bit DMA mask
 * (*@a) and one with @mask (*@b) until the test ends; return the mapping.
 */
static struct dma_iommu_mapping *arm_dma_test_masks(struct kunit *test,
						    u64 mask,
						    struct device **a,
						    struct device **b)
{
	struct dma_iommu_mapping *mapping;

	arm_dma_test_set_policy(test, false);
	*a = arm_dma_test_bind(test, TEST_IOMMU_MASTER);
	*b = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	mapping = to_dma_iommu_mapping(*a);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_ASSERT_PTR_EQ(test, to_dma_iommu_mapping(*b), mapping);
	KUNIT_ASSERT_EQ(test, mapping->base, 0);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_restore_mask,
						  *b));
	KUNIT_ASSERT_EQ(test, 0, dma_set_mask_and_coherent(*b, mask));
	return mapping;
}

/*
 * Masters with different DMA masks on one shared mapping: a master with a
 * 21-bit mask gets IOVAs below 2 MiB only, from the bottom up, and an
 * error rather than an IOVA above its mask once it holds all of them; it
 * gets one again once one is free.  A master with a 32-bit mask maps
 * above 2 MiB meanwhile.
 */
static void arm_dma_test_iovas_stay_below_dma_mask(struct kunit *test)
{
	const u64 mask = DMA_BIT_MASK(21);
	dma_addr_t *iovas, dma, hole;
	unsigned int i, n;
	struct device *a, *b;
	void *buf;

	arm_dma_test_masks(test, mask, &a, &b);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	iovas = kunit_kcalloc(test, (mask >> PAGE_SHIFT) + 1, sizeof(*iovas),
			      GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, iovas);

	/* b takes every IOVA below its mask but IOVA 0, bottom up */
	for (n = 0; n <= mask >> PAGE_SHIFT; n++) {
		iovas[n] = dma_map_single(b, buf, PAGE_SIZE, DMA_TO_DEVICE);
		if (dma_mapping_error(b, iovas[n]))
			break;
		KUNIT_EXPECT_EQ(test, iovas[n], (n + 1) * PAGE_SIZE);
	}
	KUNIT_EXPECT_EQ(test, n, mask >> PAGE_SHIFT);

	dma = dma_map_single(a, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(a, dma));
	KUNIT_EXPECT_GT(test, dma, mask);
	if (!dma_mapping_error(a, dma))
		dma_unmap_single(a, dma, PAGE_SIZE, DMA_TO_DEVICE);

	hole = iovas[n / 2];
	dma_unmap_single(b, hole, PAGE_SIZE, DMA_TO_DEVICE);
	dma = dma_map_single(b, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_EXPECT_EQ(test, dma, hole);
	if (!dma_mapping_error(b, dma))
		dma_unmap_single(b, dma, PAGE_SIZE, DMA_TO_DEVICE);

	for (i = 0; i < n; i++)
		if (i != n / 2)
			dma_unmap_single(b, iovas[i], PAGE_SIZE, DMA_TO_DEVICE);
}

/*
 * A device's registers for dma_map_resource(): never accessed.  Each
 * mapping of a case gets its own range: DMA-API debugging refuses
 * overlapping mappings of a cacheline that the device may write.
 */
#define ARM_DMA_TEST_WIDE_RESOURCE	SZ_256M

/*
 * A master with a 28-bit DMA mask still gets its IOVAs on a shared
 * mapping where a master with a 32-bit mask holds 512 MiB: that one takes
 * them bottom-up above the 28-bit limit, which leaves the bottom of the
 * mapping to the narrow master.
 */
static void arm_dma_test_narrow_master_keeps_low_iovas(struct kunit *test)
{
	const u64 mask = DMA_BIT_MASK(28);
	struct dma_iommu_mapping *mapping;
	dma_addr_t wide[8], dma, res;
	struct device *a, *b;
	unsigned int i, n;
	void *buf;

	mapping = arm_dma_test_masks(test, mask, &a, &b);

	for (n = 0; n < ARRAY_SIZE(wide); n++) {
		wide[n] = dma_map_resource(a, ARM_DMA_TEST_WIDE_RESOURCE +
					   n * SZ_64M, SZ_64M,
					   DMA_BIDIRECTIONAL, 0);
		if (dma_mapping_error(a, wide[n]))
			break;
		KUNIT_EXPECT_EQ(test, wide[n], mask + 1 + n * SZ_64M);
	}
	KUNIT_EXPECT_EQ(test, n, ARRAY_SIZE(wide));

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(b, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(b, dma));
	KUNIT_EXPECT_EQ(test, dma, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
			virt_to_phys(buf));
	res = dma_map_resource(b, ARM_DMA_TEST_WIDE_RESOURCE +
			       ARRAY_SIZE(wide) * SZ_64M, SZ_64M,
			       DMA_BIDIRECTIONAL, 0);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(b, res));
	KUNIT_EXPECT_LE(test, res + SZ_64M - 1, mask);

	if (!dma_mapping_error(b, res))
		dma_unmap_resource(b, res, SZ_64M, DMA_BIDIRECTIONAL, 0);
	if (!dma_mapping_error(b, dma))
		dma_unmap_single(b, dma, PAGE_SIZE, DMA_TO_DEVICE);
	for (i = 0; i < n; i++)
		dma_unmap_resource(a, wide[i], SZ_64M, DMA_BIDIRECTIONAL, 0);
}

/*
 * A wider master takes IOVAs below the limit of a narrower one only when
 * none above it is free: on the 256 MiB window mapping, with one master
 * limited to its lower half, the other gets the upper half, then the
 * bottom; the narrow master gets the page above that.
 */
static void arm_dma_test_wide_master_takes_low_iovas_last(struct kunit *test)
{
	const dma_addr_t base = ARM_DMA_TEST_WINDOW_BASE;
	const size_t half = ARM_DMA_TEST_WINDOW_SIZE / 2;
	struct arm_dma_test_master *m;
	struct device *wide, *narrow;
	dma_addr_t upper, low, dma;
	void *buf;

	arm_dma_test_set_policy(test, false);
	arm_dma_test_populate(test, "/arm-dma-test-window-bus");
	m = arm_dma_test_register(test, TEST_WINDOW_MASTER, 2, 0);
	wide = m->devs[0];
	narrow = m->devs[1];
	KUNIT_ASSERT_NOT_NULL(test, to_dma_iommu_mapping(wide));
	KUNIT_ASSERT_PTR_EQ(test, to_dma_iommu_mapping(narrow),
			    to_dma_iommu_mapping(wide));
	KUNIT_ASSERT_EQ(test, to_dma_iommu_mapping(wide)->base, base);
	/* A limit, not a power of two: the masters go with their bus */
	KUNIT_ASSERT_EQ(test, 0,
			dma_set_mask_and_coherent(narrow, base + half - 1));

	upper = dma_map_resource(wide, ARM_DMA_TEST_WIDE_RESOURCE, half,
				 DMA_BIDIRECTIONAL, 0);
	KUNIT_EXPECT_EQ(test, upper, base + half);
	low = dma_map_resource(wide, ARM_DMA_TEST_WIDE_RESOURCE + half,
			       PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	KUNIT_EXPECT_EQ(test, low, base);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(narrow, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_EXPECT_EQ(test, dma, base + PAGE_SIZE);

	if (!dma_mapping_error(narrow, dma))
		dma_unmap_single(narrow, dma, PAGE_SIZE, DMA_TO_DEVICE);
	if (!dma_mapping_error(wide, low))
		dma_unmap_resource(wide, low, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	if (!dma_mapping_error(wide, upper))
		dma_unmap_resource(wide, upper, half, DMA_BIDIRECTIONAL, 0);
}

/*
 * A free that reaches from below a narrower master's limit to above it
 * gives the pages above back to the wider masters' search: on the window
 * mapping, with 32 MiB mapped from its bottom before a master limits
 * itself to 16 MiB, the next page of the other one lands at 16 MiB once
 * the 32 MiB are unmapped, not above the pages it mapped meanwhile.
 */
static void arm_dma_test_free_across_limit_lowers_search(struct kunit *test)
{
	const dma_addr_t base = ARM_DMA_TEST_WINDOW_BASE;
	struct arm_dma_test_master *m;
	struct device *wide, *narrow;
	dma_addr_t low, above, dma;

	arm_dma_test_set_policy(test, false);
	arm_dma_test_populate(test, "/arm-dma-test-window-bus");
	m = arm_dma_test_register(test, TEST_WINDOW_MASTER, 2, 0);
	wide = m->devs[0];
	narrow = m->devs[1];
	KUNIT_ASSERT_PTR_EQ(test, to_dma_iommu_mapping(narrow),
			    to_dma_iommu_mapping(wide));

	low = dma_map_resource(wide, ARM_DMA_TEST_WIDE_RESOURCE, SZ_32M,
			       DMA_BIDIRECTIONAL, 0);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(wide, low));
	KUNIT_ASSERT_EQ(test, low, base);
	KUNIT_ASSERT_EQ(test, 0,
			dma_set_mask_and_coherent(narrow, base + SZ_16M - 1));
	above = dma_map_resource(wide, ARM_DMA_TEST_WIDE_RESOURCE + SZ_32M,
				 PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	KUNIT_EXPECT_EQ(test, above, base + SZ_32M);

	dma_unmap_resource(wide, low, SZ_32M, DMA_BIDIRECTIONAL, 0);
	dma = dma_map_resource(wide, ARM_DMA_TEST_WIDE_RESOURCE + SZ_32M +
			       PAGE_SIZE, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	KUNIT_EXPECT_EQ(test, dma, base + SZ_16M);

	if (!dma_mapping_error(wide, dma))
		dma_unmap_resource(wide, dma, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	if (!dma_mapping_error(wide, above))
		dma_unmap_resource(wide, above, PAGE_SIZE, DMA_BIDIRECTIONAL,
				   0);
}

struct arm_dma_test_managed_case {
	const char *name;
	unsigned int flags;
};

static const struct arm_dma_test_managed_case arm_dma_test_managed_cases[] = {
	{ "driver_managed_iommu", ARM_DMA_TEST_MANAGED_IOMMU },
	{ "driver_managed_dma", ARM_DMA_TEST_MANAGED_DMA },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_managed, arm_dma_test_managed_cases, name);

/*
 * A driver that manages the IOMMU itself gets a master with direct DMA
 * operations and no mapping: the IOMMU allocated no domain and saw no
 * attach for it, its group stays in the identity domain.  The driver then
 * attaches a paging domain of its own and maps through it.
 */
static void arm_dma_test_expect_managed(struct kunit *test,
					struct test_iommu *t,
					struct device *dev)
{
	struct iommu_domain *domain;
	u8 *buf;
	int ret;

	KUNIT_EXPECT_TRUE(test, dev->driver->driver_managed_iommu);
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches), 0);
	KUNIT_ASSERT_NOT_NULL(test, iommu_get_domain_for_dev(dev));
	KUNIT_EXPECT_EQ(test, iommu_get_domain_for_dev(dev)->type,
			IOMMU_DOMAIN_IDENTITY);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	domain = iommu_paging_domain_alloc(dev);
	KUNIT_ASSERT_FALSE(test, IS_ERR(domain));
	ret = iommu_attach_device(domain, dev);
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret) {
		KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(dev), domain);
		KUNIT_EXPECT_EQ(test, iommu_map(domain, SZ_1M, virt_to_phys(buf),
						PAGE_SIZE, IOMMU_READ | IOMMU_WRITE,
						GFP_KERNEL), 0);
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, SZ_1M),
				virt_to_phys(buf));
		iommu_unmap(domain, SZ_1M, PAGE_SIZE);
		iommu_detach_device(domain, dev);
	}
	iommu_domain_free(domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches), ret ? 0 : 1);
}

static void arm_dma_test_managing_driver_gets_no_mapping(struct kunit *test)
{
	const struct arm_dma_test_managed_case *c = test->param_value;
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");

	arm_dma_test_expect_managed(test, t,
				    arm_dma_test_register(test,
							  TEST_IOMMU_MASTER, 1,
							  c->flags)->devs[0]);
}

/*
 * Expect debugfs's list of default mappings to show @dev under a mapping
 * whose header line holds @text ("policy shared by iommu ", ...).
 */
static void arm_dma_test_expect_listed(struct kunit *test, struct device *dev,
				       const char *text)
{
#ifdef CONFIG_DEBUG_FS
	const char *name = dev_name(dev), *header = "";
	char *line, *next, *p;
	struct seq_file *sf;

	sf = kunit_kzalloc(test, sizeof(*sf), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sf);
	sf->size = SZ_64K;
	sf->buf = kunit_kzalloc(test, sf->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sf->buf);
	KUNIT_ASSERT_EQ(test, 0, arm_iommu_mappings_show(sf, NULL));
	KUNIT_ASSERT_LT(test, sf->count, sf->size);
	sf->buf[sf->count] = '\0';
	for (line = sf->buf; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (str_has_prefix(line, "iommu ")) {
			header = line;
			continue;
		}
		if (!str_has_prefix(line, "  master "))
			continue;
		p = line + strlen("  master ");
		if (strcspn(p, " ") == strlen(name) &&
		    !strncmp(p, name, strlen(name)))
			break;
	}
	KUNIT_EXPECT_NOT_NULL_MSG(test, line, "%s not listed", name);
	if (line)
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(header, text),
					  "%s listed under \"%s\"", name, header);
#endif
}

/*
 * An IOMMU instance that requires its masters to share (one context and
 * one page table, as ipmmu-vmsa on R-Car Gen2 and mtk_iommu_v1) gives them
 * one mapping under either policy, IOVAs only in its aperture (ipmmu-vmsa's
 * 1 GiB..3 GiB), and no fallback warning; the last one to go frees it.
 */
static void arm_dma_test_required_sharing_one_mapping(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct test_iommu *t;
	struct dma_iommu_mapping *mapping;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	unsigned int i;
	u8 *buf;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_sharing));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-single");
	arm_dma_test_set_policy(test, c->isolated);
	arm_dma_test_warnings_before(test, &w, "arm-dma-test-single-master");
	m = arm_dma_test_register(test, TEST_SINGLE_MASTER,
				  ARM_DMA_TEST_SINGLE_MASTERS, 0);
	mapping = to_dma_iommu_mapping(m->devs[0]);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	for (i = 0; i < m->nr; i++) {
		struct device *dev = m->devs[i];
		dma_addr_t dma;

		KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
		KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(dev), mapping);
		KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(dev),
				    mapping->domain);
		arm_dma_test_expect_listed(test, dev, "policy shared by iommu ");
		dma = dma_map_single(dev, buf, PAGE_SIZE, DMA_TO_DEVICE);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma));
		KUNIT_EXPECT_GE(test, dma, ARM_DMA_TEST_SINGLE_APERTURE_FIRST);
		KUNIT_EXPECT_LE(test, dma + PAGE_SIZE - 1,
				ARM_DMA_TEST_SINGLE_APERTURE_LAST);
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
				virt_to_phys(buf));
		dma_unmap_single(dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches_refused), 0);
	arm_dma_test_expect_warnings(test, &w, 0, 0);

	for (i = 0; i < m->nr; i++) {
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 0);
		device_release_driver(m->devs[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
}

/*
 * An IOMMU instance that forbids its masters to share gives each a mapping
 * and a domain of its own under either policy, and no fallback warning.
 */
static void arm_dma_test_forbidden_sharing_mapping_each(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct test_iommu *t;
	struct dma_iommu_mapping *ma, *mb;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	struct device *a, *b;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_sharing));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-isolating");
	arm_dma_test_set_policy(test, c->isolated);
	arm_dma_test_warnings_before(test, &w, "arm-dma-test-isolating-master");
	m = arm_dma_test_register(test, TEST_ISOLATING_MASTER,
				  ARM_DMA_TEST_ISOLATING_MASTERS, 0);
	a = m->devs[0];
	b = m->devs[1];
	ma = to_dma_iommu_mapping(a);
	mb = to_dma_iommu_mapping(b);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);

	KUNIT_EXPECT_PTR_NE(test, ma, mb);
	KUNIT_EXPECT_PTR_NE(test, ma->domain, mb->domain);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(a), ma->domain);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(b), mb->domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 2);
	arm_dma_test_expect_listed(test, a, "policy isolated by iommu ");
	arm_dma_test_expect_listed(test, b, "policy isolated by iommu ");
	arm_dma_test_expect_warnings(test, &w, 0, 0);

	device_release_driver(a);
	device_release_driver(b);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 2);
}

/*
 * A driver that manages the IOMMU itself gets no mapping on an instance
 * that requires sharing either: none of its masters does, and the one it
 * takes over has the instance's only context for a domain of its own.
 */
static void arm_dma_test_required_sharing_managing_driver(struct kunit *test)
{
	const struct arm_dma_test_managed_case *c = test->param_value;
	struct test_iommu *t;
	struct arm_dma_test_master *m;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_sharing));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-single");
	m = arm_dma_test_register(test, TEST_SINGLE_MASTER,
				  ARM_DMA_TEST_SINGLE_MASTERS, c->flags);
	for (i = 0; i < m->nr; i++)
		KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(m->devs[i]));
	arm_dma_test_expect_managed(test, t, m->devs[0]);
}

#ifdef CONFIG_ARM_AMBA
/* Primecell ID of the test AMBA master: ARM's designer code, part 0xd0 */
#define ARM_DMA_TEST_AMBA_ID		0x000410d0

static const struct amba_id arm_dma_test_amba_ids[] = {
	{ .id = ARM_DMA_TEST_AMBA_ID, .mask = 0x000fffff },
	{ }
};

/* The AMBA bus of the test master: its registers are never read */
static struct resource arm_dma_test_amba_bus =
	DEFINE_RES_MEM_NAMED(0, SZ_64K, "arm-dma-test-amba-bus");

/**
 * struct arm_dma_test_amba - an AMBA driver registered by a test
 * @drv: bound to the test AMBA master
 * @probed: completed when it is
 */
struct arm_dma_test_amba {
	struct amba_driver drv;
	struct completion probed;
};

static int arm_dma_test_amba_probe(struct amba_device *adev,
				   const struct amba_id *id)
{
	struct amba_driver *drv = container_of(adev->dev.driver,
					       struct amba_driver, drv);

	complete(&container_of(drv, struct arm_dma_test_amba, drv)->probed);
	return 0;
}

static void arm_dma_test_amba_unregister(void *adev)
{
	amba_device_unregister(adev);
}

static void arm_dma_test_amba_driver_unregister(void *drv)
{
	amba_driver_unregister(drv);
}

static void arm_dma_test_clk_unregister(void *hw)
{
	clk_hw_unregister_fixed_rate(hw);
}

static void arm_dma_test_clkdev_drop(void *cl)
{
	clkdev_drop(cl);
}

/*
 * An AMBA master of the fixture node (disabled there, so that it gets no
 * platform device), with the clock amba_probe() needs, as board code or
 * of_amba_device_create() would add it.
 */
static struct device *arm_dma_test_amba_master(struct kunit *test)
{
	struct amba_device *adev;
	struct clk_lookup *cl;
	struct device_node *np;
	struct clk_hw *hw;
	int ret;

	hw = clk_hw_register_fixed_rate(NULL, "arm-dma-test-amba-pclk", NULL,
					0, 24000000);
	KUNIT_ASSERT_FALSE(test, IS_ERR(hw));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_clk_unregister,
						  hw));
	cl = clkdev_hw_create(hw, "apb_pclk", "arm-dma-test-amba");
	KUNIT_ASSERT_NOT_NULL(test, cl);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_clkdev_drop,
						  cl));

	np = of_find_compatible_node(NULL, NULL, ARM_DMA_TEST_AMBA_MASTER);
	KUNIT_ASSERT_NOT_NULL(test, np);
	adev = amba_device_alloc("arm-dma-test-amba", SZ_4K, SZ_4K);
	if (!adev)
		of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, adev);
	device_set_node(&adev->dev, of_fwnode_handle(np));
	adev->periphid = ARM_DMA_TEST_AMBA_ID;
	/* The device takes its own reference to the node */
	ret = amba_device_add(adev, &arm_dma_test_amba_bus);
	of_node_put(np);
	if (ret)
		amba_device_put(adev);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_amba_unregister,
						  adev));
	return &adev->dev;
}

struct arm_dma_test_amba_case {
	const char *name;
	bool driver_managed_dma;
};

static const struct arm_dma_test_amba_case arm_dma_test_amba_cases[] = {
	{ "AMBA driver", false },
	{ "AMBA driver_managed_dma", true },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_amba, arm_dma_test_amba_cases, name);

/*
 * The AMBA bus, like the platform bus, gives a master the default
 * mapping, and none if its driver sets driver_managed_dma (the bus sets
 * driver_managed_iommu for it).
 */
static void arm_dma_test_amba_master_gets_default_mapping(struct kunit *test)
{
	const struct arm_dma_test_amba_case *c = test->param_value;
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct arm_dma_test_amba *a;
	struct device *dev;

	dev = arm_dma_test_amba_master(test);
	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	init_completion(&a->probed);
	a->drv.drv.name = "arm-dma-test-amba";
	a->drv.id_table = arm_dma_test_amba_ids;
	a->drv.probe = arm_dma_test_amba_probe;
	a->drv.driver_managed_dma = c->driver_managed_dma;
	KUNIT_ASSERT_EQ(test, 0, amba_driver_register(&a->drv));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_amba_driver_unregister,
						  &a->drv));
	KUNIT_ASSERT_NE(test, 0,
			wait_for_completion_timeout(&a->probed,
						    ARM_DMA_TEST_PROBE_TIMEOUT));
	KUNIT_ASSERT_NOT_NULL(test, dev->driver);
	KUNIT_EXPECT_TRUE(test, device_iommu_mapped(dev));

	if (c->driver_managed_dma) {
		arm_dma_test_expect_managed(test, t, dev);
		return;
	}
	KUNIT_EXPECT_FALSE(test, dev->driver->driver_managed_iommu);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
	KUNIT_ASSERT_NOT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(dev),
			    to_dma_iommu_mapping(dev)->domain);
	device_release_driver(dev);
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
}
#endif /* CONFIG_ARM_AMBA */

struct arm_dma_test_own_domain_case {
	const char *name;
	unsigned int flags;
	int attach_ret;
};

static const struct arm_dma_test_own_domain_case arm_dma_test_own_domain_cases[] = {
	{ "default-mapping", 0, -EBUSY },
	{ "driver_managed_iommu", ARM_DMA_TEST_MANAGED_IOMMU, 0 },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_own_domain, arm_dma_test_own_domain_cases,
		       name);

/*
 * A driver that attaches a paging domain of its own in probe, as MSM DRM
 * does: the IOMMU core refuses it with -EBUSY while the master is on its
 * ARM default mapping, and lets it once the driver sets
 * driver_managed_iommu; the master then translates through that domain.
 */
static void arm_dma_test_opted_out_driver_own_domain(struct kunit *test)
{
	const struct arm_dma_test_own_domain_case *c = test->param_value;
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct arm_dma_test_master *m;
	struct device *dev;
	u8 *buf;

	m = arm_dma_test_register(test, TEST_IOMMU_MASTER, 1,
				  ARM_DMA_TEST_OWN_DOMAIN | c->flags);
	dev = m->devs[0];
	KUNIT_EXPECT_EQ(test, m->own_domain_ret, c->attach_ret);
	KUNIT_EXPECT_EQ(test, !!to_dma_iommu_mapping(dev), !c->flags);
	if (!m->own_domain)
		return;
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(dev), m->own_domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, iommu_map(m->own_domain, SZ_1M, virt_to_phys(buf),
					PAGE_SIZE, IOMMU_READ | IOMMU_WRITE,
					GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(m->own_domain, SZ_1M),
			virt_to_phys(buf));
	iommu_unmap(m->own_domain, SZ_1M, PAGE_SIZE);
}

/*
 * The public ARM API from probe (the regression of the first version of
 * this scheme): a driver that opts out and builds its own mapping with
 * arm_iommu_create_mapping() and arm_iommu_attach_device() gets the
 * IOMMU-backed operations on that mapping, in its window, and one domain;
 * unbinding frees it.
 */
static void arm_dma_test_opted_out_driver_own_mapping(struct kunit *test)
{
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct dma_iommu_mapping *mapping;
	struct device *dev;
	dma_addr_t dma;
	u8 *buf;

	dev = arm_dma_test_register(test, TEST_IOMMU_MASTER, 1,
				    ARM_DMA_TEST_MANAGED_IOMMU |
				    ARM_DMA_TEST_OWN_MAPPING)->devs[0];
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	KUNIT_EXPECT_PTR_EQ(test, get_dma_ops(dev), &arm_iommu_dma_ops);
	KUNIT_EXPECT_EQ(test, mapping->base, ARM_DMA_TEST_OWN_BASE);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(dev), mapping->domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches), 1);

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(dev, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, dma));
	KUNIT_EXPECT_GE(test, dma, ARM_DMA_TEST_OWN_BASE);
	KUNIT_EXPECT_LT(test, dma, ARM_DMA_TEST_OWN_BASE + ARM_DMA_TEST_OWN_SIZE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, dma),
			virt_to_phys(buf));
	dma_unmap_single(dev, dma, PAGE_SIZE, DMA_TO_DEVICE);

	device_release_driver(dev);
	KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 1);
}

/*
 * Fault injection: a case makes the Nth call of should_fail() in its own
 * task fail, for N = 1, 2, ... until an operation runs without reaching
 * the Nth call, so that each kmalloc (failslab), page allocation
 * (fail_page_alloc), and domain allocation, attach and map of the test
 * IOMMU that the operation makes fails in turn, as
 * tools/testing/selftests/iommu/iommufd_fail_nth.c does for iommufd; the
 * attach case then does the same with the test IOMMU's calls alone.
 * failslab and fail_page_alloc leave allocations that may sleep, order-0
 * pages and highmem alone unless debugfs tells them otherwise: the cases
 * tell them, and restore them.
 */
#if IS_ENABLED(CONFIG_FAILSLAB) && IS_ENABLED(CONFIG_FAIL_PAGE_ALLOC) && \
	IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)

/* More calls than any operation of the cases makes */
#define ARM_DMA_TEST_FAULT_MAX		1000

/* How a fault injection knob is kept: debugfs_create_bool(), _u32(), _ul() */
enum arm_dma_test_knob_type { TEST_KNOB_BOOL, TEST_KNOB_U32, TEST_KNOB_UL };

static const struct {
	const char *dir;
	const char *name;
	enum arm_dma_test_knob_type type;
	unsigned long val;
} arm_dma_test_fault_knobs[] = {
	{ "failslab", "ignore-gfp-wait", TEST_KNOB_BOOL, false },
	{ "failslab", "verbose", TEST_KNOB_UL, 1 },
	{ "fail_page_alloc", "ignore-gfp-wait", TEST_KNOB_BOOL, false },
	{ "fail_page_alloc", "ignore-gfp-highmem", TEST_KNOB_BOOL, false },
	{ "fail_page_alloc", "min-order", TEST_KNOB_U32, 0 },
	{ "fail_page_alloc", "verbose", TEST_KNOB_UL, 1 },
};

/**
 * struct arm_dma_test_faults - the fault injection knobs a case set
 * @knob: where each knob of arm_dma_test_fault_knobs is kept
 * @old: its value before
 */
struct arm_dma_test_faults {
	void *knob[ARRAY_SIZE(arm_dma_test_fault_knobs)];
	unsigned long old[ARRAY_SIZE(arm_dma_test_fault_knobs)];
};

/*
 * Where the value of debugfs file @dir/@name is kept: the data pointer
 * debugfs_create_bool() and its kind keep in the inode.  The files have
 * no write_iter, so kernel_write() cannot write them.
 */
static void *arm_dma_test_knob(const char *dir, const char *name)
{
	struct dentry *d, *f = NULL;
	void *knob = NULL;

	d = debugfs_lookup(dir, NULL);
	if (d)
		f = debugfs_lookup(name, d);
	if (f)
		knob = d_inode(f)->i_private;
	dput(f);
	dput(d);
	return knob;
}

static unsigned long arm_dma_test_knob_set(void *knob,
					   enum arm_dma_test_knob_type type,
					   unsigned long val)
{
	unsigned long old;

	switch (type) {
	case TEST_KNOB_BOOL:
		old = *(bool *)knob;
		WRITE_ONCE(*(bool *)knob, val);
		break;
	case TEST_KNOB_U32:
		old = *(u32 *)knob;
		WRITE_ONCE(*(u32 *)knob, val);
		break;
	default:
		old = *(unsigned long *)knob;
		WRITE_ONCE(*(unsigned long *)knob, val);
		break;
	}
	return old;
}

/* The test IOMMU's fault_attr as it was: no fault without current->fail_nth */
static void arm_dma_test_iommu_fail_off(void)
{
	WRITE_ONCE(arm_dma_test_iommu_fault.probability, 0);
	arm_dma_test_iommu_fault.task_filter = false;
	current->make_it_fail = 0;
	arm_dma_test_iommu_fault.interval = 1;
	arm_dma_test_iommu_fault.count = 0;
	atomic_set(&arm_dma_test_iommu_fault.times, 1);
}

static void arm_dma_test_faults_off(void *data)
{
	struct arm_dma_test_faults *f = data;
	unsigned int i;

	WRITE_ONCE(current->fail_nth, 0);
	arm_dma_test_iommu_fail_off();
	for (i = 0; i < ARRAY_SIZE(f->knob); i++)
		if (f->knob[i])
			arm_dma_test_knob_set(f->knob[i],
					      arm_dma_test_fault_knobs[i].type,
					      f->old[i]);
}

/* Have failslab and fail_page_alloc fail any allocation until the test ends */
static void arm_dma_test_faults_on(struct kunit *test)
{
	struct arm_dma_test_faults *f;
	unsigned int i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	for (i = 0; i < ARRAY_SIZE(f->knob); i++) {
		f->knob[i] = arm_dma_test_knob(arm_dma_test_fault_knobs[i].dir,
					       arm_dma_test_fault_knobs[i].name);
		KUNIT_ASSERT_NOT_NULL_MSG(test, f->knob[i], "%s/%s",
					  arm_dma_test_fault_knobs[i].dir,
					  arm_dma_test_fault_knobs[i].name);
	}
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, arm_dma_test_faults_off,
						  f));
	for (i = 0; i < ARRAY_SIZE(f->knob); i++)
		f->old[i] = arm_dma_test_knob_set(f->knob[i],
						  arm_dma_test_fault_knobs[i].type,
						  arm_dma_test_fault_knobs[i].val);
	arm_dma_test_iommu_fault.verbose = 1;
}

/* Make the @nth call of should_fail() in this task fail */
static void arm_dma_test_fail_nth(unsigned int nth)
{
	WRITE_ONCE(current->fail_nth, nth);
}

/*
 * Make the @nth call this task makes of should_fail() on the test IOMMU's
 * fault_attr fail, and no other: the test IOMMU makes the same calls in
 * every run, where the Nth should_fail() call that current->fail_nth
 * counts may be a page allocation in one run and not in the next (a slab
 * takes a new page on one CPU and not on another), so that a pass over
 * N = 1, 2, ... of those may step over a call.
 */
static void arm_dma_test_iommu_fail_nth(unsigned int nth)
{
	arm_dma_test_iommu_fault.count = 0;
	arm_dma_test_iommu_fault.interval = nth;
	atomic_set(&arm_dma_test_iommu_fault.times, 1);
	arm_dma_test_iommu_fault.task_filter = true;
	current->make_it_fail = 1;
	WRITE_ONCE(arm_dma_test_iommu_fault.probability, 100);
}

/* Stop injecting; true if the fault was injected */
static bool arm_dma_test_fail_done(void)
{
	unsigned int left = READ_ONCE(current->fail_nth);

	WRITE_ONCE(current->fail_nth, 0);
	if (READ_ONCE(arm_dma_test_iommu_fault.probability)) {
		left = atomic_read(&arm_dma_test_iommu_fault.times);
		arm_dma_test_iommu_fail_off();
	}
	return !left;
}

struct arm_dma_test_fault_case {
	const char *name;
	bool first;
};

static const struct arm_dma_test_fault_case arm_dma_test_fault_cases[] = {
	{ "master creates the default mapping", true },
	{ "master joins the shared mapping", false },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_fault, arm_dma_test_fault_cases, name);

/* What a master bound under an injected fault got */
enum arm_dma_test_outcome {
	TEST_FAULT_MAPPED,	/* the mapping it gets without faults */
	TEST_FAULT_PRIVATE,	/* a private one: the shared one refused it */
	TEST_FAULT_DIRECT,	/* direct DMA */
	TEST_FAULT_UNBOUND,	/* its probe failed */
	TEST_FAULT_OUTCOMES
};

/* Map a page on @dev and expect the IOVA to translate to it */
static void arm_dma_test_fault_dma(struct kunit *test, struct device *dev)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	struct page *page;
	dma_addr_t dma;

	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	dma = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	if (!dma_mapping_error(dev, dma)) {
		if (mapping)
			KUNIT_EXPECT_EQ(test,
					iommu_iova_to_phys(mapping->domain, dma),
					page_to_phys(page));
		dma_unmap_page(dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
	} else {
		KUNIT_FAIL(test, "%s: dma_map_page() failed", dev_name(dev));
	}
	__free_page(page);
}

/*
 * Every failure on the way from the driver core to a bound master, one
 * after the other, with the master either creating the default mapping or
 * joining the one its co-masters share (a master with a direct-mapped
 * region, so the reserved-region entries and the map of the region fail
 * too).  Each ends in one of the documented fallbacks, with its warning
 * once: a private mapping if the IOMMU refused the attach to the shared
 * domain, direct DMA if memory, the domain or the map failed, or a failed
 * probe if the fault hit the driver core or the IOMMU core.  Nothing stays
 * behind: the co-masters keep their mapping and references, and the
 * master's region and domains go once it is unbound.  kmemleak checks the
 * rest after the suites.
 *
 * A first pass fails every call of should_fail(), a second pass each of
 * the test IOMMU's alone: only that one is sure to reach the attach.
 */
static void arm_dma_test_attach_failures_leave_nothing(struct kunit *test)
{
	const struct arm_dma_test_fault_case *p = test->param_value;
	const u64 rd = ARM_DMA_TEST_RESV_D_START;
	unsigned int outcomes[TEST_FAULT_OUTCOMES] = { };
	struct dma_iommu_mapping *shared = NULL, *mapping;
	enum arm_dma_test_outcome o = TEST_FAULT_UNBOUND;
	unsigned int n, i, refs = 0, live, in_use = 0, refused;
	unsigned int pass, faults = 0;
	struct arm_dma_test_warnings w;
	struct arm_dma_test_master *m;
	struct test_iommu *t;
	struct device *d;
	bool fired;
	int ret;

	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_regions));
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-resv-shared");
	arm_dma_test_set_policy(test, false);
	m = arm_dma_test_register(test, TEST_RESV_SHARED_MASTER, 4, 0);
	d = arm_dma_test_master_named(test, m, "arm-dma-test-resv-shared-d");
	KUNIT_ASSERT_NOT_NULL(test, d);
	for (i = 0; i < m->nr; i++)
		if (p->first || m->devs[i] == d)
			device_release_driver(m->devs[i]);
	if (!p->first) {
		shared = to_dma_iommu_mapping(m->devs[m->devs[0] == d]);
		KUNIT_ASSERT_NOT_NULL(test, shared);
		refs = kref_read(&shared->kref);
		KUNIT_ASSERT_EQ(test, refs, 1 + 2 * 3);
		in_use = arm_dma_test_iovas_in_use(shared);
	}
	live = atomic_read(&t->domains_allocated) -
	       atomic_read(&t->domains_freed);
	KUNIT_ASSERT_EQ(test, live, shared ? 1 : 0);

	arm_dma_test_faults_on(test);
	for (pass = 0, n = 1; pass < 2 && n <= ARM_DMA_TEST_FAULT_MAX; n++) {
		arm_dma_test_warnings_before(test, &w, dev_name(d));
		refused = atomic_read(&t->attaches_refused);
		if (pass)
			arm_dma_test_iommu_fail_nth(n);
		else
			arm_dma_test_fail_nth(n);
		ret = device_attach(d);
		fired = arm_dma_test_fail_done();
		faults += fired;

		KUNIT_EXPECT_EQ_MSG(test, ret > 0, !!d->driver,
				    "pass %u, fault %u", pass, n);
		mapping = to_dma_iommu_mapping(d);
		if (!d->driver)
			o = TEST_FAULT_UNBOUND;
		else if (!arm_dma_test_has_iommu_ops(d))
			o = TEST_FAULT_DIRECT;
		else if (!shared || mapping == shared)
			o = TEST_FAULT_MAPPED;
		else
			o = TEST_FAULT_PRIVATE;
		outcomes[o]++;

		arm_dma_test_expect_warnings(test, &w, o == TEST_FAULT_PRIVATE,
					     o == TEST_FAULT_DIRECT);
		/*
		 * A refused attach to the shared domain, and only that, not
		 * -ENOMEM, gives a private mapping.
		 */
		if (shared)
			KUNIT_EXPECT_EQ_MSG(test,
					    atomic_read(&t->attaches_refused) -
					    refused, o == TEST_FAULT_PRIVATE,
					    "pass %u, fault %u", pass, n);
		KUNIT_EXPECT_EQ_MSG(test, !!mapping,
				    o == TEST_FAULT_MAPPED ||
				    o == TEST_FAULT_PRIVATE,
				    "pass %u, fault %u", pass, n);
		KUNIT_EXPECT_EQ_MSG(test,
				    atomic_read(&t->domains_allocated) -
				    atomic_read(&t->domains_freed),
				    live + (mapping && mapping != shared),
				    "pass %u, fault %u", pass, n);
		if (mapping)
			KUNIT_EXPECT_EQ_MSG(test,
					    iommu_iova_to_phys(mapping->domain,
							       rd), rd,
					    "pass %u, fault %u", pass, n);
		if (d->driver)
			arm_dma_test_fault_dma(test, d);
		if (shared) {
			KUNIT_EXPECT_EQ_MSG(test, kref_read(&shared->kref),
					    refs + 2 * (mapping == shared),
					    "pass %u, fault %u", pass, n);
			if (mapping != shared)
				KUNIT_EXPECT_EQ_MSG(test,
						    iommu_iova_to_phys(shared->domain,
								       rd),
						    0, "pass %u, fault %u",
						    pass, n);
		}

		/* The last run, without a fault, leaves the master bound */
		if ((fired || !pass) && d->driver)
			device_release_driver(d);
		KUNIT_EXPECT_EQ_MSG(test,
				    atomic_read(&t->domains_allocated) -
				    atomic_read(&t->domains_freed),
				    d->driver ? live + !shared : live,
				    "pass %u, fault %u", pass, n);
		if (shared && !d->driver) {
			KUNIT_EXPECT_EQ_MSG(test, kref_read(&shared->kref),
					    refs, "pass %u, fault %u", pass, n);
			KUNIT_EXPECT_EQ_MSG(test,
					    arm_dma_test_iovas_in_use(shared),
					    in_use, "pass %u, fault %u", pass, n);
		}
		/* A run without a fault ends the pass, with the mapping */
		if (!fired) {
			KUNIT_EXPECT_EQ_MSG(test, o, TEST_FAULT_MAPPED,
					    "pass %u", pass);
			pass++;
			n = 0;
		}
	}

	kunit_info(test, "%u faults: %u mapped anyway, %u private mapping, %u direct DMA, %u probe failed\n",
		   faults, outcomes[TEST_FAULT_MAPPED] - pass,
		   outcomes[TEST_FAULT_PRIVATE], outcomes[TEST_FAULT_DIRECT],
		   outcomes[TEST_FAULT_UNBOUND]);
	KUNIT_EXPECT_EQ_MSG(test, pass, 2, "still failing after %u calls",
			    ARM_DMA_TEST_FAULT_MAX);
	KUNIT_EXPECT_GT(test, outcomes[TEST_FAULT_DIRECT], 0);
	KUNIT_EXPECT_GT(test, outcomes[TEST_FAULT_UNBOUND], 0);
	if (shared)
		KUNIT_EXPECT_GT(test, outcomes[TEST_FAULT_PRIVATE], 0);
}

/* Pages of a buffer, scatterlist entries, the pages of a resource */
#define ARM_DMA_TEST_FAULT_PAGES	16
#define ARM_DMA_TEST_FAULT_RESOURCE	SZ_256M
#define ARM_DMA_TEST_FAULT_RESOURCE_SIZE	(4 * PAGE_SIZE)

/**
 * struct arm_dma_test_fault_op - a DMA operation a fault case fails
 * @name: for the log
 * @run: does the operation on @dev and returns whether it worked
 * @check_undo: expects what a successful @run mapped to be translated, and
 *	undoes it
 * @extend: run with the first bitmap of the mapping full, so that the
 *	allocator must extend the mapping
 */
struct arm_dma_test_fault_op {
	const char *name;
	bool (*run)(struct device *dev, void *ctx);
	void (*check_undo)(struct kunit *test, struct device *dev, void *ctx);
	bool extend;
};

/**
 * struct arm_dma_test_fault_ctx - what the operations work on
 * @cpu: the buffer dma_alloc_attrs() returned
 * @dma: its IOVA, or that of the resource
 * @sgt: a table of ARM_DMA_TEST_FAULT_PAGES single pages
 */
struct arm_dma_test_fault_ctx {
	void *cpu;
	dma_addr_t dma;
	struct sg_table sgt;
};

static bool arm_dma_test_fault_alloc(struct device *dev, void *data)
{
	struct arm_dma_test_fault_ctx *ctx = data;

	ctx->cpu = dma_alloc_attrs(dev, ARM_DMA_TEST_FAULT_PAGES * PAGE_SIZE,
				   &ctx->dma, GFP_KERNEL, 0);
	return ctx->cpu;
}

static void arm_dma_test_fault_free(struct kunit *test, struct device *dev,
				    void *data)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	struct arm_dma_test_fault_ctx *ctx = data;
	unsigned int i;

	for (i = 0; i < ARM_DMA_TEST_FAULT_PAGES; i++)
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(mapping->domain,
						   ctx->dma + i * PAGE_SIZE),
				arm_dma_test_cpu_to_phys(ctx->cpu +
							 i * PAGE_SIZE));
	dma_free_attrs(dev, ARM_DMA_TEST_FAULT_PAGES * PAGE_SIZE, ctx->cpu,
		       ctx->dma, 0);
}

static bool arm_dma_test_fault_map_sg(struct device *dev, void *data)
{
	struct arm_dma_test_fault_ctx *ctx = data;

	return !dma_map_sgtable(dev, &ctx->sgt, DMA_TO_DEVICE, 0);
}

static void arm_dma_test_fault_unmap_sg(struct kunit *test,
					struct device *dev, void *data)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	struct arm_dma_test_fault_ctx *ctx = data;
	struct scatterlist *sg, *cpu = ctx->sgt.sgl;
	unsigned int i, off = 0;
	dma_addr_t dma;
	int j;

	/* The DMA segments cover the pages in order */
	for_each_sgtable_dma_sg(&ctx->sgt, sg, j) {
		for (i = 0; i < sg_dma_len(sg) / PAGE_SIZE; i++) {
			KUNIT_ASSERT_NOT_NULL(test, cpu);
			dma = sg_dma_address(sg) + i * PAGE_SIZE;
			KUNIT_EXPECT_EQ(test,
					iommu_iova_to_phys(mapping->domain, dma),
					page_to_phys(sg_page(cpu)) + off);
			off += PAGE_SIZE;
			if (off == cpu->length) {
				cpu = sg_next(cpu);
				off = 0;
			}
		}
	}
	KUNIT_EXPECT_NULL(test, cpu);
	dma_unmap_sgtable(dev, &ctx->sgt, DMA_TO_DEVICE, 0);
}

static bool arm_dma_test_fault_map_resource(struct device *dev, void *data)
{
	struct arm_dma_test_fault_ctx *ctx = data;

	ctx->dma = dma_map_resource(dev, ARM_DMA_TEST_FAULT_RESOURCE,
				    ARM_DMA_TEST_FAULT_RESOURCE_SIZE,
				    DMA_TO_DEVICE, 0);
	return !dma_mapping_error(dev, ctx->dma);
}

static void arm_dma_test_fault_unmap_resource(struct kunit *test,
					      struct device *dev, void *data)
{
	struct dma_iommu_mapping *mapping = to_dma_iommu_mapping(dev);
	struct arm_dma_test_fault_ctx *ctx = data;
	size_t last = ARM_DMA_TEST_FAULT_RESOURCE_SIZE - PAGE_SIZE;

	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(mapping->domain, ctx->dma),
			ARM_DMA_TEST_FAULT_RESOURCE);
	KUNIT_EXPECT_EQ(test,
			iommu_iova_to_phys(mapping->domain, ctx->dma + last),
			ARM_DMA_TEST_FAULT_RESOURCE + last);
	dma_unmap_resource(dev, ctx->dma, ARM_DMA_TEST_FAULT_RESOURCE_SIZE,
			   DMA_TO_DEVICE, 0);
}

static const struct arm_dma_test_fault_op arm_dma_test_fault_ops[] = {
	{ "alloc", arm_dma_test_fault_alloc, arm_dma_test_fault_free },
	{ "map_sg", arm_dma_test_fault_map_sg, arm_dma_test_fault_unmap_sg },
	{ "map_resource", arm_dma_test_fault_map_resource,
	  arm_dma_test_fault_unmap_resource, true },
};

/*
 * Mark the pages of @mapping's first bitmap in use (@full), as 128 MiB of
 * live buffers would, or those it did not have in use then free again.
 */
static void arm_dma_test_fill_bitmap(struct dma_iommu_mapping *mapping,
				     unsigned long *was, bool full)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&mapping->lock, flags);
	if (full) {
		bitmap_copy(was, mapping->bitmaps[0], mapping->bits);
		bitmap_fill(mapping->bitmaps[0], mapping->bits);
	} else {
		bitmap_copy(mapping->bitmaps[0], was, mapping->bits);
		/* Pages were freed behind the allocator's back */
		mapping->next_free = 0;
		for (i = 0; i < mapping->nr_floors; i++)
			mapping->floor_free[i] = mapping->floor[i];
	}
	spin_unlock_irqrestore(&mapping->lock, flags);
}

static void arm_dma_test_fault_free_sgt(void *data)
{
	struct sg_table *sgt = data;
	struct scatterlist *sg;
	int i;

	for_each_sgtable_sg(sgt, sg, i)
		if (sg_page(sg))
			__free_page(sg_page(sg));
	sg_free_table(sgt);
}

/*
 * Every failure of the DMA operations that allocate, one after the other:
 * a buffer's pages, the array that holds them and its kernel mapping, an
 * extension of the IOVA bitmaps, and the IOMMU's map.  An operation either
 * works in full, and its IOVAs translate to its pages, or fails and leaves
 * no IOVA in use and nothing mapped.
 */
static void arm_dma_test_alloc_failures_leave_nothing(struct kunit *test)
{
	struct arm_dma_test_fault_ctx *ctx;
	struct dma_iommu_mapping *mapping;
	unsigned int n, i, failed;
	struct test_domain *td;
	struct scatterlist *sg;
	unsigned long used, *was;
	struct device *dev;
	bool fired, ok;
	int j;

	dev = arm_dma_test_bind(test, TEST_IOMMU1_MASTER);
	mapping = to_dma_iommu_mapping(dev);
	KUNIT_ASSERT_NOT_NULL(test, mapping);
	was = kunit_kzalloc(test, mapping->bitmap_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, was);
	td = to_test_domain(mapping->domain);
	used = arm_dma_test_iovas_in_use(mapping);

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	KUNIT_ASSERT_EQ(test, 0, sg_alloc_table(&ctx->sgt,
						ARM_DMA_TEST_FAULT_PAGES,
						GFP_KERNEL));
	for_each_sgtable_sg(&ctx->sgt, sg, j) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (!page)
			break;
		sg_set_page(sg, page, PAGE_SIZE, 0);
	}
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  arm_dma_test_fault_free_sgt,
						  &ctx->sgt));
	for_each_sgtable_sg(&ctx->sgt, sg, j)
		KUNIT_ASSERT_NOT_NULL(test, sg_page(sg));

	arm_dma_test_faults_on(test);
	for (i = 0; i < ARRAY_SIZE(arm_dma_test_fault_ops); i++) {
		const struct arm_dma_test_fault_op *op =
			&arm_dma_test_fault_ops[i];

		if (op->extend) {
			KUNIT_ASSERT_EQ(test, mapping->nr_bitmaps, 1);
			arm_dma_test_fill_bitmap(mapping, was, true);
			used = arm_dma_test_iovas_in_use(mapping);
		}
		fired = true;
		failed = 0;
		for (n = 1; fired && n <= ARM_DMA_TEST_FAULT_MAX; n++) {
			arm_dma_test_fail_nth(n);
			ok = op->run(dev, ctx);
			fired = arm_dma_test_fail_done();
			if (ok) {
				op->check_undo(test, dev, ctx);
			} else {
				failed++;
				KUNIT_EXPECT_TRUE_MSG(test, fired,
						      "%s failed without a fault",
						      op->name);
			}
			KUNIT_EXPECT_EQ_MSG(test,
					    arm_dma_test_iovas_in_use(mapping),
					    used, "%s, fault %u", op->name, n);
			KUNIT_EXPECT_TRUE_MSG(test, xa_empty(&td->table),
					      "%s, fault %u", op->name, n);
		}
		if (op->extend) {
			arm_dma_test_fill_bitmap(mapping, was, false);
			used = arm_dma_test_iovas_in_use(mapping);
		}
		kunit_info(test, "%s: %u faults, %u failed it\n", op->name,
			   n - 2, failed);
		KUNIT_EXPECT_FALSE_MSG(test, fired, "%s: still failing",
				       op->name);
		KUNIT_EXPECT_GT_MSG(test, failed, 0, "%s", op->name);
	}
	/* The map_resource case extended the mapping */
	KUNIT_EXPECT_GT(test, mapping->nr_bitmaps, 1);
}

#else

static void arm_dma_test_attach_failures_leave_nothing(struct kunit *test)
{
	kunit_skip(test, "needs FAILSLAB, FAIL_PAGE_ALLOC, FAULT_INJECTION_DEBUG_FS");
}

static const void *arm_dma_test_fault_gen_params(const void *prev, char *desc)
{
	return prev ? NULL : "";
}

static void arm_dma_test_alloc_failures_leave_nothing(struct kunit *test)
{
	arm_dma_test_attach_failures_leave_nothing(test);
}

#endif

/**
 * struct arm_dma_test_bench_case - a figure of the IOVA allocator benchmark
 * @name: the case's name
 * @live: pages that stay mapped while the requests are timed
 * @fragmented: the live pages are in mappings of 1 to 32 pages, each after
 *	a hole of as many pages; else each is a mapping of one page
 * @mixed: the timed requests are of 1 to 32 pages; else of one page
 */
struct arm_dma_test_bench_case {
	const char *name;
	unsigned int live;
	bool fragmented;
	bool mixed;
};

static const struct arm_dma_test_bench_case arm_dma_test_bench_cases[] = {
	{ "0-live", 0 },
	{ "1k-live", SZ_1K },
	{ "16k-live", SZ_16K },
	{ "64k-live", SZ_64K },
	{ "256k-live", SZ_256K },
	{ "64k-fragmented", SZ_64K, true },
	{ "0-live-mixed", 0, false, true },
	{ "64k-fragmented-mixed", SZ_64K, true, true },
};

KUNIT_ARRAY_PARAM_DESC(arm_dma_test_bench, arm_dma_test_bench_cases, name);

#define ARM_DMA_TEST_BENCH_LOOPS	2048
#define ARM_DMA_TEST_BENCH_RUNS		5	/* the figure is their median */
#define ARM_DMA_TEST_BENCH_ORDER	5	/* requests of up to 32 pages */

/* ns per map+unmap with no live mapping, of one page and of 1 to 32 */
static u64 arm_dma_test_bench_base_ns[2];

/* One live mapping of the benchmark */
struct arm_dma_test_bench_live {
	dma_addr_t dma;
	unsigned int pages;
};

static int arm_dma_test_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* The median of @n figures, which it sorts */
static u64 arm_dma_test_median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), arm_dma_test_cmp_u64, NULL);
	return v[n / 2];
}

/*
 * Map pages of @page for @dev until @c->live of them stay mapped, as
 * @c says; returns how many mappings @live holds.  Fragmented, the
 * mappings come in pairs of 1 to 32 pages, and the first of each pair is
 * unmapped again: a hole before each live mapping, of its size (and the
 * alignment of each to its order).
 */
static unsigned int arm_dma_test_bench_fill(struct kunit *test,
					    const struct arm_dma_test_bench_case *c,
					    struct device *dev, struct page *page,
					    struct arm_dma_test_bench_live *live,
					    unsigned int max)
{
	unsigned int n = 0, i, kept = 0, pages = 0;

	while (pages < (c->fragmented ? 2 * c->live : c->live) && n < max) {
		live[n].pages = c->fragmented ? n / 2 % 32 + 1 : 1;
		live[n].dma = dma_map_page(dev, page, 0,
					   live[n].pages * PAGE_SIZE,
					   DMA_TO_DEVICE);
		if (dma_mapping_error(dev, live[n].dma))
			break;
		pages += live[n++].pages;
	}
	KUNIT_EXPECT_GE(test, pages, c->fragmented ? 2 * c->live : c->live);
	if (!c->fragmented)
		return n;
	for (i = 0; i < n; i++) {
		if (i % 2)
			live[kept++] = live[i];
		else
			dma_unmap_page(dev, live[i].dma,
				       live[i].pages * PAGE_SIZE,
				       DMA_TO_DEVICE);
	}
	return kept;
}

/*
 * Micro-benchmark of the ARM layer with the test IOMMU:
 * dma_map_page() + dma_unmap_page() while other mappings stay live, as
 * the case says.  Prints ns per pair, the median of 5 runs after one to
 * warm up, and the ratio to no live mapping; it checks only that every
 * mapping worked, the figures are not pass/fail.
 */
static void arm_dma_test_bench(struct kunit *test)
{
	const struct arm_dma_test_bench_case *c = test->param_value;
	u64 runs[ARM_DMA_TEST_BENCH_RUNS], t0, ns;
	struct arm_dma_test_bench_live *live;
	unsigned int i, r, nlive, handles;
	struct device *dev;
	struct page *page;
	dma_addr_t anchor;

	dev = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	page = alloc_pages(GFP_KERNEL, ARM_DMA_TEST_BENCH_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, page);
	handles = max(c->live, 1U);
	live = kvcalloc(handles, sizeof(*live), GFP_KERNEL);
	if (!live) {
		__free_pages(page, ARM_DMA_TEST_BENCH_ORDER);
		KUNIT_FAIL_AND_ABORT(test, "no memory for %u handles", handles);
	}
	/*
	 * One page mapped below the others in every case, so that the test
	 * IOMMU's table is never empty: else each timed map of the case with
	 * nothing live would allocate the table's nodes and each unmap free
	 * them, a cost no other case pays.
	 */
	anchor = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, anchor));
	nlive = arm_dma_test_bench_fill(test, c, dev, page, live, handles);

	/* Run 0 warms up caches and the allocator's bitmaps: not counted */
	for (r = 0; r <= ARM_DMA_TEST_BENCH_RUNS; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < ARM_DMA_TEST_BENCH_LOOPS; i++) {
			size_t size = (c->mixed ? i % 32 + 1 : 1) * PAGE_SIZE;
			dma_addr_t dma = dma_map_page(dev, page, 0, size,
						      DMA_TO_DEVICE);

			if (dma_mapping_error(dev, dma))
				break;
			dma_unmap_page(dev, dma, size, DMA_TO_DEVICE);
		}
		KUNIT_EXPECT_EQ(test, i, ARM_DMA_TEST_BENCH_LOOPS);
		if (r)
			runs[r - 1] = div_u64(ktime_get_ns() - t0,
					      ARM_DMA_TEST_BENCH_LOOPS);
	}
	ns = arm_dma_test_median(runs, ARM_DMA_TEST_BENCH_RUNS);

	if (!c->live)
		arm_dma_test_bench_base_ns[c->mixed] = ns;
	if (arm_dma_test_bench_base_ns[c->mixed]) {
		u32 pct = div64_u64(ns * 100,
				    arm_dma_test_bench_base_ns[c->mixed]);

		kunit_info(test, "bench: %s: %u live pages%s, requests of %s: %llu ns per map+unmap, %u.%02u x the cost with none live\n",
			   c->name, c->live,
			   c->fragmented ? " in mappings of 1 to 32 after holes" : "",
			   c->mixed ? "1 to 32 pages" : "1 page", ns,
			   pct / 100, pct % 100);
	}

	while (nlive--)
		dma_unmap_page(dev, live[nlive].dma, live[nlive].pages * PAGE_SIZE,
			       DMA_TO_DEVICE);
	if (!dma_mapping_error(dev, anchor))
		dma_unmap_page(dev, anchor, PAGE_SIZE, DMA_TO_DEVICE);
	kvfree(live);
	__free_pages(page, ARM_DMA_TEST_BENCH_ORDER);
}

/**
 * struct arm_dma_test_bench_thread - a kthread of the masters benchmark
 * @dev: the master it maps for
 * @page: the page it maps
 * @go: completed, for all of them at once, when they are to start
 * @done: completed when it has stopped
 * @start: ktime_get_ns() when the kthreads are let go
 * @pairs: map+unmap pairs it completed
 * @end: ktime_get_ns() when it stopped
 * @failed: mappings that failed
 */
struct arm_dma_test_bench_thread {
	struct device *dev;
	struct page *page;
	struct completion *go;
	struct completion done;
	const u64 *start;
	u64 pairs;
	u64 end;
	unsigned int failed;
};

/* How long the kthreads of a run map: 200 ms */
#define ARM_DMA_TEST_BENCH_THREAD_NS	(200 * NSEC_PER_MSEC)
/* Map+unmap pairs between two looks at the clock */
#define ARM_DMA_TEST_BENCH_THREAD_BATCH	64

static int arm_dma_test_bench_thread_fn(void *data)
{
	struct arm_dma_test_bench_thread *b = data;
	u64 now, until;
	unsigned int i;

	wait_for_completion(b->go);
	until = READ_ONCE(*b->start) + ARM_DMA_TEST_BENCH_THREAD_NS;
	do {
		for (i = 0; i < ARM_DMA_TEST_BENCH_THREAD_BATCH; i++) {
			dma_addr_t dma = dma_map_page(b->dev, b->page, 0,
						      PAGE_SIZE, DMA_TO_DEVICE);

			if (dma_mapping_error(b->dev, dma)) {
				b->failed++;
				continue;
			}
			dma_unmap_page(b->dev, dma, PAGE_SIZE, DMA_TO_DEVICE);
			b->pairs++;
		}
		now = ktime_get_ns();
	} while (now < until);
	b->end = now;
	/* Not back into the module's text, which may be gone by then */
	kthread_complete_and_exit(&b->done, 0);
}

/*
 * Aggregate map+unmap pairs per ms of @n kthreads, each on one of the
 * masters @devs, let go at once and mapping for 200 ms: all pairs over
 * the time from the start to the last one's stop, the median of 3 runs.
 * A time rather than a number of pairs each: a kthread that starts late
 * or gets less of a CPU stretches the run by one batch of pairs at most,
 * not by all of its pairs.
 */
static u64 arm_dma_test_bench_threads(struct kunit *test, struct device **devs,
				      unsigned int n, struct page *page)
{
	struct arm_dma_test_bench_thread b[ARM_DMA_TEST_BENCH_MASTERS] = { };
	struct task_struct *tasks[ARM_DMA_TEST_BENCH_MASTERS];
	struct completion go;
	u64 runs[3], start, end, pairs;
	unsigned int i, r;

	for (r = 0; r < ARRAY_SIZE(runs); r++) {
		init_completion(&go);
		for (i = 0; i < n; i++) {
			b[i].dev = devs[i];
			b[i].page = page;
			b[i].go = &go;
			b[i].start = &start;
			b[i].pairs = 0;
			b[i].failed = 0;
			init_completion(&b[i].done);
			tasks[i] = kthread_run(arm_dma_test_bench_thread_fn,
					       &b[i], "arm-dma-bench/%u", i);
			if (IS_ERR(tasks[i])) {
				/* Those started run once they are let go */
				start = ktime_get_ns();
				complete_all(&go);
				while (i--)
					wait_for_completion(&b[i].done);
				KUNIT_FAIL(test, "no kthread");
				return 0;
			}
		}
		start = ktime_get_ns();
		complete_all(&go);
		end = start;
		pairs = 0;
		for (i = 0; i < n; i++) {
			wait_for_completion(&b[i].done);
			end = max(end, b[i].end);
			pairs += b[i].pairs;
			KUNIT_EXPECT_EQ_MSG(test, b[i].failed, 0, "kthread %u", i);
		}
		runs[r] = div64_u64(pairs * NSEC_PER_MSEC, end - start + 1);
	}
	return arm_dma_test_median(runs, ARRAY_SIZE(runs));
}

/* Pairs per ms of 1, 2 and 4 masters on one shared mapping */
static u64 arm_dma_test_bench_shared[3];

/*
 * Micro-benchmark of masters mapping at once: 1, 2 and 4 kthreads, each
 * mapping and unmapping one page on a master of its own, on one shared
 * mapping (shared) or on a mapping each (isolated).  Prints aggregate
 * map+unmap pairs per ms, the ratio to one master and, isolated, the
 * ratio of shared to isolated; not pass/fail.
 */
static void arm_dma_test_bench_masters(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct device *devs[ARM_DMA_TEST_BENCH_MASTERS];
	unsigned int i, k;
	struct arm_dma_test_master *m;
	struct page *page;
	u64 ops[3];

	arm_dma_test_set_policy(test, c->isolated);
	m = arm_dma_test_register(test, TEST_BENCH_MASTER,
				  ARM_DMA_TEST_BENCH_MASTERS, ARM_DMA_TEST_ASYNC);
	for (i = 0; i < ARM_DMA_TEST_BENCH_MASTERS; i++) {
		devs[i] = m->devs[i];
		KUNIT_ASSERT_TRUE(test, arm_dma_test_has_iommu_ops(devs[i]));
	}
	KUNIT_EXPECT_EQ(test, to_dma_iommu_mapping(devs[0]) ==
			to_dma_iommu_mapping(devs[1]), !c->isolated);
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);

	for (k = 0; k < ARRAY_SIZE(ops); k++) {
		ops[k] = arm_dma_test_bench_threads(test, devs, 1 << k, page);
		if (!c->isolated)
			arm_dma_test_bench_shared[k] = ops[k];
	}
	for (k = 0; k < ARRAY_SIZE(ops); k++) {
		u32 pct = div64_u64(ops[k] * 100, ops[0] ?: 1);
		u32 vs = div64_u64(arm_dma_test_bench_shared[k] * 100,
				   ops[k] ?: 1);

		if (c->isolated && arm_dma_test_bench_shared[k])
			kunit_info(test, "bench: %s, %u master(s): %llu map+unmap per ms, %u.%02u x 1 master's; shared: %u.%02u x isolated\n",
				   c->name, 1 << k, ops[k], pct / 100,
				   pct % 100, vs / 100, vs % 100);
		else
			kunit_info(test, "bench: %s, %u master(s): %llu map+unmap per ms, %u.%02u x 1 master's\n",
				   c->name, 1 << k, ops[k], pct / 100,
				   pct % 100);
	}
	__free_page(page);
}

/*
 * What the driver core prints when it gives up waiting for a master's
 * IOMMU: after the deferred probe timeout, or, without CONFIG_MODULES, as
 * soon as the initcalls are done (driver_deferred_probe_check_state()).
 */
#define ARM_DMA_TEST_GIVEN_UP	(IS_ENABLED(CONFIG_MODULES) ?			\
				 "deferred probe timeout, ignoring dependency" : \
				 "ignoring dependency for device, assuming no driver")

/*
 * Two masters whose IOMMU registers after them, as a module or a late
 * probe would: their probes are deferred instead of running without the
 * IOMMU, and run once the IOMMU has registered, with the IOMMU-backed
 * operations and the instance's default mapping, one for both or one
 * each as the policy says.  Only until the driver core gives up waiting:
 * run after that (the suite loaded as a module, say), the case is
 * skipped, provided the driver core said it gave up.  Built in, the suite
 * runs after the late initcalls that start the deferred probe timeout,
 * and each driver registered since pushes the timeout back
 * (deferred_probe_extend_timeout()): every case of these suites registers
 * the test IOMMU in its init, so the case passes wherever the suite runs,
 * provided the timeout (deferred_probe_timeout=10, say) is longer than
 * any one case takes.
 */
static void arm_dma_test_late_iommu_defers_masters(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct dma_iommu_mapping *ma, *mb;
	struct arm_dma_test_master *m;
	struct test_iommu *t;
	unsigned int before;
	struct device *a;

	arm_dma_test_set_policy(test, c->isolated);
	a = arm_dma_test_find(test, TEST_LATE_MASTER);
	before = arm_dma_test_log_lines(test, a, ARM_DMA_TEST_GIVEN_UP);
	m = arm_dma_test_add_driver(test, TEST_LATE_MASTER, 0);
	if (device_is_bound(a) &&
	    arm_dma_test_log_lines(test, a, ARM_DMA_TEST_GIVEN_UP) > before)
		kunit_skip(test, "the driver core no longer waits for IOMMUs (%s)",
			   ARM_DMA_TEST_GIVEN_UP);
	KUNIT_EXPECT_EQ(test, atomic_read(&m->calls), 0);
	KUNIT_EXPECT_EQ(test, m->nr, 0);
	KUNIT_EXPECT_FALSE(test, device_is_bound(a));
	KUNIT_EXPECT_NULL(test, get_dma_ops(a));
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(a));

	KUNIT_ASSERT_EQ(test, 0, arm_dma_test_iommu_register_late(test));
	arm_dma_test_wait(test, m, 2, ARM_DMA_TEST_PROBE_TIMEOUT);
	t = arm_dma_test_iommu(test, "arm-dma-test-iommu-late");
	KUNIT_EXPECT_EQ(test, atomic_read(&m->calls), 2);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(m->devs[0]));
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(m->devs[1]));
	ma = to_dma_iommu_mapping(m->devs[0]);
	mb = to_dma_iommu_mapping(m->devs[1]);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(m->devs[0]),
			    ma->domain);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(m->devs[1]),
			    mb->domain);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches), 2);
	if (c->isolated) {
		KUNIT_EXPECT_PTR_NE(test, ma, mb);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 2);
	} else {
		KUNIT_EXPECT_PTR_EQ(test, ma, mb);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
	}

	/*
	 * Unbind before the IOMMU goes, the reverse of the binding order; a
	 * domain goes with the last master of its mapping, not before
	 */
	device_release_driver(m->devs[0]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
			c->isolated ? 1 : 0);
	device_release_driver(m->devs[1]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
			atomic_read(&t->domains_allocated));
}

/*
 * A master whose probe defers a few times on its own, next to a co-master
 * of the same IOMMU instance that is bound and has a buffer mapped: the
 * default mapping is taken before each probe and released after each
 * deferral, and the co-master's mapping survives all of it.  Shared, every
 * probe joins the co-master's mapping and no domain is freed; isolated,
 * each probe gets a domain of its own, freed on the deferral.
 */
static void arm_dma_test_defer_keeps_co_master_mapping(struct kunit *test)
{
	const struct arm_dma_test_policy_case *c = test->param_value;
	struct test_iommu *t = arm_dma_test_iommu(test, "arm-dma-test-iommu0");
	struct dma_iommu_mapping *co_mapping;
	struct arm_dma_test_master *m;
	struct device *dev, *co;
	unsigned int i, calls;
	dma_addr_t co_dma;
	void *buf;

	arm_dma_test_set_policy(test, c->isolated);
	co = arm_dma_test_bind(test, TEST_IOMMU_COHERENT);
	co_mapping = to_dma_iommu_mapping(co);
	KUNIT_ASSERT_NOT_NULL(test, co_mapping);
	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	co_dma = dma_map_single(co, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(co, co_dma));

	dev = arm_dma_test_find(test, TEST_IOMMU_MASTER);
	m = arm_dma_test_add_driver(test, TEST_IOMMU_MASTER, ARM_DMA_TEST_DEFER);
	for (i = 0; i < ARM_DMA_TEST_DEFERS && !device_is_bound(dev); i++) {
		calls = atomic_read(&m->calls);
		KUNIT_EXPECT_GE(test, calls, i + 1);
		KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
		KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated),
				c->isolated ? 1 + calls : 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
				c->isolated ? calls : 0);
		KUNIT_ASSERT_GE(test, device_attach(dev), 0);
	}
	arm_dma_test_wait(test, m, 1, ARM_DMA_TEST_PROBE_TIMEOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&m->calls), ARM_DMA_TEST_DEFERS + 1);
	KUNIT_EXPECT_TRUE(test, arm_dma_test_has_iommu_ops(dev));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->attaches),
			ARM_DMA_TEST_DEFERS + 2);
	if (c->isolated) {
		KUNIT_EXPECT_PTR_NE(test, to_dma_iommu_mapping(dev), co_mapping);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated),
				ARM_DMA_TEST_DEFERS + 2);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
				ARM_DMA_TEST_DEFERS);
	} else {
		KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(dev), co_mapping);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_allocated), 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed), 0);
	}
	/* The co-master kept its mapping and its buffer all along */
	KUNIT_EXPECT_PTR_EQ(test, to_dma_iommu_mapping(co), co_mapping);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(co_mapping->domain, co_dma),
			virt_to_phys(buf));
	dma_unmap_single(co, co_dma, PAGE_SIZE, DMA_TO_DEVICE);

	/*
	 * The deferrals left nothing behind: every domain goes with its last
	 * master, the shared one with the co-master
	 */
	device_release_driver(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
			c->isolated ? ARM_DMA_TEST_DEFERS + 1 : 0);
	device_release_driver(co);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->domains_freed),
			atomic_read(&t->domains_allocated));
}

/*
 * A master whose IOMMU never registers: its probe is deferred until the
 * deferred probe timeout, then runs with the direct operations, and the
 * driver core's warning is printed once for it.
 */
static void arm_dma_test_absent_iommu_falls_back_direct(struct kunit *test)
{
	const char *warning = ARM_DMA_TEST_GIVEN_UP;
	struct arm_dma_test_master *m;
	struct device *dev;
	unsigned int before;

	dev = arm_dma_test_find(test, TEST_ABSENT_MASTER);
	before = arm_dma_test_log_lines(test, dev, warning);
	m = arm_dma_test_add_driver(test, TEST_ABSENT_MASTER, 0);
	arm_dma_test_wait(test, m, 1, ARM_DMA_TEST_DEFERRED_TIMEOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&m->calls), 1);
	KUNIT_EXPECT_NULL(test, get_dma_ops(dev));
	KUNIT_EXPECT_NULL(test, to_dma_iommu_mapping(dev));
	KUNIT_EXPECT_FALSE(test, device_iommu_mapped(dev));
	KUNIT_EXPECT_EQ(test, arm_dma_test_log_lines(test, dev, warning) - before,
			1);
}

static int arm_dma_test_init(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0, of_overlay_apply_kunit(test, dma_mapping_kunit));
	KUNIT_ASSERT_EQ(test, 0, arm_dma_test_iommu_register(test));
	return 0;
}

static int arm_dma_test_init_bench(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_bench));
	KUNIT_ASSERT_EQ(test, 0, arm_dma_test_iommu_register(test));
	return 0;
}

static int arm_dma_test_init_deferred(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0,
			of_overlay_apply_kunit(test, dma_mapping_kunit_deferred));
	KUNIT_ASSERT_EQ(test, 0, arm_dma_test_iommu_register(test));
	return 0;
}

static void arm_dma_test_attach_geometry_exit(struct kunit *test)
{
	arm_dma_test_iommu_attach_geometry = false;
}

/* The same, with domains that the test IOMMU finalises at first attach */
static int arm_dma_test_init_attach_geometry(struct kunit *test)
{
	arm_dma_test_iommu_attach_geometry = true;
	return arm_dma_test_init(test);
}

static struct kunit_case arm_dma_mapping_test_cases[] = {
	/* "iommus" picks IOMMU or direct ops, "dma-coherent" coherency */
	KUNIT_CASE_PARAM(arm_dma_test_ops_follow_iommus_and_coherency,
			 arm_dma_test_ops_gen_params),
	/* every page of a dma_map_single() buffer translates to it */
	KUNIT_CASE(arm_dma_test_map_single_translates_each_page),
	/* streaming DMA maps and unmaps under a spinlock and in an IRQ */
	KUNIT_CASE(arm_dma_test_map_in_atomic_context),
	/* a buffer starting pages past @page maps only its own pages */
	KUNIT_CASE(arm_dma_test_map_offset_beyond_first_page),
	/* each allocator's coherent buffer is mapped page by page */
	KUNIT_CASE_PARAM(arm_dma_test_alloc_maps_every_page,
			 arm_dma_test_alloc_gen_params),
	/* every DMA op maps what it should and unmaps it again */
	KUNIT_CASE_PARAM(arm_dma_test_every_op_maps_and_unmaps,
			 arm_dma_test_every_op_gen_params),
	/* masters of one instance share a mapping, unless isolated */
	KUNIT_CASE_PARAM(arm_dma_test_masters_share_instance_mapping,
			 arm_dma_test_policy_gen_params),
	/* masters behind one dma-ranges window share a mapping of it */
	KUNIT_CASE(arm_dma_test_dma_window_gets_own_mapping),
#ifdef CONFIG_ARCH_DMA_ADDR_T_64BIT
	/* a DMA window above 4 GiB gets direct DMA and a warning */
	KUNIT_CASE(arm_dma_test_window_above_4g_uses_direct),
#endif
#ifdef CONFIG_HIGHMEM
	/* a highmem page is mapped and synced like any other */
	KUNIT_CASE(arm_dma_test_highmem_page_translates),
#endif
	/* masters of an instance out of contexts get direct DMA */
	KUNIT_CASE_PARAM(arm_dma_test_context_limit_falls_back_direct,
			 arm_dma_test_policy_gen_params),
	/* masters map at once while co-masters unbind and rebind */
	KUNIT_CASE(arm_dma_test_concurrent_maps_while_rebinding),
	/* a master the shared domain refuses gets a private mapping */
	KUNIT_CASE(arm_dma_test_refused_attach_private_mapping),
	/* a master whose IOMMU refuses a domain gets direct DMA */
	KUNIT_CASE(arm_dma_test_refused_domain_uses_direct),
	/* the mapping goes with its last master, in any unbind order */
	KUNIT_CASE_PARAM(arm_dma_test_last_master_frees_mapping,
			 arm_dma_test_rebind_gen_params),
	/* no IOVA in a reserved or MSI region or outside the aperture */
	KUNIT_CASE(arm_dma_test_reserved_regions_never_mapped),
	/* a direct-mapped region is mapped one to one */
	KUNIT_CASE(arm_dma_test_direct_region_mapped_one_to_one),
	/* partly overlapping reserved regions still share a mapping */
	KUNIT_CASE(arm_dma_test_overlapping_regions_share_mapping),
	/* a refused master leaves nothing reserved in the shared one */
	KUNIT_CASE(arm_dma_test_refused_master_leaves_no_ranges),
	/* no IOVA past a window that ends half way through a bitmap */
	KUNIT_CASE(arm_dma_test_window_tail_never_handed_out),
	/* a driver's own mapping replaces the default one */
	KUNIT_CASE_PARAM(arm_dma_test_driver_replaces_default_mapping,
			 arm_dma_test_swap_gen_params),
	/* a composite device's second master joins the first's mapping */
	KUNIT_CASE(arm_dma_test_composite_device_reuses_mapping),
	/* dma_map_sg() merges within max segment size and boundary */
	KUNIT_CASE_PARAM(arm_dma_test_map_sg_keeps_segment_limits,
			 arm_dma_test_map_sg_gen_params),
	/* masters of one mapping get distinct IOVAs in one domain */
	KUNIT_CASE(arm_dma_test_shared_masters_map_apart),
	/* no IOVA above a master's DMA mask: an error instead */
	KUNIT_CASE(arm_dma_test_iovas_stay_below_dma_mask),
	/* IOVAs are handed out first-fit from the bottom */
	KUNIT_CASE(arm_dma_test_iovas_first_fit_from_bottom),
	/* a 28-bit master maps while a 32-bit one holds 512 MiB */
	KUNIT_CASE(arm_dma_test_narrow_master_keeps_low_iovas),
	/* a wider master takes IOVAs below a narrow limit last */
	KUNIT_CASE(arm_dma_test_wide_master_takes_low_iovas_last),
	/* a free across a narrow limit lowers the search above it */
	KUNIT_CASE(arm_dma_test_free_across_limit_lowers_search),
	/* a driver that manages the IOMMU gets no default mapping */
	KUNIT_CASE_PARAM(arm_dma_test_managing_driver_gets_no_mapping,
			 arm_dma_test_managed_gen_params),
	/* an instance that requires sharing gets one mapping, even isolated */
	KUNIT_CASE_PARAM(arm_dma_test_required_sharing_one_mapping,
			 arm_dma_test_policy_gen_params),
	/* an instance that forbids sharing gets a mapping per master */
	KUNIT_CASE_PARAM(arm_dma_test_forbidden_sharing_mapping_each,
			 arm_dma_test_policy_gen_params),
	/* on an instance that requires sharing, a managing driver gets none */
	KUNIT_CASE_PARAM(arm_dma_test_required_sharing_managing_driver,
			 arm_dma_test_managed_gen_params),
#ifdef CONFIG_ARM_AMBA
	/* AMBA masters get the default mapping, as platform ones do */
	KUNIT_CASE_PARAM(arm_dma_test_amba_master_gets_default_mapping,
			 arm_dma_test_amba_gen_params),
#endif
	/* an opted-out driver attaches a mapping of its own in probe */
	KUNIT_CASE(arm_dma_test_opted_out_driver_own_mapping),
	/* an opted-out driver attaches a paging domain of its own */
	KUNIT_CASE_PARAM(arm_dma_test_opted_out_driver_own_domain,
			 arm_dma_test_own_domain_gen_params),
	/* each failure on the way to a bound master leaves nothing */
	KUNIT_CASE_PARAM(arm_dma_test_attach_failures_leave_nothing,
			 arm_dma_test_fault_gen_params),
	/* each failure of an allocating DMA op leaves nothing */
	KUNIT_CASE(arm_dma_test_alloc_failures_leave_nothing),
	{}
};

/*
 * The same cases again for the suite that runs them on domains finalised
 * at their first attach: KUnit keeps each case's log in the case, so two
 * suites cannot share one array.
 */
static struct kunit_case arm_dma_mapping_attach_geometry_cases[] = {
	KUNIT_CASE_PARAM(arm_dma_test_ops_follow_iommus_and_coherency,
			 arm_dma_test_ops_gen_params),
	KUNIT_CASE(arm_dma_test_map_single_translates_each_page),
	KUNIT_CASE(arm_dma_test_map_in_atomic_context),
	KUNIT_CASE(arm_dma_test_map_offset_beyond_first_page),
	KUNIT_CASE_PARAM(arm_dma_test_alloc_maps_every_page,
			 arm_dma_test_alloc_gen_params),
	KUNIT_CASE_PARAM(arm_dma_test_every_op_maps_and_unmaps,
			 arm_dma_test_every_op_gen_params),
	KUNIT_CASE_PARAM(arm_dma_test_masters_share_instance_mapping,
			 arm_dma_test_policy_gen_params),
	KUNIT_CASE(arm_dma_test_dma_window_gets_own_mapping),
#ifdef CONFIG_ARCH_DMA_ADDR_T_64BIT
	KUNIT_CASE(arm_dma_test_window_above_4g_uses_direct),
#endif
#ifdef CONFIG_HIGHMEM
	KUNIT_CASE(arm_dma_test_highmem_page_translates),
#endif
	KUNIT_CASE_PARAM(arm_dma_test_context_limit_falls_back_direct,
			 arm_dma_test_policy_gen_params),
	KUNIT_CASE(arm_dma_test_concurrent_maps_while_rebinding),
	KUNIT_CASE(arm_dma_test_refused_attach_private_mapping),
	KUNIT_CASE(arm_dma_test_refused_domain_uses_direct),
	KUNIT_CASE_PARAM(arm_dma_test_last_master_frees_mapping,
			 arm_dma_test_rebind_gen_params),
	KUNIT_CASE(arm_dma_test_reserved_regions_never_mapped),
	KUNIT_CASE(arm_dma_test_direct_region_mapped_one_to_one),
	KUNIT_CASE(arm_dma_test_overlapping_regions_share_mapping),
	KUNIT_CASE(arm_dma_test_refused_master_leaves_no_ranges),
	KUNIT_CASE(arm_dma_test_window_tail_never_handed_out),
	KUNIT_CASE_PARAM(arm_dma_test_driver_replaces_default_mapping,
			 arm_dma_test_swap_gen_params),
	KUNIT_CASE(arm_dma_test_composite_device_reuses_mapping),
	KUNIT_CASE_PARAM(arm_dma_test_map_sg_keeps_segment_limits,
			 arm_dma_test_map_sg_gen_params),
	KUNIT_CASE(arm_dma_test_shared_masters_map_apart),
	KUNIT_CASE(arm_dma_test_iovas_stay_below_dma_mask),
	KUNIT_CASE(arm_dma_test_iovas_first_fit_from_bottom),
	KUNIT_CASE(arm_dma_test_narrow_master_keeps_low_iovas),
	KUNIT_CASE(arm_dma_test_wide_master_takes_low_iovas_last),
	KUNIT_CASE(arm_dma_test_free_across_limit_lowers_search),
	KUNIT_CASE_PARAM(arm_dma_test_managing_driver_gets_no_mapping,
			 arm_dma_test_managed_gen_params),
	KUNIT_CASE_PARAM(arm_dma_test_required_sharing_one_mapping,
			 arm_dma_test_policy_gen_params),
	KUNIT_CASE_PARAM(arm_dma_test_forbidden_sharing_mapping_each,
			 arm_dma_test_policy_gen_params),
	KUNIT_CASE_PARAM(arm_dma_test_required_sharing_managing_driver,
			 arm_dma_test_managed_gen_params),
#ifdef CONFIG_ARM_AMBA
	KUNIT_CASE_PARAM(arm_dma_test_amba_master_gets_default_mapping,
			 arm_dma_test_amba_gen_params),
#endif
	KUNIT_CASE(arm_dma_test_opted_out_driver_own_mapping),
	KUNIT_CASE_PARAM(arm_dma_test_opted_out_driver_own_domain,
			 arm_dma_test_own_domain_gen_params),
	KUNIT_CASE_PARAM(arm_dma_test_attach_failures_leave_nothing,
			 arm_dma_test_fault_gen_params),
	KUNIT_CASE(arm_dma_test_alloc_failures_leave_nothing),
	{}
};

/*
 * Deferred probe.  The last case waits for the deferred probe timeout,
 * after which no master waits for a missing IOMMU any more: the suite is
 * registered last, so that no other suite runs after it.
 */
static struct kunit_case arm_dma_mapping_deferred_cases[] = {
	/* masters of an IOMMU that registers late defer, then get it */
	KUNIT_CASE_PARAM(arm_dma_test_late_iommu_defers_masters,
			 arm_dma_test_policy_gen_params),
	/* a master's own deferrals leave its co-master's mapping */
	KUNIT_CASE_PARAM(arm_dma_test_defer_keeps_co_master_mapping,
			 arm_dma_test_policy_gen_params),
	/* a master of an IOMMU that never registers gets direct DMA */
	KUNIT_CASE_SLOW(arm_dma_test_absent_iommu_falls_back_direct),
	{}
};

static struct kunit_suite arm_dma_mapping_deferred_suite = {
	.name		= "arm_dma_mapping_deferred",
	.init		= arm_dma_test_init_deferred,
	.test_cases	= arm_dma_mapping_deferred_cases,
};

static struct kunit_suite arm_dma_mapping_test_suite = {
	.name		= "arm_dma_mapping",
	.init		= arm_dma_test_init,
	.test_cases	= arm_dma_mapping_test_cases,
};

/*
 * The cases of arm_dma_mapping again, on an IOMMU that sets a domain's
 * geometry and page table only when it is first attached.
 */
static struct kunit_suite arm_dma_mapping_attach_geometry_suite = {
	.name		= "arm_dma_mapping_attach_geometry",
	.init		= arm_dma_test_init_attach_geometry,
	.exit		= arm_dma_test_attach_geometry_exit,
	.test_cases	= arm_dma_mapping_attach_geometry_cases,
};

static struct kunit_case arm_dma_mapping_bench_cases[] = {
	/* ns per map+unmap with 0 to 256k pages live */
	KUNIT_CASE_PARAM_ATTR(arm_dma_test_bench, arm_dma_test_bench_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	/* map+unmap pairs per ms of 1, 2 and 4 masters */
	KUNIT_CASE_PARAM_ATTR(arm_dma_test_bench_masters,
			      arm_dma_test_policy_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	{}
};

static struct kunit_suite arm_dma_mapping_bench_suite = {
	.name		= "arm_dma_mapping_bench",
	.init		= arm_dma_test_init_bench,
	.test_cases	= arm_dma_mapping_bench_cases,
};

kunit_test_suites(&arm_dma_mapping_test_suite,
		  &arm_dma_mapping_attach_geometry_suite,
		  &arm_dma_mapping_bench_suite, &arm_dma_mapping_deferred_suite);

MODULE_DESCRIPTION("KUnit tests for the ARM DMA mapping layer");
MODULE_LICENSE("GPL");
