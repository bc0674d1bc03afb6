// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the end-to-end guest.  Mounts the pseudo file systems, reports
 * every PCI endpoint with its IOMMU group, writes a pattern with O_DIRECT to
 * every block device and reads it back, prints the files named on the
 * command line (e2e.cat=PATH,PATH...), then powers the machine off.
 *
 * Every report line starts with "E2E " so the harness can pick it out of
 * the console log.  Options on the kernel command line:
 *   e2e.bytes=N     bytes written to each block device (default 1 MiB)
 *   e2e.disks=N     wait up to 20 s for N disks before the first block I/O
 *   e2e.kmemleak=S  at the end, wait S seconds, have kmemleak scan and print
 *                   its report
 *   e2e.cat=P,P     files to print (debugfs files, /proc/interrupts, ...)
 *   e2e.bench=B:D,B:D  bind each device D of bus B (platform, pci) to the
 *                   dma_map_benchmark driver and run /bin/dma_map_benchmark
 *                   on it with 1 and 2 threads (e2e.bench_seconds=S each)
 *   e2e.insmod=P    first list the deferred probes, load module P and wait
 *                   until no probe is deferred any more; at the end, try to
 *                   unload it again (e2e.rmmod=NAME)
 *   e2e.replug=BDF  after the block I/O, remove PCI function BDF, rescan the
 *                   bus, wait for it to bind again and redo its block I/O
 *   e2e.kunit=P     after e2e.insmod, load module P, whose KUnit suites run
 *                   as it loads (their results go to the kernel log)
 *   e2e.vfio=BDF    bind PCI function BDF (an edu device) to vfio-pci, take
 *                   it over through a VFIO type1 container as a VM monitor
 *                   does and have it copy a page through the container's
 *                   IOVAs and back (before the PCI report)
 *   e2e.unbind=DRV  at the end, unbind the device of virtio driver DRV (the
 *                   IOMMU, virtio_iommu) while its endpoints are bound, list
 *                   what is left bound, bind it again, probe every PCI
 *                   function and redo the block I/O
 * Around each of the last two, the files of e2e.cat are printed as
 * "E2E phase NAME" sections.  Last, on a kernel with DMA API debugging,
 * it prints the number of errors that found and whether it turned itself
 * off ("E2E dma-api").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/vfio.h>

static char cmdline[4096];
static int failures;
/* Prefix of the block I/O report lines, "blk" or "blk-PHASE" */
static char blk_tag[32] = "blk";

/*
 * Sleep @ms milliseconds.  poll() takes its timeout in milliseconds; the
 * nanosleep() family needs 32-bit time_t system calls in glibc's static
 * fallbacks, which the project's kernels leave out (COMPAT_32BIT_TIME).
 */
static void msleep(int ms)
{
	poll(NULL, 0, ms);
}

static const char *opt(const char *name)
{
	size_t n = strlen(name);
	char *p = cmdline;

	while ((p = strstr(p, name))) {
		if ((p == cmdline || p[-1] == ' ') && p[n] == '=')
			return p + n + 1;
		p += n;
	}
	return NULL;
}

/* Copy the value of option @name into @buf; NULL if it is not given */
static const char *opt_str(const char *name, char *buf, size_t len)
{
	const char *v = opt(name);

	if (!v)
		return NULL;
	snprintf(buf, len, "%.*s", (int)strcspn(v, " "), v);
	return buf;
}

static int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* basename of the target of a symlink, or "-" */
static const char *link_name(const char *path, char *buf, size_t len)
{
	ssize_t n = readlink(path, buf, len - 1);
	char *slash;

	if (n < 0)
		return "-";
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	return slash ? slash + 1 : buf;
}

static void report_pci(void)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;

	if (!d) {
		printf("E2E pci none\n");
		return;
	}
	while ((e = readdir(d))) {
		char p[512], vendor[16], device[16], cls[16], type[32];
		char l1[256], l2[256], l3[256];
		const char *group, *drv, *iommu;

		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/vendor", e->d_name);
		read_file(p, vendor, sizeof(vendor));
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/device", e->d_name);
		read_file(p, device, sizeof(device));
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/class", e->d_name);
		read_file(p, cls, sizeof(cls));
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", e->d_name);
		drv = link_name(p, l1, sizeof(l1));
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/iommu_group", e->d_name);
		group = link_name(p, l2, sizeof(l2));
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/iommu", e->d_name);
		iommu = link_name(p, l3, sizeof(l3));
		type[0] = '\0';
		if (strcmp(group, "-")) {
			snprintf(p, sizeof(p), "/sys/kernel/iommu_groups/%s/type", group);
			read_file(p, type, sizeof(type));
		}
		printf("E2E pci %s id=%s:%s class=%s driver=%s iommu=%s group=%s group_type=%s\n",
		       e->d_name, vendor + 2, device + 2, cls, drv, iommu, group,
		       type[0] ? type : "-");
	}
	closedir(d);
}

static uint32_t crc32(const unsigned char *b, size_t len)
{
	uint32_t crc = ~0U;

	while (len--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return ~crc;
}

/* Where a block device hangs: the PCI function or platform device. */
static void blk_parent(const char *name, char *out, size_t len)
{
	char p[300], target[512];
	ssize_t n;
	char *s;

	snprintf(p, sizeof(p), "/sys/block/%s", name);
	n = readlink(p, target, sizeof(target) - 1);
	snprintf(out, len, "-");
	if (n < 0)
		return;
	target[n] = '\0';
	/* ../devices/platform/.../0000:00:02.0/nvme/nvme0/nvme0n1 */
	for (s = strtok(target, "/"); s; s = strtok(NULL, "/")) {
		unsigned int a, b, c, f;

		if (sscanf(s, "%x:%x:%x.%x", &a, &b, &c, &f) == 4 ||
		    strstr(s, ".virtio_mmio") || strstr(s, "virtio-mmio"))
			snprintf(out, len, "%s", s);
	}
}

/* Transfer @len bytes at @off in one call, or in @chunk-byte calls. */
static int xfer(int fd, int write, unsigned char *buf, size_t len, off_t off,
		size_t chunk, unsigned int *ios)
{
	for (size_t done = 0; done < len; done += chunk) {
		size_t n = len - done < chunk ? len - done : chunk;
		ssize_t r = write ? pwrite(fd, buf + done, n, off + done) :
				    pread(fd, buf + done, n, off + done);

		if (r != (ssize_t)n)
			return -1;
		(*ios)++;
	}
	return 0;
}

static void fill(unsigned char *buf, size_t len, uint32_t x)
{
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = x;
	}
}

/*
 * Two passes over the same 1 MiB (by default) of the device, each with
 * fresh data: one large write read back in 4 KiB reads, then 4 KiB writes
 * read back in one large read.  The small transfers make each queue wrap
 * (NVMe and virtio rings span several pages), the large ones map long
 * scatterlists.
 */
static void check_block(const char *name, size_t bytes, unsigned int seed)
{
	char path[300], parent[128];
	unsigned char *wbuf, *rbuf;
	uint32_t cw = 0, cr = 0;
	unsigned int ios = 0;
	off_t off = 1 << 20;
	const char *err = NULL;
	int fd, equal = 1;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	blk_parent(name, parent, sizeof(parent));
	snprintf(path, sizeof(path), "/dev/%s", name);
	if (posix_memalign((void **)&wbuf, 4096, bytes) ||
	    posix_memalign((void **)&rbuf, 4096, bytes)) {
		printf("E2E %s %s parent=%s result=FAIL reason=nomem\n", blk_tag, name, parent);
		failures++;
		return;
	}
	fd = open(path, O_RDWR | O_DIRECT | O_SYNC);
	if (fd < 0) {
		printf("E2E %s %s parent=%s result=FAIL reason=open:%s\n",
		       blk_tag, name, parent, strerror(errno));
		failures++;
		goto out;
	}
	for (int pass = 0; pass < 2 && !err; pass++) {
		fill(wbuf, bytes, (seed * 2 + pass) * 2654435761U + 1);
		memset(rbuf, 0, bytes);
		if (xfer(fd, 1, wbuf, bytes, off, pass ? 4096 : bytes, &ios))
			err = "write";
		else if (xfer(fd, 0, rbuf, bytes, off, pass ? bytes : 4096, &ios))
			err = "read";
		else if (memcmp(wbuf, rbuf, bytes))
			equal = 0;
		cw = crc32(wbuf, bytes);
		cr = crc32(rbuf, bytes);
	}
	if (err) {
		printf("E2E %s %s parent=%s result=FAIL reason=%s:%s\n",
		       blk_tag, name, parent, err, strerror(errno));
		failures++;
	} else {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("E2E %s %s parent=%s bytes=%zu ios=%u ms=%ld written_crc32=%08x read_crc32=%08x result=%s\n",
		       blk_tag, name, parent, bytes, ios,
		       (long)((t1.tv_sec - t0.tv_sec) * 1000 +
			      (t1.tv_nsec - t0.tv_nsec) / 1000000),
		       cw, cr, equal ? "PASS" : "FAIL");
		if (!equal)
			failures++;
	}
	close(fd);
out:
	free(wbuf);
	free(rbuf);
}

/* Block I/O on every disk, or only on those of PCI function @only */
static void report_block(size_t bytes, const char *only)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	unsigned int seed = 1;
	char parent[128];
	int count = 0;

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "nvme", 4) && strncmp(e->d_name, "vd", 2))
			continue;
		blk_parent(e->d_name, parent, sizeof(parent));
		if (only && strcmp(parent, only))
			continue;
		check_block(e->d_name, bytes, seed++);
		count++;
	}
	if (d)
		closedir(d);
	printf("E2E %scount %d\n", blk_tag, count);
}

static int write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, val, strlen(val));
		close(fd);
	}
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

static void cat_files(const char *list)
{
	char buf[4096], *copy, *path, *save = NULL;
	ssize_t n;

	copy = strdup(list);
	for (path = strtok_r(copy, ", ", &save); path; path = strtok_r(NULL, ", ", &save)) {
		int fd = open(path, O_RDONLY);

		printf("E2E cat-begin %s\n", path);
		if (fd < 0) {
			printf("E2E cat-error %s %s\n", path, strerror(errno));
		} else {
			while ((n = read(fd, buf, sizeof(buf))) > 0)
				fwrite(buf, 1, n, stdout);
			close(fd);
		}
		printf("E2E cat-end %s\n", path);
	}
	free(copy);
}

/*
 * Let kmemleak's minimum object age (5 s) pass after whatever ran before,
 * then scan twice: a block is reported once no scan found a reference to
 * it.  Print what it found.
 */
static void kmemleak_scan(unsigned int wait)
{
	const char *path = "/sys/kernel/debug/kmemleak";
	int i;

	msleep(wait * 1000);
	for (i = 0; i < 2; i++) {
		if (write_str(path, "scan")) {
			printf("E2E kmemleak-error %s\n", strerror(errno));
			failures++;
		}
	}
	cat_files(path);
}

/*
 * DMA API debugging prints a WARNING for its first error only and turns
 * itself off when it runs out of memory: have it say how many errors it
 * found in all and whether it was still on.  Nothing on a kernel without
 * CONFIG_DMA_API_DEBUG; the harness requires the line from its debug
 * kernel.
 */
static void dma_api_report(void)
{
	char errors[32], disabled[8];

	if (read_file("/sys/kernel/debug/dma-api/error_count", errors,
		      sizeof(errors)))
		return;
	if (read_file("/sys/kernel/debug/dma-api/disabled", disabled,
		      sizeof(disabled)))
		snprintf(disabled, sizeof(disabled), "?");
	printf("E2E dma-api errors=%s disabled=%s\n", errors, disabled);
	if (strcmp(errors, "0") || strcmp(disabled, "N"))
		failures++;
}

/* Run dma_map_benchmark on one device, bound to its driver meanwhile */
static void bench_device(const char *bus, const char *dev, const char *secs)
{
	static const char *const threads[] = { "1", "2" };
	char path[256];
	unsigned int i;

	snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/driver_override",
		 bus, dev);
	if (write_str(path, "dma_map_benchmark")) {
		printf("E2E bench-error %s:%s driver_override: %s\n", bus, dev,
		       strerror(errno));
		failures++;
		return;
	}
	snprintf(path, sizeof(path), "/sys/bus/%s/drivers/dma_map_benchmark/bind",
		 bus);
	if (write_str(path, dev)) {
		printf("E2E bench-error %s:%s bind: %s\n", bus, dev,
		       strerror(errno));
		failures++;
		return;
	}
	/* The mapping the device got, if any, for the report */
	printf("E2E bench-device %s:%s\n", bus, dev);
	cat_files("/sys/kernel/debug/arm_iommu_mappings");
	for (i = 0; i < sizeof(threads) / sizeof(threads[0]); i++) {
		int status = -1;
		pid_t pid;

		printf("E2E bench-begin %s:%s threads=%s\n", bus, dev, threads[i]);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			execl("/bin/dma_map_benchmark", "dma_map_benchmark",
			      "-t", threads[i], "-s", secs, "-g", "1", NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0 ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("E2E bench-error %s:%s threads=%s status %d\n",
			       bus, dev, threads[i], status);
			failures++;
		}
		printf("E2E bench-end\n");
	}
	snprintf(path, sizeof(path),
		 "/sys/bus/%s/drivers/dma_map_benchmark/unbind", bus);
	write_str(path, dev);
}

static void bench(const char *list, const char *secs)
{
	char *copy, *item, *save = NULL;

	copy = strdup(list);
	for (item = strtok_r(copy, ", ", &save); item;
	     item = strtok_r(NULL, ", ", &save)) {
		char *dev = strchr(item, ':');

		if (!dev)
			continue;
		*dev++ = '\0';
		bench_device(item, dev, secs);
	}
	free(copy);
}

#define DEFERRED "/sys/kernel/debug/devices_deferred"

#define MAX_DEFERRED 16
static char deferred[MAX_DEFERRED][64];
static int nr_deferred;

/*
 * Count the deferred probes; with @when, print each (device, reason) as
 * "E2E deferred WHEN ..." and remember the devices.
 */
static int report_deferred(const char *when)
{
	char buf[8192], *line, *save;
	int n = 0;

	if (read_file(DEFERRED, buf, sizeof(buf)))
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (when) {
			printf("E2E deferred %s %s\n", when, line);
			if (nr_deferred < MAX_DEFERRED)
				snprintf(deferred[nr_deferred++], sizeof(deferred[0]),
					 "%.*s", (int)strcspn(line, "\t "), line);
		}
		n++;
	}
	return n;
}

/* Devices deferred before the module was loaded that have no driver yet */
static int unbound_deferred(void)
{
	static const char *const buses[] = { "pci", "platform", "amba" };
	const int nr_buses = sizeof(buses) / sizeof(buses[0]);
	int i, b, n = 0;

	for (i = 0; i < nr_deferred; i++) {
		for (b = 0; b < nr_buses; b++) {
			char p[256];

			snprintf(p, sizeof(p), "/sys/bus/%s/devices/%.63s/driver",
				 buses[b], deferred[i]);
			if (!access(p, F_OK))
				break;
		}
		n += b == nr_buses;
	}
	return n;
}

static int count_dir(const char *path)
{
	DIR *d = opendir(path);
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Load the module at @path, as a system would from its initramfs after
 * boot, then wait for the probes it unblocks: they run from the deferred
 * probe work, and asynchronous probes after that.
 */
static void insmod(const char *path)
{
	int fd, blocks, stable, n;
	struct timespec t0;
	long bound;

	nr_deferred = 0;
	printf("E2E insmod before: %d deferred\n", report_deferred("before"));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		printf("E2E insmod %s failed: %s\n", path, strerror(errno));
		failures++;
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Deferred and then asynchronous probes (nvme) bind the devices */
	while (ms_since(&t0) < 20000) {
		if (report_deferred(NULL) <= 0 && !unbound_deferred())
			break;
		msleep(50);
	}
	bound = ms_since(&t0);
	/* Their block devices appear after probe: wait until none is added */
	for (blocks = count_dir("/sys/block"), stable = 0;
	     stable < 10 && ms_since(&t0) < 20000; ) {
		msleep(100);
		n = count_dir("/sys/block");
		stable = n == blocks ? stable + 1 : 0;
		blocks = n;
	}
	printf("E2E insmod %s loaded: %d deferred, %d of %d unbound after %ld ms\n",
	       path, report_deferred("after"), unbound_deferred(), nr_deferred,
	       bound);
}

/* Load the KUnit test module at @path: its suites run in its init */
static void load_kunit(const char *path)
{
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		printf("E2E kunit %s failed: %s\n", path, strerror(errno));
		failures++;
	} else {
		printf("E2E kunit %s loaded\n", path);
	}
	if (fd >= 0)
		close(fd);
}

/* Try to unload module @name; the report says whether it was refused */
static void rmmod(const char *name)
{
	if (syscall(SYS_delete_module, name, O_NONBLOCK))
		printf("E2E rmmod %s refused: %s\n", name, strerror(errno));
	else
		printf("E2E rmmod %s unloaded\n", name);
}

/* Number of block devices on PCI function @bdf, or on any if NULL */
static int count_blocks(const char *bdf)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	char parent[128];
	int n = 0;

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, "nvme", 4) && strncmp(e->d_name, "vd", 2))
			continue;
		blk_parent(e->d_name, parent, sizeof(parent));
		n += !bdf || !strcmp(parent, bdf);
	}
	if (d)
		closedir(d);
	return n;
}

/*
 * Wait up to 20 s for @n disks: nvme adds its namespaces from a work item
 * after its probe returned, so on two CPUs they may come a while after
 * every endpoint is bound.
 */
static void wait_disks(int n)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < 20000 && count_blocks(NULL) < n)
		msleep(50);
}

/* Wait up to 20 s until PCI function @bdf has a driver and a disk */
static long wait_bound(const char *bdf)
{
	struct timespec t0;
	char p[512];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", bdf);
	while (ms_since(&t0) < 20000) {
		if (!access(p, F_OK) && count_blocks(bdf) > 0)
			return ms_since(&t0);
		msleep(50);
	}
	return -1;
}

/* QEMU's edu device (docs/specs/edu.rst): its DMA engine and buffer */
#define EDU_ID		0x00
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_RUN	0x1
#define EDU_CMD_TO_RAM	0x2
#define EDU_BUFFER	0x40000
/* Bytes per copy: QEMU 7.2's edu aborts on a copy that fills its buffer */
#define EDU_XFER	2048
/* IOVA of the VFIO mapping: below edu's 28-bit DMA mask */
#define VFIO_TEST_IOVA	0x100000

static int region_off(int dev, unsigned int index, uint64_t *off)
{
	struct vfio_region_info ri = { .argsz = sizeof(ri), .index = index };

	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri))
		return -1;
	*off = ri.offset;
	return 0;
}

static int edu_write(int dev, uint64_t bar, uint32_t reg, uint32_t val)
{
	return pwrite64(dev, &val, 4, bar + reg) == 4 ? 0 : -1;
}

static int edu_read(int dev, uint64_t bar, uint32_t reg, uint32_t *val)
{
	return pread64(dev, val, 4, bar + reg) == 4 ? 0 : -1;
}

/* Have edu copy @len bytes from @src to @dst, wait up to 5 s for the end */
static int edu_dma(int dev, uint64_t bar, uint32_t src, uint32_t dst,
		   uint32_t len, uint32_t cmd)
{
	struct timespec t0;
	uint32_t v = EDU_CMD_RUN;

	if (edu_write(dev, bar, EDU_DMA_SRC, src) ||
	    edu_write(dev, bar, EDU_DMA_DST, dst) ||
	    edu_write(dev, bar, EDU_DMA_COUNT, len) ||
	    edu_write(dev, bar, EDU_DMA_CMD, cmd | EDU_CMD_RUN))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < 5000) {
		if (edu_read(dev, bar, EDU_DMA_CMD, &v))
			return -1;
		if (!(v & EDU_CMD_RUN))
			return 0;
		msleep(10);
	}
	errno = ETIMEDOUT;
	return -1;
}

#define VFIO_FAIL(what) do {						\
		printf("E2E vfio %s %s failed: %s\n", bdf, what,	\
		       strerror(errno));				\
		failures++;						\
		goto out;						\
	} while (0)

/*
 * Hand PCI function @bdf (an edu) to vfio-pci and use it as a VM monitor
 * would: a type1 container takes the IOMMU group over, maps a user buffer
 * at an IOVA of its own choosing, and the device copies the start of its
 * first page into its own buffer and back to the second page, through the
 * IOMMU.
 */
static void vfio(const char *bdf)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	struct vfio_iommu_type1_dma_map map = { .argsz = sizeof(map) };
	struct vfio_iommu_type1_dma_unmap unmap = { .argsz = sizeof(unmap) };
	int container = -1, group = -1, dev = -1, mapped = 0;
	char p[512], l[256], grp[64];
	unsigned char *buf = MAP_FAILED;
	uint64_t cfg, bar;
	uint32_t id = 0;
	uint16_t cmd;
	long pg = sysconf(_SC_PAGESIZE);

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver_override", bdf);
	if (write_str(p, "vfio-pci"))
		VFIO_FAIL("driver_override");
	if (write_str("/sys/bus/pci/drivers_probe", bdf))
		VFIO_FAIL("probe");
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", bdf);
	printf("E2E vfio %s driver %s\n", bdf, link_name(p, l, sizeof(l)));
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/iommu_group", bdf);
	snprintf(grp, sizeof(grp), "/dev/vfio/%.50s", link_name(p, l, sizeof(l)));

	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		VFIO_FAIL("open /dev/vfio/vfio");
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) != 1)
		VFIO_FAIL("type1v2 extension");
	group = open(grp, O_RDWR);
	if (group < 0)
		VFIO_FAIL(grp);
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &st))
		VFIO_FAIL("group status");
	if (!(st.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		errno = EBUSY;
		VFIO_FAIL("viable group");
	}
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		VFIO_FAIL("set container");
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		VFIO_FAIL("set type1v2 IOMMU");
	printf("E2E vfio %s owned: %s in a type1v2 container\n", bdf, grp);

	buf = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		VFIO_FAIL("mmap");
	fill(buf, EDU_XFER, 0xed0);
	memset(buf + pg, 0, pg);
	map.vaddr = (uintptr_t)buf;
	map.iova = VFIO_TEST_IOVA;
	map.size = 2 * pg;
	map.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE;
	if (ioctl(container, VFIO_IOMMU_MAP_DMA, &map))
		VFIO_FAIL("map DMA");
	mapped = 1;

	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (dev < 0)
		VFIO_FAIL("device fd");
	if (region_off(dev, VFIO_PCI_CONFIG_REGION_INDEX, &cfg) ||
	    region_off(dev, VFIO_PCI_BAR0_REGION_INDEX, &bar))
		VFIO_FAIL("region info");
	/* Bus mastering, as the guest's driver would turn it on */
	if (pread64(dev, &cmd, 2, cfg + 4) != 2)
		VFIO_FAIL("config read");
	cmd |= 0x4;
	if (pwrite64(dev, &cmd, 2, cfg + 4) != 2)
		VFIO_FAIL("config write");
	if (edu_read(dev, bar, EDU_ID, &id))
		VFIO_FAIL("BAR0 read");
	if (edu_dma(dev, bar, VFIO_TEST_IOVA, EDU_BUFFER, EDU_XFER, 0) ||
	    edu_dma(dev, bar, EDU_BUFFER, VFIO_TEST_IOVA + pg, EDU_XFER,
		    EDU_CMD_TO_RAM))
		VFIO_FAIL("edu DMA");
	printf("E2E vfio %s dma id=%08x iova=0x%x bytes=%d sent_crc32=%08x back_crc32=%08x %s\n",
	       bdf, id, VFIO_TEST_IOVA, EDU_XFER, crc32(buf, EDU_XFER),
	       crc32(buf + pg, EDU_XFER),
	       memcmp(buf, buf + pg, EDU_XFER) ? "FAIL" : "PASS");
	failures += !!memcmp(buf, buf + pg, EDU_XFER);
out:
	if (dev >= 0)
		close(dev);
	if (mapped) {
		unmap.iova = VFIO_TEST_IOVA;
		unmap.size = 2 * pg;
		if (ioctl(container, VFIO_IOMMU_UNMAP_DMA, &unmap) ||
		    unmap.size != 2 * (uint64_t)pg) {
			printf("E2E vfio %s unmap DMA failed\n", bdf);
			failures++;
		}
	}
	if (buf != MAP_FAILED)
		munmap(buf, 2 * pg);
	if (group >= 0)
		close(group);
	if (container >= 0)
		close(container);
	printf("E2E vfio %s released\n", bdf);
}

static void phase(const char *name, const char *cat)
{
	printf("E2E phase %s\n", name);
	if (cat)
		cat_files(cat);
}

/*
 * Hot-unplug PCI function @bdf as "echo 1 > remove" does, then find it
 * again with a rescan of the bus and do its block I/O once more.
 */
static void replug(const char *bdf, size_t bytes, const char *cat)
{
	char p[512];
	long ms;

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/remove", bdf);
	if (write_str(p, "1")) {
		printf("E2E replug %s remove failed: %s\n", bdf, strerror(errno));
		failures++;
		return;
	}
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s", bdf);
	printf("E2E replug %s removed: %s\n", bdf,
	       access(p, F_OK) ? "gone" : "still present");
	phase("removed", cat);
	if (write_str("/sys/bus/pci/rescan", "1")) {
		printf("E2E replug %s rescan failed: %s\n", bdf, strerror(errno));
		failures++;
		return;
	}
	ms = wait_bound(bdf);
	printf("E2E replug %s rescanned: %s after %ld ms\n", bdf,
	       ms < 0 ? "not bound" : "bound", ms);
	snprintf(blk_tag, sizeof(blk_tag), "blk-replug");
	report_block(bytes, bdf);
	snprintf(blk_tag, sizeof(blk_tag), "blk");
	phase("rescanned", cat);
}

/* List every PCI function with its driver; count those that have one */
static int report_bound(const char *when)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		char p[300], l[256];
		const char *drv;

		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", e->d_name);
		drv = link_name(p, l, sizeof(l));
		printf("E2E bound %s %s %s\n", when, e->d_name, drv);
		n += strcmp(drv, "-") != 0;
	}
	if (d)
		closedir(d);
	return n;
}

/*
 * Unbind the device of virtio driver @drv (the IOMMU) while its endpoints
 * are bound, then bind it again and probe the endpoints.
 */
static void unbind_iommu(const char *drv, size_t bytes, const char *cat)
{
	DIR *d;
	struct dirent *e;
	char p[512], dev[64] = "";
	struct timespec t0;
	int disks = count_blocks(NULL);

	snprintf(p, sizeof(p), "/sys/bus/virtio/drivers/%s", drv);
	d = opendir(p);
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "virtio", 6))
			snprintf(dev, sizeof(dev), "%.63s", e->d_name);
	if (d)
		closedir(d);
	if (!dev[0]) {
		printf("E2E unbind %s: no device bound\n", drv);
		failures++;
		return;
	}

	snprintf(p, sizeof(p), "/sys/bus/virtio/drivers/%s/unbind", drv);
	if (write_str(p, dev)) {
		printf("E2E unbind %s %s failed: %s\n", drv, dev, strerror(errno));
		failures++;
		return;
	}
	printf("E2E unbind %s %s done\n", drv, dev);
	report_bound("unbound");
	phase("unbound", cat);
	snprintf(p, sizeof(p), "/sys/bus/virtio/drivers/%s/bind", drv);
	if (write_str(p, dev)) {
		printf("E2E unbind %s %s rebind failed: %s\n", drv, dev,
		       strerror(errno));
		failures++;
		return;
	}
	/* Nothing probes the endpoints again by itself: ask for it */
	d = opendir("/sys/bus/pci/devices");
	while (d && (e = readdir(d))) {
		if (e->d_name[0] != '.')
			write_str("/sys/bus/pci/drivers_probe", e->d_name);
	}
	if (d)
		closedir(d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < 20000 && count_blocks(NULL) < disks)
		msleep(50);
	msleep(500);
	printf("E2E unbind %s %s rebound: %d disks after %ld ms\n", drv, dev,
	       count_blocks(NULL), ms_since(&t0));
	report_bound("rebound");
	snprintf(blk_tag, sizeof(blk_tag), "blk-rebound");
	report_block(bytes, NULL);
	snprintf(blk_tag, sizeof(blk_tag), "blk");
	phase("rebound", cat);
}

int main(void)
{
	char list[1024], secs[16] = "2", name[256];
	size_t bytes = 1 << 20;
	const char *v;

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!freopen("/dev/console", "w", stdout))
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);

	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	v = opt("e2e.bytes");
	if (v)
		bytes = strtoul(v, NULL, 0);

	printf("E2E begin\n");
	if (opt_str("e2e.insmod", name, sizeof(name)))
		insmod(name);
	if (opt_str("e2e.kunit", name, sizeof(name)))
		load_kunit(name);
	if (opt_str("e2e.vfio", name, sizeof(name)))
		vfio(name);
	v = opt("e2e.disks");
	if (v)
		wait_disks(strtol(v, NULL, 0));
	report_pci();
	report_block(bytes, NULL);
	if (opt_str("e2e.bench", list, sizeof(list))) {
		opt_str("e2e.bench_seconds", secs, sizeof(secs));
		bench(list, secs);
	}
	if (!opt_str("e2e.cat", list, sizeof(list)))
		list[0] = '\0';
	cat_files(list);
	if (opt_str("e2e.replug", name, sizeof(name)))
		replug(name, bytes, list[0] ? list : NULL);
	if (opt_str("e2e.rmmod", name, sizeof(name)))
		rmmod(name);
	if (opt_str("e2e.unbind", name, sizeof(name)))
		unbind_iommu(name, bytes, list[0] ? list : NULL);
	v = opt("e2e.kmemleak");
	if (v)
		kmemleak_scan(strtoul(v, NULL, 0));
	dma_api_report();
	printf("E2E end failures=%d\n", failures);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
