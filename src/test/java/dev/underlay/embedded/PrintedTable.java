package dev.underlay.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kubectl's human-readable table output, split into cells by the header's column positions (kubectl left-aligns
 * every column under its header, and an empty cell is just spaces, so splitting on whitespace would shift cells).
 */
record PrintedTable(List<String> headers, List<Map<String, String>> rows) {

    static PrintedTable parse(List<String> lines) {
        String header = lines.get(0);
        List<String> headers = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) != ' ' && (i == 0 || header.charAt(i - 1) == ' ')) {
                starts.add(i);
                int end = header.indexOf(' ', i);
                headers.add(header.substring(i, end < 0 ? header.length() : end));
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < headers.size(); c++) {
                int from = Math.min(starts.get(c), line.length());
                int to = c + 1 < starts.size() ? Math.min(starts.get(c + 1), line.length()) : line.length();
                row.put(headers.get(c), line.substring(from, to).trim());
            }
            rows.add(row);
        }
        return new PrintedTable(headers, rows);
    }

    Map<String, String> row(String name) {
        return rows.stream()
                .filter(r -> name.equals(r.get("NAME")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
    }
}
