// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test IOMMU driver of the ARM DMA mapping KUnit tests.
 *
 * It binds to the ARM_DMA_TEST_IOMMU nodes of the tests' device tree
 * overlays and registers each of them as an IOMMU instance through the
 * IOMMU API.  Its paging domains keep every mapping in a table that the
 * tests read back with iommu_iova_to_phys(), and each instance counts the
 * domains it allocated and freed and the attaches it saw.  The properties
 * of a node (dma-mapping_kunit.h) make the instance behave as the real
 * IOMMU drivers a test stands for do.  A suite registers the driver with
 * arm_dma_test_iommu_register() in its init and finds an instance with
 * arm_dma_test_iommu().
 */

#include <kunit/platform_device.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/fault-inject.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "dma-mapping_kunit.h"
#include "dma-mapping_kunit_iommu.h"

static LIST_HEAD(test_iommus);
static DEFINE_MUTEX(test_iommus_lock);

/*
 * Finalise paging domains at their first attach, as virtio-iommu
 * (viommu_domain_finalise()) and arm-smmu do: until then a domain has no
 * geometry and refuses to map.  Otherwise a domain is complete when
 * allocated.  Set by the suites that run in that mode.
 */
bool arm_dma_test_iommu_attach_geometry;

/*
 * Fails the test IOMMU's domain allocations, attaches and maps when
 * should_fail() says so: the fault injection cases make the Nth call of a
 * task fail (current->fail_nth), or the Nth call on this fault_attr alone.
 */
DECLARE_FAULT_ATTR(arm_dma_test_iommu_fault);

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

/* Take @tm off its paging domain, if any; tiommu->lock held */
static void test_master_leave(struct test_iommu *t, struct test_master *tm)
{
	if (tm->domain && !--tm->domain->masters)
		t->contexts--;
	tm->domain = NULL;
}

static int test_domain_attach(struct iommu_domain *domain, struct device *dev)
{
	struct test_domain *td = to_test_domain(domain);
	struct test_master *tm = dev_iommu_priv_get(dev);
	struct test_iommu *t = td->tiommu;
	int ret = 0;

	/* A failed attach request: virtio-iommu's viommu_send_req_sync() */
	if (READ_ONCE(tm->domain) != td &&
	    should_fail(&arm_dma_test_iommu_fault, 1)) {
		atomic_inc(&t->attaches_refused);
		return -EIO;
	}

	spin_lock(&t->lock);
	if (!td->finalised) {
		td->domain.geometry.aperture_start = t->aperture[0];
		td->domain.geometry.aperture_end = t->aperture[1];
		td->domain.geometry.force_aperture = true;
		WRITE_ONCE(td->finalised, true);
	}
	if (tm->domain == td)
		goto unlock;
	if (t->domain_masters && td->masters >= t->domain_masters) {
		ret = -EBUSY;
	} else if (t->max_contexts && !td->masters &&
		   t->contexts >= t->max_contexts) {
		ret = -ENOSPC;
	} else {
		test_master_leave(t, tm);
		if (!td->masters++)
			t->contexts++;
		tm->domain = td;
	}
unlock:
	spin_unlock(&t->lock);
	atomic_inc(ret ? &t->attaches_refused : &t->attaches);
	return ret;
}

static int test_domain_map(struct iommu_domain *domain, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	struct test_domain *td = to_test_domain(domain);
	unsigned long flags;
	int ret = 0;
	size_t i;

	/* virtio-iommu: -EINVAL from viommu_map_pages() before finalising */
	if (!READ_ONCE(td->finalised))
		return -EINVAL;
	/* A page table the driver could not allocate */
	if (should_fail(&arm_dma_test_iommu_fault, pgcount * PAGE_SIZE))
		return -ENOMEM;

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
	if (t->no_domains) {
		atomic_inc(&t->domains_refused);
		return ERR_PTR(-ENOSPC);
	}
	/* No context left */
	if (should_fail(&arm_dma_test_iommu_fault, 1)) {
		atomic_inc(&t->domains_refused);
		return ERR_PTR(-ENOSPC);
	}
	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return ERR_PTR(-ENOMEM);
	td->tiommu = t;
	xa_init_flags(&td->table, XA_FLAGS_LOCK_IRQ);
	td->domain.ops = &test_domain_ops;
	td->domain.pgsize_bitmap = PAGE_SIZE;
	if (!arm_dma_test_iommu_attach_geometry) {
		td->domain.geometry.aperture_start = t->aperture[0];
		td->domain.geometry.aperture_end = t->aperture[1];
		td->domain.geometry.force_aperture = true;
		td->finalised = true;
	}
	atomic_inc(&t->domains_allocated);
	return &td->domain;
}

/*
 * The IOMMU core makes an identity domain the default of every ARM32 group;
 * arch_setup_dma_ops() then attaches its own paging domain.
 */
/* @dev leaves its paging domain, if any, for the identity domain */
static int test_identity_attach(struct iommu_domain *domain, struct device *dev)
{
	struct test_master *tm = dev_iommu_priv_get(dev);
	struct test_iommu *t = test_iommu_of_master(dev);

	spin_lock(&t->lock);
	test_master_leave(t, tm);
	spin_unlock(&t->lock);
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
	struct test_master *tm;

	if (!t)
		return ERR_PTR(-ENODEV);
	tm = kzalloc(sizeof(*tm), GFP_KERNEL);
	if (!tm)
		return ERR_PTR(-ENOMEM);
	dev_iommu_priv_set(dev, tm);
	return &t->iommu;
}

static void test_iommu_release_device(struct device *dev)
{
	struct test_master *tm = dev_iommu_priv_get(dev);

	test_identity_attach(NULL, dev);
	kfree(tm);
}

static void test_iommu_add_region(struct device *dev, struct list_head *head,
				  const u32 *region, int prot,
				  enum iommu_resv_type type)
{
	struct iommu_resv_region *r;

	if (!region[1])
		return;
	/*
	 * Real drivers (virtio-iommu, arm-smmu) drop a region they cannot
	 * allocate: get_resv_regions() has no way to report it.  Never fail
	 * here, so that the fault injection cases test what the ARM code
	 * does with the regions it is told about.
	 */
	r = iommu_alloc_resv_region(region[0], region[1], prot, type,
				    GFP_KERNEL | __GFP_NOFAIL);
	if (r)
		list_add_tail(&r->list, head);
}

static void test_iommu_get_resv_regions(struct device *dev,
					struct list_head *head)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct test_iommu *t = test_iommu_of_master(dev);
	int i;

	test_iommu_add_region(dev, head, t->reserved, 0, IOMMU_RESV_RESERVED);
	test_iommu_add_region(dev, head, t->msi, IOMMU_WRITE | IOMMU_MMIO,
			      IOMMU_RESV_MSI);
	test_iommu_add_region(dev, head, t->direct, IOMMU_READ | IOMMU_WRITE,
			      IOMMU_RESV_DIRECT);
	for (i = 0; fwspec && i < t->nr_master_regions; i++) {
		const u32 *r = t->master_regions[i];

		if (r[0] != fwspec->ids[0])
			continue;
		if (r[1])
			test_iommu_add_region(dev, head, &r[2],
					      IOMMU_READ | IOMMU_WRITE,
					      IOMMU_RESV_DIRECT);
		else
			test_iommu_add_region(dev, head, &r[2], 0,
					      IOMMU_RESV_RESERVED);
	}
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
	.release_device		= test_iommu_release_device,
	.get_resv_regions	= test_iommu_get_resv_regions,
	.device_group		= generic_device_group,
	.of_xlate		= test_iommu_of_xlate,
	.pgsize_bitmap		= PAGE_SIZE,
	.owner			= THIS_MODULE,
	.default_domain_ops	= &test_domain_ops,
};

static int test_iommu_probe(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	const char *sharing;
	struct test_iommu *t;
	int ret;

	t = devm_kzalloc(&pdev->dev, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->iommu.fwnode = dev_fwnode(&pdev->dev);
	spin_lock_init(&t->lock);
	t->aperture[1] = U32_MAX;
	of_property_read_u32_array(np, "linux,aperture", t->aperture, 2);
	of_property_read_u32(np, "linux,contexts", &t->max_contexts);
	of_property_read_u32(np, "linux,domain-masters", &t->domain_masters);
	t->no_domains = of_property_read_bool(np, "linux,no-domains");
	if (!of_property_read_string(np, "linux,dma-sharing", &sharing)) {
		if (!strcmp(sharing, "required"))
			t->iommu.dma_sharing = IOMMU_DMA_SHARING_REQUIRED;
		else if (!strcmp(sharing, "forbidden"))
			t->iommu.dma_sharing = IOMMU_DMA_SHARING_FORBIDDEN;
	}
	of_property_read_u32_array(np, "linux,reserved", t->reserved, 2);
	of_property_read_u32_array(np, "linux,msi", t->msi, 2);
	of_property_read_u32_array(np, "linux,direct", t->direct, 2);
	ret = of_property_count_u32_elems(np, "linux,master-regions");
	if (ret > 0) {
		t->nr_master_regions = min(ret / 4, ARM_DMA_TEST_MAX_REGIONS);
		of_property_read_u32_array(np, "linux,master-regions",
					   &t->master_regions[0][0],
					   t->nr_master_regions * 4);
	}
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

static const struct of_device_id test_iommu_late_of_match[] = {
	{ .compatible = ARM_DMA_TEST_LATE_IOMMU },
	{ }
};

/* The same driver, for the instance a test registers after its master */
static struct platform_driver test_iommu_late_driver = {
	.probe	= test_iommu_probe,
	.remove	= test_iommu_remove,
	.driver	= {
		.name		= "arm-dma-test-late-iommu",
		.of_match_table	= test_iommu_late_of_match,
	},
};

/* The test IOMMU instance of fixture node /@name */
struct test_iommu *arm_dma_test_iommu(struct kunit *test,
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

/**
 * arm_dma_test_iommu_register() - register the test IOMMU driver
 * @test: the test; KUnit unregisters the driver when the test ends
 *
 * The driver binds to the ARM_DMA_TEST_IOMMU nodes of the fixtures applied
 * before and after, until the test ends.
 *
 * Return: 0, or the errno of platform_driver_register().
 */
int arm_dma_test_iommu_register(struct kunit *test)
{
	return kunit_platform_driver_register(test, &test_iommu_driver);
}

/**
 * arm_dma_test_iommu_register_late() - register the late test IOMMU driver
 * @test: the test; KUnit unregisters the driver when the test ends
 *
 * The same driver, for the ARM_DMA_TEST_LATE_IOMMU nodes, which a test
 * registers after their masters.
 *
 * Return: 0, or the errno of platform_driver_register().
 */
int arm_dma_test_iommu_register_late(struct kunit *test)
{
	return kunit_platform_driver_register(test, &test_iommu_late_driver);
}
