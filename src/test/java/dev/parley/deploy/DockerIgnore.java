package dev.parley.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Docker's .dockerignore rules, as far as this project uses them: globs ({@code *}, {@code ?},
 * {@code **}) matched against a path or any of its parent directories, {@code !} re-including,
 * the last matching line deciding.
 */
final class DockerIgnore {
    private record Rule(Pattern glob, boolean exclude) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore load(Path file) {
        List<Rule> rules = new ArrayList<>();
        for (String line : DeployFiles.read(file).split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            boolean exclude = !s.startsWith("!");
            String glob = (exclude ? s : s.substring(1)).replaceAll("^/+|/+$", "");
            rules.add(new Rule(Pattern.compile(regex(glob)), exclude));
        }
        return new DockerIgnore(rules);
    }

    boolean excludes(String relativePath) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrAParent(rule.glob(), relativePath)) {
                excluded = rule.exclude();
            }
        }
        return excluded;
    }

    private static boolean matchesItselfOrAParent(Pattern glob, String path) {
        String prefix = path;
        while (true) {
            if (glob.matcher(prefix).matches()) {
                return true;
            }
            int slash = prefix.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            prefix = prefix.substring(0, slash);
        }
    }

    private static String regex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                out.append(".*");
                i++;
            } else if (c == '*') {
                out.append("[^/]*");
            } else if (c == '?') {
                out.append("[^/]");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
