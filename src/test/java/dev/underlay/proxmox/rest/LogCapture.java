package dev.underlay.proxmox.rest;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log record (all loggers) while open, for assertions on warnings and leaked secrets. */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Formatted messages (parameters applied), so assertions see what a log file would show. */
    List<String> messages() {
        return records.stream().map(LogCapture::format).toList();
    }

    List<String> messagesAtLeast(Level level) {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(LogCapture::format)
                .toList();
    }

    private static String format(LogRecord r) {
        String message = r.getMessage() == null ? "" : r.getMessage();
        Object[] params = r.getParameters();
        if (params != null && params.length > 0) {
            try {
                message =
                        message.contains("%") ? String.format(message, params) : MessageFormat.format(message, params);
            } catch (RuntimeException e) {
                message = message + " " + Arrays.toString(params);
            }
        }
        return message + (r.getThrown() == null ? "" : " " + r.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
