package dev.underlay.proxmox.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The single place for PVE's URL encoding rules: path segments and UPIDs are percent-encoded (a UPID's colons
 * included), GET/DELETE parameters go to the query string, POST/PUT parameters to an
 * {@code application/x-www-form-urlencoded} body. Everything outside RFC 3986 "unreserved" is escaped, so
 * property strings ({@code ,}, {@code =}, {@code :}) survive intact.
 */
public final class PveWire {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PveWire() {}

    /** Builds {@code /a/b/c} from raw segments, encoding each one. */
    public static String path(Object... segments) {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            String text = String.valueOf(segment);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty path segment");
            }
            out.append('/').append(encode(text));
        }
        return out.toString();
    }

    /** {@code a=1&b=x%2Cy}, in parameter order. */
    public static String formEncode(PveParams params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entries()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return out.toString();
    }

    /** Path plus query string for GET/DELETE; the bare path for POST/PUT (their parameters go into the body). */
    public static String target(PveRequest request) {
        if (request.method().carriesBody() || request.params().isEmpty()) {
            return request.path();
        }
        return request.path() + "?" + formEncode(request.params());
    }

    /** The form body of a POST/PUT, empty for GET/DELETE. */
    public static String body(PveRequest request) {
        return request.method().carriesBody() ? formEncode(request.params()) : "";
    }

    /**
     * The raw segments of an encoded path ({@code /nodes/pve1/tasks/UPID%3A...} to {@code [nodes, pve1, tasks,
     * UPID:...]}), for transports that route in-process instead of over HTTP.
     */
    public static List<String> segments(String encodedPath) {
        List<String> out = new ArrayList<>();
        for (String part : encodedPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(decode(part));
            }
        }
        return out;
    }

    /** Reverses {@link #encode}; {@code +} stays a plus sign (paths are not form-encoded). */
    public static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
