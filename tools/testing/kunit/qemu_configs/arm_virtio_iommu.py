# SPDX-License-Identifier: GPL-2.0
#
# 32-bit ARM on QEMU virt with a virtio-iommu and two "edu" PCI DMA
# engines behind it, for the tests of the IOMMU-backed DMA operations
# (CONFIG_ARM_DMA_MAPPING_VIRTIO_KUNIT_TEST).  highmem=off keeps the PCIe
# ECAM below 4 GiB, where a kernel without LPAE reaches it.  The IOMMU
# reports a reserved region above 4 GiB, beyond the IOVAs of such a
# kernel, which must not cost the endpoints their IOMMU.

from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm',
			   kconfig='''
CONFIG_ARCH_VIRT=y
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y
CONFIG_PCI=y
CONFIG_PCI_HOST_GENERIC=y
CONFIG_VIRTIO_MENU=y
CONFIG_VIRTIO_PCI=y
CONFIG_IOMMU_SUPPORT=y
CONFIG_VIRTIO_IOMMU=y''',
			   qemu_arch='arm',
			   kernel_path='arch/arm/boot/zImage',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt,highmem=off',
					      '-device', 'virtio-iommu-pci,'
					      'len-reserved-regions=1,'
					      'reserved-regions[0]=0x100000000:0x1ffffffff:0',
					      '-device', 'edu',
					      '-device', 'edu'])
