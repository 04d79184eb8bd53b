package dev.parley.web;

/**
 * Takes whole-line comments and indentation out of the widget's JavaScript or CSS, so readers
 * download the code and not its explanations, while the repository keeps one readable file and no
 * build step.
 *
 * <p>It works by lines, not by parsing, so it only removes what cannot be anything but a comment
 * or indentation: a line that starts with {@code //}, and a block comment that starts a line (the
 * code after its {@code *}{@code /} is kept). A comment after code on the same line stays. A line
 * can only start inside a string in a template literal or a string continued with a backslash;
 * sources with either are refused instead of being changed, so a failure shows at start, not in
 * a reader's browser.
 */
final class Compactor {
    /** A quoted string in CSS, kept as written by {@link #compactCss}. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"[^\"\n]*\"|'[^'\n]*'");

    private Compactor() {
    }

    /**
     * A stylesheet as {@link #compact} leaves it, then without the blanks CSS does not read: around
     * {@code { } ; , >}, after a colon (a selector's pseudo-class colon is never followed by one), and
     * the semicolon before a closing brace. Quoted strings are kept as written. Blanks between
     * words (a descendant selector, a value's parts) stay, as one blank or a line break.
     */
    static String compactCss(String name, String source) {
        String compact = compact(name, source);
        StringBuilder out = new StringBuilder(compact.length());
        java.util.regex.Matcher quoted = QUOTED.matcher(compact);
        int at = 0;
        while (quoted.find()) {
            out.append(squeeze(compact.substring(at, quoted.start()))).append(quoted.group());
            at = quoted.end();
        }
        out.append(squeeze(compact.substring(at)));
        return out.toString().strip() + "\n";
    }

    private static String squeeze(String css) {
        return css.replaceAll("\\s*([{};,>])\\s*", "$1").replaceAll(":\\s+", ":").replace(";}", "}");
    }

    /** The source without whole-line comments, indentation and blank lines; line breaks are kept. */
    static String compact(String name, String source) {
        StringBuilder out = new StringBuilder(source.length());
        boolean inBlock = false;
        int number = 0;
        for (String line : source.split("\n", -1)) {
            number++;
            String code = line.strip();
            if (inBlock) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                inBlock = false;
                code = code.substring(end + 2).strip();
            } else if (code.startsWith("//")) {
                continue;
            }
            while (code.startsWith("/*")) {
                int end = code.indexOf("*/", 2);
                if (end < 0) {
                    inBlock = true;
                    code = "";
                    break;
                }
                code = code.substring(end + 2).strip();
            }
            if (code.isEmpty()) {
                continue;
            }
            if (code.chars().filter(c -> c == '`').count() % 2 != 0 || code.endsWith("\\")) {
                throw new IllegalStateException(name + " line " + number
                        + ": a string goes on to the next line (template literal or backslash); keep strings on one line");
            }
            out.append(code).append('\n');
        }
        if (inBlock) {
            throw new IllegalStateException(name + ": a block comment is not closed");
        }
        return out.toString();
    }
}
