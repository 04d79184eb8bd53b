package dev.parley.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Finds the series selectors in a PromQL expression: each metric name with its label matchers and
 * the function it is the argument of. Enough PromQL for checking names against a scrape, not a
 * full parser: it knows functions and aggregations (an identifier before {@code (}), grouping
 * clauses ({@code by (...)} and friends, whose identifiers are labels), keywords, strings,
 * numbers, durations in {@code [...]}, and Grafana variables ({@code $name}).
 */
final class PromQl {
    record Matcher(String label, String op, String value) {
    }

    /** {@code function} is the nearest enclosing call ({@code rate}, {@code sum}, ...) or "". */
    record Selector(String metric, List<Matcher> matchers, String function) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    private final String expr;
    private int pos;

    private PromQl(String expr) {
        this.expr = expr;
    }

    static List<Selector> selectors(String expr) {
        return new PromQl(expr).scan();
    }

    static List<String> metrics(String expr) {
        return selectors(expr).stream().map(Selector::metric).toList();
    }

    private List<Selector> scan() {
        List<Selector> out = new ArrayList<>();
        Deque<String> calls = new ArrayDeque<>();
        while (skipSpace()) {
            char c = expr.charAt(pos);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '[') {
                pos = closing(pos, '[', ']') + 1;
            } else if (c == '{') {
                throw new IllegalArgumentException("selector without a metric name at " + pos + ": " + expr);
            } else if (c == '(') {
                calls.push("");
                pos++;
            } else if (c == ')') {
                if (calls.isEmpty()) {
                    throw new IllegalArgumentException("unbalanced ) at " + pos + ": " + expr);
                }
                calls.pop();
                pos++;
            } else if (c == '$') {
                pos++;
                identifier();
            } else if (Character.isDigit(c) || c == '.') {
                while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '.')) {
                    pos++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                String name = identifier();
                if (GROUPING.contains(name)) {
                    if (skipSpace() && expr.charAt(pos) == '(') {
                        pos = closing(pos, '(', ')') + 1;
                    }
                } else if (KEYWORDS.contains(name)) {
                    continue;
                } else if (opensCall()) {
                    calls.push(name);
                    pos++;
                } else {
                    List<Matcher> matchers = skipSpace() && expr.charAt(pos) == '{' ? matchers() : List.of();
                    out.add(new Selector(name, matchers, enclosingCall(calls)));
                }
            } else {
                pos++; // operators and commas
            }
        }
        if (!calls.isEmpty()) {
            throw new IllegalArgumentException("unbalanced ( in " + expr);
        }
        return out;
    }

    /**
     * True when the identifier just read is called: {@code (} follows, possibly after a grouping
     * clause ({@code sum by (le) (...)}); the position is then at that {@code (}.
     */
    private boolean opensCall() {
        if (!skipSpace()) {
            return false;
        }
        if (expr.charAt(pos) == '(') {
            return true;
        }
        int mark = pos;
        if (Character.isLetter(expr.charAt(pos)) && GROUPING.contains(identifier()) && skipSpace()
                && expr.charAt(pos) == '(') {
            pos = closing(pos, '(', ')') + 1;
            if (skipSpace() && expr.charAt(pos) == '(') {
                return true;
            }
        }
        pos = mark;
        return false;
    }

    private static String enclosingCall(Deque<String> calls) {
        for (String call : calls) {
            if (!call.isEmpty()) {
                return call;
            }
        }
        return "";
    }

    private List<Matcher> matchers() {
        int end = closing(pos, '{', '}');
        List<Matcher> out = new ArrayList<>();
        pos++;
        while (skipSpace() && pos < end) {
            if (expr.charAt(pos) == ',') {
                pos++;
                continue;
            }
            String label = identifier();
            skipSpace();
            int opStart = pos;
            while ("=!~".indexOf(expr.charAt(pos)) >= 0) {
                pos++;
            }
            String op = expr.substring(opStart, pos);
            skipSpace();
            out.add(new Matcher(label, op, string()));
        }
        pos = end + 1;
        return out;
    }

    private String identifier() {
        int start = pos;
        while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || "_:".indexOf(expr.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected a name at " + pos + ": " + expr);
        }
        return expr.substring(start, pos);
    }

    /** Reads a quoted string and returns its content (escapes kept as written). */
    private String string() {
        char quote = expr.charAt(pos);
        if ("\"'`".indexOf(quote) < 0) {
            throw new IllegalArgumentException("expected a string at " + pos + ": " + expr);
        }
        int start = ++pos;
        while (pos < expr.length() && expr.charAt(pos) != quote) {
            pos += expr.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= expr.length()) {
            throw new IllegalArgumentException("unterminated string at " + start + ": " + expr);
        }
        return expr.substring(start, pos++);
    }

    /** Index of the bracket closing the one at {@code open}, skipping strings. */
    private int closing(int open, char opening, char close) {
        int depth = 0;
        for (int i = open; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i++;
                while (i < expr.length() && expr.charAt(i) != c) {
                    i += expr.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == opening) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + close + " for " + opening + " at " + open + ": " + expr);
    }

    private boolean skipSpace() {
        while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
            pos++;
        }
        return pos < expr.length();
    }
}
