package dev.underlay.simulator.pve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.underlay.simulator.pve.Credentials;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns HTTP details into simulator terms: credentials, decoded paths, form and JSON bodies. */
final class RequestDecoding {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RequestDecoding() {}

    /**
     * {@code Authorization: PVEAPIToken=user@realm!id=secret} (or a space after
     * {@code PVEAPIToken}), else the {@code PVEAuthCookie} cookie or
     * {@code Authorization: PVEAuthCookie=...}, plus the CSRF header.
     */
    static Credentials credentials(String authorization, String cookieHeader, String csrf) {
        if (authorization != null) {
            String a = authorization.trim();
            if (a.startsWith("PVEAPIToken")) {
                String rest = a.substring("PVEAPIToken".length()).replaceFirst("^[=\\s]+", "");
                int bang = rest.indexOf('!');
                int eq = bang < 0 ? -1 : rest.indexOf('=', bang);
                if (eq > 0) {
                    return Credentials.token(rest.substring(0, eq), rest.substring(eq + 1));
                }
                return Credentials.token(rest, "");
            }
            if (a.startsWith("PVEAuthCookie=")) {
                return Credentials.ticket(percentDecode(a.substring("PVEAuthCookie=".length())), csrf);
            }
        }
        if (cookieHeader != null) {
            for (String part : cookieHeader.split(";")) {
                String c = part.trim();
                if (c.startsWith("PVEAuthCookie=")) {
                    return Credentials.ticket(percentDecode(c.substring("PVEAuthCookie=".length())), csrf);
                }
            }
        }
        return Credentials.NONE;
    }

    /** Percent-decoding without turning '+' into a space (paths, cookies). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> query(String uri) {
        return new LinkedHashMap<>(new QueryStringDecoder(uri).parameters());
    }

    static Map<String, List<String>> form(String body) {
        return new LinkedHashMap<>(new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters());
    }

    /** A JSON object body: strings as they are, numbers as text, booleans as 1/0, arrays as repeated keys. */
    static Map<String, List<String>> json(String body) throws java.io.IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (body.isBlank()) {
            return out;
        }
        JsonNode root = MAPPER.readTree(body);
        if (!root.isObject()) {
            throw new java.io.IOException("JSON body is not an object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(scalar(v)));
            } else if (!e.getValue().isNull()) {
                values.add(scalar(e.getValue()));
            }
            if (!values.isEmpty()) {
                out.put(e.getKey(), values);
            }
        }
        return out;
    }

    private static String scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean() ? "1" : "0";
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** Body parameters first, then query parameters replacing them key by key (PVE: query wins). */
    static Map<String, List<String>> merge(Map<String, List<String>> body, Map<String, List<String>> query) {
        Map<String, List<String>> out = new LinkedHashMap<>(body);
        out.putAll(query);
        return out;
    }
}
