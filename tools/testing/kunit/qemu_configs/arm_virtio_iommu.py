# SPDX-License-Identifier: GPL-2.0
#
# 32-bit ARM on QEMU virt with a virtio-iommu and two "edu" PCI DMA
# engines behind it, for the tests of the IOMMU-backed DMA operations
# (CONFIG_ARM_DMA_MAPPING_VIRTIO_KUNIT_TEST).  highmem=off keeps the PCIe
# ECAM below 4 GiB, where a kernel without LPAE reaches it.

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
					      '-device', 'virtio-iommu-pci',
					      '-device', 'edu',
					      '-device', 'edu'])
