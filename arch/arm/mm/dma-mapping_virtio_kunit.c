// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the IOMMU-backed DMA operations of 32-bit ARM on a real,
 * emulated IOMMU: QEMU's virtio-iommu with two "edu" PCI devices behind it,
 * as tools/testing/kunit/qemu_configs/arm_virtio_iommu.py sets up.
 *
 * edu is QEMU's educational DMA engine: it copies between RAM and a 4 KiB
 * buffer of its own, and can address 28 bits only.  RAM on QEMU virt starts
 * at 1 GiB, so every byte that lands in memory here went through an IOMMU
 * translation.  The tests bind a PCI driver to the edu devices, let
 * arch_setup_dma_ops() give them their default mappings, then check the
 * domains they were attached to, what the virtio-iommu translates, and what
 * a DMA transfer leaves in memory.  Without edu devices the tests skip.
 */

#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include <asm/dma-iommu.h>

#include "dma.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8
#define EDU_MASTERS		2

/* BAR 0 registers: DMA source, destination, byte count and command */
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define  EDU_DMA_RUN		BIT(0)
#define  EDU_DMA_TO_RAM		BIT(1)

/* The device's own buffer, in its address space; edu aborts outside it */
#define EDU_BUF			0x40000
/* Bytes per transfer: within the buffer and across no page of ours */
#define EDU_XFER		SZ_2K
#define EDU_DMA_MASK		DMA_BIT_MASK(28)
/* A transfer completes on a 100 ms timer of the emulator */
#define EDU_DMA_TIMEOUT_US	(5 * USEC_PER_SEC)

/**
 * struct edu - an edu device bound to the test driver
 * @pdev: the PCI device, a DMA master behind the virtio-iommu
 * @regs: its BAR 0
 */
struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
};

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu *edu;
	int ret;

	edu = devm_kzalloc(&pdev->dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;

	edu->regs = pcim_iomap(pdev, 0, 0);
	if (!edu->regs)
		return -ENOMEM;

	/* Only an IOMMU makes RAM at 1 GiB reachable with this mask */
	ret = dma_set_mask_and_coherent(&pdev->dev, EDU_DMA_MASK);
	if (ret)
		return ret;

	pci_set_master(pdev);
	edu->pdev = pdev;
	pci_set_drvdata(pdev, edu);
	return 0;
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR_ID, EDU_DEVICE_ID) },
	{ }
};

static const struct pci_driver edu_driver_template = {
	.name = "arm-dma-edu-test",
	.id_table = edu_ids,
	.probe = edu_probe,
};

/* Copy @count bytes from @src to @dst, both in edu's address space */
static int edu_dma(struct edu *edu, dma_addr_t src, dma_addr_t dst,
		   u32 count, bool to_ram)
{
	u32 cmd;

	writel(src, edu->regs + EDU_DMA_SRC);
	writel(dst, edu->regs + EDU_DMA_DST);
	writel(count, edu->regs + EDU_DMA_COUNT);
	writel(EDU_DMA_RUN | (to_ram ? EDU_DMA_TO_RAM : 0),
	       edu->regs + EDU_DMA_CMD);
	return readl_poll_timeout(edu->regs + EDU_DMA_CMD, cmd,
				  !(cmd & EDU_DMA_RUN), USEC_PER_MSEC,
				  EDU_DMA_TIMEOUT_US);
}

static void edu_unregister(void *drv)
{
	pci_unregister_driver(drv);
}

static void edu_restore_policy(void *isolated)
{
	arm_iommu_isolated = isolated;
}

/*
 * Set the default mapping policy, bind the test driver to the edu devices
 * and return them in @edus.  The driver is unregistered, the devices are
 * unbound and the policy restored when the test ends.
 */
static void edu_bind(struct kunit *test, bool isolated,
		     struct edu *edus[EDU_MASTERS])
{
	struct pci_dev *pdev = NULL;
	struct pci_driver *drv;
	unsigned int n = 0;

	pdev = pci_get_device(EDU_VENDOR_ID, EDU_DEVICE_ID, NULL);
	if (!pdev)
		kunit_skip(test, "no edu device: run with the arm_virtio_iommu qemu_config");
	pci_dev_put(pdev);

	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, edu_restore_policy,
						  arm_iommu_isolated ?
						  (void *)1 : NULL));
	arm_iommu_isolated = isolated;

	drv = kunit_kmalloc(test, sizeof(*drv), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, drv);
	*drv = edu_driver_template;
	KUNIT_ASSERT_EQ(test, 0, pci_register_driver(drv));
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, edu_unregister, drv));

	pdev = NULL;
	while ((pdev = pci_get_device(EDU_VENDOR_ID, EDU_DEVICE_ID, pdev))) {
		bool ok = n < EDU_MASTERS && pdev->dev.driver == &drv->driver;

		if (!ok)
			pci_dev_put(pdev);
		KUNIT_ASSERT_TRUE_MSG(test, ok, "edu %u not bound, or more than %d",
				      n, EDU_MASTERS);
		edus[n++] = pci_get_drvdata(pdev);
	}
	KUNIT_ASSERT_EQ(test, n, EDU_MASTERS);
}

struct edu_policy_case {
	const char *name;
	bool isolated;
};

static const struct edu_policy_case edu_policy_cases[] = {
	{ "shared", false },
	{ "isolated", true },
};

KUNIT_ARRAY_PARAM_DESC(edu_policy, edu_policy_cases, name);

/*
 * Both edu masters sit behind one virtio-iommu: the shared policy attaches
 * them to one mapping and one paging domain, the isolated one gives each
 * its own.  The domain the IOMMU core has for each device's group is the
 * one of its mapping.
 */
static void arm_dma_virtio_domains(struct kunit *test)
{
	const struct edu_policy_case *c = test->param_value;
	struct dma_iommu_mapping *mapping[EDU_MASTERS];
	struct iommu_domain *domain;
	struct edu *edus[EDU_MASTERS];
	struct device *dev;
	unsigned int i;

	edu_bind(test, c->isolated, edus);

	for (i = 0; i < EDU_MASTERS; i++) {
		dev = &edus[i]->pdev->dev;
		KUNIT_EXPECT_PTR_EQ(test, get_dma_ops(dev), &arm_iommu_dma_ops);
		mapping[i] = to_dma_iommu_mapping(dev);
		KUNIT_ASSERT_NOT_NULL(test, mapping[i]);
		domain = iommu_get_domain_for_dev(dev);
		KUNIT_ASSERT_NOT_NULL(test, domain);
		KUNIT_EXPECT_PTR_EQ(test, domain, mapping[i]->domain);
		KUNIT_EXPECT_TRUE(test, domain->type & __IOMMU_DOMAIN_PAGING);
	}

	KUNIT_EXPECT_PTR_EQ(test, dev_iommu_fwspec_get(&edus[0]->pdev->dev)->iommu_fwnode,
			    dev_iommu_fwspec_get(&edus[1]->pdev->dev)->iommu_fwnode);
	if (c->isolated) {
		KUNIT_EXPECT_PTR_NE(test, mapping[0], mapping[1]);
		KUNIT_EXPECT_PTR_NE(test, mapping[0]->domain, mapping[1]->domain);
	} else {
		KUNIT_EXPECT_PTR_EQ(test, mapping[0], mapping[1]);
	}
}

/* A buffer of one page, its bytes @seed, @seed + 1, ... */
static u8 *edu_buffer(struct kunit *test, u8 seed)
{
	u8 *buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < PAGE_SIZE; i++)
		buf[i] = seed + i;
	return buf;
}

/* Map @buf for @edu, checking the IOVA against its mask and the IOMMU */
static dma_addr_t edu_map(struct kunit *test, struct edu *edu, void *buf,
			  enum dma_data_direction dir)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t iova;

	iova = dma_map_single(dev, buf, EDU_XFER, dir);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, iova));
	KUNIT_EXPECT_LE(test, iova + EDU_XFER - 1, EDU_DMA_MASK);
	KUNIT_EXPECT_EQ(test,
			iommu_iova_to_phys(iommu_get_domain_for_dev(dev), iova),
			virt_to_phys(buf));
	return iova;
}

/*
 * Copy a buffer into the device and back into a second one through each
 * edu master: the bytes land although the buffers are far above edu's
 * 28-bit reach.  Once unmapped, the IOVA no longer reaches the buffer.
 */
static void arm_dma_virtio_dma_lands(struct kunit *test)
{
	const struct edu_policy_case *c = test->param_value;
	struct edu *edus[EDU_MASTERS];
	dma_addr_t src_iova, dst_iova;
	struct device *dev;
	u8 *src, *dst;
	unsigned int i;

	edu_bind(test, c->isolated, edus);

	for (i = 0; i < EDU_MASTERS; i++) {
		dev = &edus[i]->pdev->dev;
		src = edu_buffer(test, 0x5a + i);
		dst = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, dst);
		KUNIT_ASSERT_GT(test, virt_to_phys(src), EDU_DMA_MASK);
		KUNIT_ASSERT_GT(test, virt_to_phys(dst), EDU_DMA_MASK);

		src_iova = edu_map(test, edus[i], src, DMA_TO_DEVICE);
		KUNIT_ASSERT_EQ(test, 0, edu_dma(edus[i], src_iova, EDU_BUF,
						 EDU_XFER, false));
		dma_unmap_single(dev, src_iova, EDU_XFER, DMA_TO_DEVICE);

		dst_iova = edu_map(test, edus[i], dst, DMA_FROM_DEVICE);
		KUNIT_ASSERT_EQ(test, 0, edu_dma(edus[i], EDU_BUF, dst_iova,
						 EDU_XFER, true));
		dma_unmap_single(dev, dst_iova, EDU_XFER, DMA_FROM_DEVICE);
		KUNIT_EXPECT_MEMEQ_MSG(test, dst, src, EDU_XFER,
				       "%s: DMA to %pad", dev_name(dev),
				       &dst_iova);

		/* Unmapped: a second transfer must not land */
		memset(dst, 0, EDU_XFER);
		KUNIT_EXPECT_EQ(test,
				iommu_iova_to_phys(iommu_get_domain_for_dev(dev),
						   dst_iova), 0);
		KUNIT_ASSERT_EQ(test, 0, edu_dma(edus[i], EDU_BUF, dst_iova,
						 EDU_XFER, true));
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(dst, 0, EDU_XFER),
				      "%s: DMA landed after unmap",
				      dev_name(dev));
	}
}

/*
 * A buffer mapped for edu A, written by edu B at A's IOVA: with a shared
 * mapping B reaches it, with isolated ones B's domain does not translate
 * that IOVA and nothing lands.
 */
static void arm_dma_virtio_cross_master(struct kunit *test)
{
	const struct edu_policy_case *c = test->param_value;
	struct iommu_domain *domain_b;
	struct edu *edus[EDU_MASTERS];
	dma_addr_t src_iova, dst_iova;
	struct edu *a, *b;
	u8 *src, *dst;

	edu_bind(test, c->isolated, edus);
	a = edus[0];
	b = edus[1];
	domain_b = iommu_get_domain_for_dev(&b->pdev->dev);

	/* Load edu B's buffer through B's own mapping */
	src = edu_buffer(test, 0xc3);
	src_iova = edu_map(test, b, src, DMA_TO_DEVICE);
	KUNIT_ASSERT_EQ(test, 0, edu_dma(b, src_iova, EDU_BUF, EDU_XFER, false));
	dma_unmap_single(&b->pdev->dev, src_iova, EDU_XFER, DMA_TO_DEVICE);

	dst = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dst);
	dst_iova = edu_map(test, a, dst, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain_b, dst_iova),
			c->isolated ? 0 : virt_to_phys(dst));

	KUNIT_ASSERT_EQ(test, 0, edu_dma(b, EDU_BUF, dst_iova, EDU_XFER, true));
	dma_unmap_single(&a->pdev->dev, dst_iova, EDU_XFER, DMA_FROM_DEVICE);

	if (c->isolated)
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(dst, 0, EDU_XFER),
				      "edu B reached edu A's buffer");
	else
		KUNIT_EXPECT_MEMEQ_MSG(test, dst, src, EDU_XFER,
				       "edu B did not reach edu A's buffer");
}

static struct kunit_case arm_dma_virtio_cases[] = {
	KUNIT_CASE_PARAM(arm_dma_virtio_domains, edu_policy_gen_params),
	KUNIT_CASE_PARAM(arm_dma_virtio_dma_lands, edu_policy_gen_params),
	KUNIT_CASE_PARAM(arm_dma_virtio_cross_master, edu_policy_gen_params),
	{ }
};

static struct kunit_suite arm_dma_virtio_suite = {
	.name = "arm_dma_mapping_virtio_iommu",
	.test_cases = arm_dma_virtio_cases,
};

kunit_test_suite(arm_dma_virtio_suite);

MODULE_DESCRIPTION("KUnit tests for the ARM DMA mapping layer on virtio-iommu");
MODULE_LICENSE("GPL");
