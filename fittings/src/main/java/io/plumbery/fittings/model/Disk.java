package io.plumbery.fittings.model;

/** {@code disks: - 1 100 standard}: SCSI id, size in GB, storage tier. */
public record Disk(int id, int sizeGb, String tier) {
}
