/**
 * The NoCloud "cidata" seed a Talos VM boots with, and the small ISO 9660 writer that packs it.
 *
 * <h2>Why these choices</h2>
 *
 * <ul>
 *   <li><b>How Talos reads the seed.</b> Talos finds a block device whose filesystem label is {@code cidata} or
 *       {@code CIDATA} with its own Go probe (go-blockdevice blkid), then mounts it with the Linux kernel's
 *       {@code iso9660} driver, read-only and with no other options, and opens {@code user-data}, {@code meta-data}
 *       and {@code network-config} by exact name. So the label must sit where that probe reads it and the names must
 *       be exact as the kernel presents them.
 *   <li><b>No Joliet.</b> The probe takes the label from a Joliet (supplementary) volume descriptor whenever one
 *       exists and only otherwise from the primary one: a Joliet descriptor with a different or badly encoded label
 *       hides the seed. Without Joliet the label is the Primary Volume Descriptor's, space-padded, which the probe,
 *       blkid and the kernel all read the same way.
 *   <li><b>Minimal Rock Ridge (RRIP 1.09: SP, CE, ER, PX, NM).</b> Plain ISO 9660 names are upper case, and strict
 *       level 1 has neither {@code -} nor 9-character names ({@code user-data} becomes {@code USER_DAT.;1} with
 *       genisoimage's defaults). The kernel happens to lower-case plain names ({@code map=normal}), but other readers
 *       do not: xorriso lists {@code /USER-DATA}. With Rock Ridge NM entries every reader that knows Rock Ridge,
 *       the kernel included, shows {@code user-data} exactly, as cloud-init's usual {@code genisoimage -rock} seeds
 *       do. Rock Ridge lives in directory records only, so it cannot disturb the label probe.
 *   <li><b>Plain identifiers as a fallback.</b> The ISO 9660 identifiers are {@code USER-DATA.;1},
 *       {@code META-DATA.;1}, {@code NETWORK-CONFIG.;1} (genisoimage's relaxed names, level 2 lengths), so even a
 *       kernel mount with {@code norock} maps them to the exact names.
 * </ul>
 *
 * <p>Checked in the tests against blkid, isoinfo (genisoimage), xorriso (libisofs) and pycdlib; the kernel's
 * iso9660 driver itself is not available on the build machines.
 */
package dev.underlay.nocloud;
