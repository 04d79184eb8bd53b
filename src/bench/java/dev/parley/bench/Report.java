package dev.parley.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A scenario's results: one row per step, printed as a JSON line the moment it is known (for
 * scripts) and as a table at the end (for people). Column sets are declared by each scenario.
 */
final class Report {
    /** One column: its header, the row key it shows, and how many decimals. */
    record Column(String header, String key, int decimals) {
    }

    private final String scenario;
    private final String pass;
    private final List<Column> columns;
    private final PrintStream out;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    Report(String scenario, String pass, List<Column> columns, PrintStream out) {
        this.scenario = scenario;
        this.pass = pass;
        this.columns = columns;
        this.out = out;
    }

    static Column col(String header, String key, int decimals) {
        return new Column(header, key, decimals);
    }

    /** Starts a row already carrying the scenario name. */
    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario);
        row.put("pass", pass);
        return row;
    }

    void add(Map<String, Object> row) {
        rows.add(row);
        out.println(Json.encode(row));
        out.flush();
    }

    List<Map<String, Object>> rows() {
        return rows;
    }

    void printTable() {
        out.println();
        out.println("== " + scenario + " ==");
        out.print(table(columns, rows));
        out.flush();
    }

    static String table(List<Column> columns, List<Map<String, Object>> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (Map<String, Object> row : rows) {
            cells.add(columns.stream().map(c -> format(row.get(c.key()), c.decimals())).toArray(String[]::new));
        }
        int[] width = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            appendLine(sb, cells.get(r), width);
            if (r == 0) {
                String[] rule = new String[width.length];
                for (int i = 0; i < width.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                appendLine(sb, rule, width);
            }
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] line, int[] width) {
        sb.append('|');
        for (int i = 0; i < line.length; i++) {
            sb.append(' ').append(" ".repeat(width[i] - line[i].length())).append(line[i]).append(" |");
        }
        sb.append('\n');
    }

    static String format(Object value, int decimals) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%,." + decimals + "f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return value.toString();
    }

    /** Rounds for the JSON line: enough precision, no noise. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static double millis(long micros) {
        return round(micros / 1000.0, 2);
    }
}
