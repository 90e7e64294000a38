package dev.underlay.ceph.model;

/** One OSD with the host CRUSH places it under. */
public record Osd(int id, String name, String host, boolean up, boolean in, String deviceClass, double crushWeight) {}
