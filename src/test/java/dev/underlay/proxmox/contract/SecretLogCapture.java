package dev.underlay.proxmox.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of every logger while open, with our code, the REST client and Vert.x turned up to the finest
 * level, so a secret logged at DEBUG is caught too. Restores the levels on close.
 */
final class SecretLogCapture extends Handler implements AutoCloseable {

    private static final List<String> CHATTY =
            List.of("dev.underlay", "io.quarkus.rest.client", "org.jboss.resteasy", "io.vertx");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Logger root = Logger.getLogger("");

    private SecretLogCapture() {
        setLevel(Level.ALL);
    }

    static SecretLogCapture start() {
        SecretLogCapture capture = new SecretLogCapture();
        for (String name : CHATTY) {
            Logger logger = Logger.getLogger(name);
            capture.previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            line.append(' ').append(Arrays.toString(record.getParameters()));
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(' ').append(t);
        }
        lines.add(line.toString());
    }

    List<String> messages() {
        return new ArrayList<>(lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
        previousLevels.forEach(Logger::setLevel);
    }
}
