package dev.parley.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds the JSON lines of several passes into one table per scenario: each cell is the median of
 * the passes with their range, {@code median (min-max)}. Steps are matched by their rate.
 */
final class Summary {
    private Summary() {
    }

    static void print(List<String> files, PrintStream out) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("summary needs one or more files of JSON lines");
        }
        Map<String, Map<String, List<Map<String, Object>>>> byScenario = new LinkedHashMap<>();
        for (String file : files) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.startsWith("{") || !line.contains("\"scenario\"")) {
                    continue;
                }
                Map<String, Object> row = Json.object(line);
                String step = row.containsKey("rate") ? String.valueOf(row.get("rate")) : "";
                byScenario.computeIfAbsent(String.valueOf(row.get("scenario")), k -> new LinkedHashMap<>())
                        .computeIfAbsent(step, k -> new ArrayList<>()).add(row);
            }
        }
        byScenario.forEach((scenario, steps) -> {
            List<Report.Column> columns = new ArrayList<>(Bench.columns(scenario));
            columns.removeIf(c -> c.key().equals("step"));
            columns.add(0, Report.col("passes", "passes", 0));
            List<Map<String, Object>> rows = new ArrayList<>();
            steps.values().forEach(passes -> rows.add(fold(columns, passes)));
            out.println();
            out.println("== " + scenario + " (median and range over passes) ==");
            out.print(Report.table(columns, rows));
        });
    }

    private static Map<String, Object> fold(List<Report.Column> columns, List<Map<String, Object>> passes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("passes", passes.size());
        for (Report.Column c : columns) {
            if (c.key().equals("passes")) {
                continue;
            }
            List<Double> numbers = new ArrayList<>();
            Set<String> texts = new LinkedHashSet<>();
            for (Map<String, Object> p : passes) {
                Object v = p.get(c.key());
                if (v instanceof Number n) {
                    numbers.add(n.doubleValue());
                } else if (v != null) {
                    texts.add(v.toString());
                }
            }
            row.put(c.key(), !numbers.isEmpty() ? cell(numbers, c.decimals()) : texts.isEmpty() ? null : String.join("/", texts));
        }
        return row;
    }

    private static String cell(List<Double> values, int decimals) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        String fmt = "%,." + decimals + "f";
        String m = String.format(Locale.ROOT, fmt, median);
        if (n == 1 || sorted.get(0).equals(sorted.get(n - 1))) {
            return m;
        }
        return m + " (" + String.format(Locale.ROOT, fmt, sorted.get(0)) + "-"
                + String.format(Locale.ROOT, fmt, sorted.get(n - 1)) + ")";
    }
}
