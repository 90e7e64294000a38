package dev.underlay.proxmox.model;

/** One line of a task log; a failed task's last line is {@code TASK ERROR: ...}. */
public record TaskLogLine(int number, String text) {}
