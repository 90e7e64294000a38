package dev.underlay.ceph.model;

/** A CRUSH rule pools can be placed with. */
public record CrushRule(int id, String name) {}
