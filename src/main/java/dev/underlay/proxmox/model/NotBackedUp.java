package dev.underlay.proxmox.model;

/** A guest no backup job covers ({@code /cluster/backup-info/not-backed-up}). */
public record NotBackedUp(int vmid, String type, String name) {}
