// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for arch_setup_dma_ops() and the IOMMU-backed DMA operations
 * of 32-bit ARM.
 *
 * A test IOMMU driver binds to the ARM_DMA_TEST_IOMMU nodes of a device
 * tree overlay and registers each of them as an IOMMU instance through the
 * IOMMU API.  Its paging domains keep every mapping in a table that the
 * tests read back with iommu_iova_to_phys(), and each instance counts the
 * domains it allocated and freed and the attaches it saw.  The masters are
 * platform devices of the same overlay: a test registers a driver for the
 * compatibles it wants, so the driver core runs the path every device tree
 * master takes at probe time: of_dma_configure() -> of_iommu_configure()
 * -> arch_setup_dma_ops() -> the driver's probe.
 */

#include <kunit/of.h>
#include <kunit/platform_device.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include <asm/dma-iommu.h>

#include "dma.h"
#include "dma-mapping_kunit.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* How long a test waits for a master to be bound */
#define ARM_DMA_TEST_PROBE_TIMEOUT	(5 * HZ)

/**
 * struct test_iommu - an IOMMU instance of the test IOMMU driver
 * @iommu: registered with the IOMMU core
 * @list: in test_iommus
 * @domains_allocated: paging domains allocated for masters behind it
 * @domains_freed: paging domains freed
 * @attaches: attaches of a paging domain to a master
 */
struct test_iommu {
	struct iommu_device iommu;
	struct list_head list;
	atomic_t domains_allocated;
	atomic_t domains_freed;
	atomic_t attaches;
};

/**
 * struct test_domain - a paging domain of the test IOMMU
 * @domain: the IOMMU core's view
 * @tiommu: the instance it was allocated for
 * @table: IOVA page frame -> physical page frame, one entry per page
 */
struct test_domain {
	struct iommu_domain domain;
	struct test_iommu *tiommu;
	struct xarray table;
};

static LIST_HEAD(test_iommus);
static DEFINE_MUTEX(test_iommus_lock);

static struct test_domain *to_test_domain(struct iommu_domain *domain)
{
	return container_of(domain, struct test_domain, domain);
}

static struct test_iommu *test_iommu_from_fwnode(struct fwnode_handle *fwnode)
{
	struct test_iommu *t, *found = NULL;

	mutex_lock(&test_iommus_lock);
	list_for_each_entry(t, &test_iommus, list) {
		if (t->iommu.fwnode == fwnode) {
			found = t;
			break;
		}
	}
	mutex_unlock(&test_iommus_lock);
	return found;
}

static struct test_iommu *test_iommu_of_master(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);

	return fwspec ? test_iommu_from_fwnode(fwspec->iommu_fwnode) : NULL;
}

static int test_domain_attach(struct iommu_domain *domain, struct device *dev)
{
	atomic_inc(&to_test_domain(domain)->tiommu->attaches);
	return 0;
}

static int test_domain_map(struct iommu_domain *domain, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	struct test_domain *td = to_test_domain(domain);
	unsigned long flags;
	int ret = 0;
	size_t i;

	/* Callers may hold spinlocks with interrupts off: never sleep here */
	xa_lock_irqsave(&td->table, flags);
	for (i = 0; i < pgcount; i++) {
		/* -EBUSY: the page is mapped already */
		ret = __xa_insert(&td->table, (iova >> PAGE_SHIFT) + i,
				  xa_mk_value(PHYS_PFN(paddr) + i), GFP_ATOMIC);
		if (ret)
			break;
		*mapped += PAGE_SIZE;
	}
	xa_unlock_irqrestore(&td->table, flags);
	return ret;
}

static size_t test_domain_unmap(struct iommu_domain *domain, unsigned long iova,
				size_t pgsize, size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	struct test_domain *td = to_test_domain(domain);
	unsigned long flags;
	size_t i;

	xa_lock_irqsave(&td->table, flags);
	for (i = 0; i < pgcount; i++)
		if (!__xa_erase(&td->table, (iova >> PAGE_SHIFT) + i))
			break;
	xa_unlock_irqrestore(&td->table, flags);
	return i * PAGE_SIZE;
}

static phys_addr_t test_domain_iova_to_phys(struct iommu_domain *domain,
					    dma_addr_t iova)
{
	void *entry = xa_load(&to_test_domain(domain)->table, iova >> PAGE_SHIFT);

	if (!entry)
		return 0;
	return PFN_PHYS(xa_to_value(entry)) | (iova & ~PAGE_MASK);
}

static void test_domain_free(struct iommu_domain *domain)
{
	struct test_domain *td = to_test_domain(domain);

	atomic_inc(&td->tiommu->domains_freed);
	xa_destroy(&td->table);
	kfree(td);
}

static const struct iommu_domain_ops test_domain_ops = {
	.attach_dev	= test_domain_attach,
	.map_pages	= test_domain_map,
	.unmap_pages	= test_domain_unmap,
	.iova_to_phys	= test_domain_iova_to_phys,
	.free		= test_domain_free,
};

static struct iommu_domain *test_domain_alloc_paging(struct device *dev)
{
	struct test_iommu *t = test_iommu_of_master(dev);
	struct test_domain *td;

	if (!t)
		return ERR_PTR(-ENODEV);
	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return ERR_PTR(-ENOMEM);
	td->tiommu = t;
	xa_init_flags(&td->table, XA_FLAGS_LOCK_IRQ);
	td->domain.ops = &test_domain_ops;
	td->domain.pgsize_bitmap = PAGE_SIZE;
	td->domain.geometry.aperture_start = 0;
	td->domain.geometry.aperture_end = U32_MAX;
	td->domain.geometry.force_aperture = true;
	atomic_inc(&t->domains_allocated);
	return &td->domain;
}

/*
 * The IOMMU core makes an identity domain the default of every ARM32 group;
 * arch_setup_dma_ops() then attaches its own paging domain.
 */
static int test_identity_attach(struct iommu_domain *domain, struct device *dev)
{
	return 0;
}

static const struct iommu_domain_ops test_identity_ops = {
	.attach_dev	= test_identity_attach,
};

static struct iommu_domain test_identity_domain = {
	.type	= IOMMU_DOMAIN_IDENTITY,
	.ops	= &test_identity_ops,
};

static struct iommu_device *test_iommu_probe_device(struct device *dev)
{
	struct test_iommu *t = test_iommu_of_master(dev);

	return t ? &t->iommu : ERR_PTR(-ENODEV);
}

static int test_iommu_of_xlate(struct device *dev,
			       const struct of_phandle_args *args)
{
	return iommu_fwspec_add_ids(dev, args->args, 1);
}

static const struct iommu_ops test_iommu_ops = {
	.identity_domain	= &test_identity_domain,
	.domain_alloc_paging	= test_domain_alloc_paging,
	.probe_device		= test_iommu_probe_device,
	.device_group		= generic_device_group,
	.of_xlate		= test_iommu_of_xlate,
	.pgsize_bitmap		= PAGE_SIZE,
	.owner			= THIS_MODULE,
	.default_domain_ops	= &test_domain_ops,
};

static int test_iommu_probe(struct platform_device *pdev)
{
	struct test_iommu *t;
	int ret;

	t = devm_kzalloc(&pdev->dev, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->iommu.fwnode = dev_fwnode(&pdev->dev);
	mutex_lock(&test_iommus_lock);
	list_add_tail(&t->list, &test_iommus);
	mutex_unlock(&test_iommus_lock);

	ret = iommu_device_sysfs_add(&t->iommu, &pdev->dev, NULL, "%s",
				     dev_name(&pdev->dev));
	if (ret)
		goto err_list;
	ret = iommu_device_register(&t->iommu, &test_iommu_ops, &pdev->dev);
	if (ret)
		goto err_sysfs;
	platform_set_drvdata(pdev, t);
	return 0;

err_sysfs:
	iommu_device_sysfs_remove(&t->iommu);
err_list:
	mutex_lock(&test_iommus_lock);
	list_del(&t->list);
	mutex_unlock(&test_iommus_lock);
	return ret;
}

static void test_iommu_remove(struct platform_device *pdev)
{
	struct test_iommu *t = platform_get_drvdata(pdev);

	iommu_device_unregister(&t->iommu);
	iommu_device_sysfs_remove(&t->iommu);
	mutex_lock(&test_iommus_lock);
	list_del(&t->list);
	mutex_unlock(&test_iommus_lock);
}

static const struct of_device_id test_iommu_of_match[] = {
	{ .compatible = ARM_DMA_TEST_IOMMU },
	{ }
};

static struct platform_driver test_iommu_driver = {
	.probe	= test_iommu_probe,
	.remove	= test_iommu_remove,
	.driver	= {
		.name		= "arm-dma-test-iommu",
		.of_match_table	= test_iommu_of_match,
	},
};

/* The test IOMMU instance of overlay node /@name */
static struct test_iommu *arm_dma_test_iommu(struct kunit *test,
					     const char *name)
{
	struct device_node *np;
	struct test_iommu *t;
	char path[64];

	snprintf(path, sizeof(path), "/%s", name);
	np = of_find_node_by_path(path);
	KUNIT_ASSERT_NOT_NULL(test, np);
	t = test_iommu_from_fwnode(of_fwnode_handle(np));
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL_MSG(test, t, "%s is not registered", name);
	return t;
}

/* The masters of the overlay, by compatible */
enum arm_dma_test_master_id {
	TEST_DIRECT,
	TEST_DIRECT_COHERENT,
	TEST_IOMMU_MASTER,
	TEST_IOMMU_COHERENT,
};

#define ARM_DMA_TEST_MATCH(compat)	{ { .compatible = compat }, { } }

static const struct of_device_id arm_dma_test_master_match[][2] = {
	[TEST_DIRECT]		= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_DIRECT),
	[TEST_DIRECT_COHERENT]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_DIRECT_COHERENT),
	[TEST_IOMMU_MASTER]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_IOMMU_MASTER),
	[TEST_IOMMU_COHERENT]	= ARM_DMA_TEST_MATCH(ARM_DMA_TEST_IOMMU_COHERENT),
};

/**
 * struct arm_dma_test_master - a master driver registered by a test
 * @drv: bound to the overlay nodes of one compatible
 * @probed: completed by each probe
 * @dev: the last master bound
 */
struct arm_dma_test_master {
	struct platform_driver drv;
	struct completion probed;
	struct device *dev;
};

static int arm_dma_test_master_probe(struct platform_device *pdev)
{
	struct arm_dma_test_master *m;

	m = container_of(to_platform_driver(pdev->dev.driver),
			 struct arm_dma_test_master, drv);
	m->dev = &pdev->dev;
	complete(&m->probed);
	return 0;
}

/*
 * Register a driver for the masters of compatible @id and return the master
 * it bound.  The driver is unregistered, and the masters unbound, when the
 * test ends.
 */
static struct device *arm_dma_test_bind(struct kunit *test,
					enum arm_dma_test_master_id id)
{
	const struct of_device_id *match = arm_dma_test_master_match[id];
	struct arm_dma_test_master *m;

	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	init_completion(&m->probed);
	m->drv.probe = arm_dma_test_master_probe;
	m->drv.driver.name = match->compatible;
	m->drv.driver.of_match_table = match;
	KUNIT_ASSERT_EQ(test, 0, kunit_platform_driver_register(test, &m->drv));
	KUNIT_ASSERT_NE_MSG(test, 0,
			    wait_for_completion_timeout(&m->probed,
							ARM_DMA_TEST_PROBE_TIMEOUT),
			    "no %s master bound", match->compatible);
	return m->dev;
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
static void arm_dma_test_ops(struct kunit *test)
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
static void arm_dma_test_map_single(struct kunit *test)
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
static void arm_dma_test_alloc(struct kunit *test)
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

static int arm_dma_test_init(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, 0, of_overlay_apply_kunit(test, dma_mapping_kunit));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_platform_driver_register(test, &test_iommu_driver));
	return 0;
}

static struct kunit_case arm_dma_mapping_test_cases[] = {
	KUNIT_CASE_PARAM(arm_dma_test_ops, arm_dma_test_ops_gen_params),
	KUNIT_CASE(arm_dma_test_map_single),
	KUNIT_CASE_PARAM(arm_dma_test_alloc, arm_dma_test_alloc_gen_params),
	{}
};

static struct kunit_suite arm_dma_mapping_test_suite = {
	.name		= "arm_dma_mapping",
	.init		= arm_dma_test_init,
	.test_cases	= arm_dma_mapping_test_cases,
};

kunit_test_suite(arm_dma_mapping_test_suite);

MODULE_DESCRIPTION("KUnit tests for the ARM DMA mapping layer");
MODULE_LICENSE("GPL");
