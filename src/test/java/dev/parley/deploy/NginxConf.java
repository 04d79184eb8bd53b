package dev.parley.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx configuration read as nginx reads it, as far as the tests need: blocks, directives and
 * their arguments, comments dropped, quotes kept. Enough for the two configurations we ship; not
 * a general parser (no includes, no variables inside quotes).
 */
final class NginxConf {
    /** One block ({@code http}, {@code server}, {@code location = /ws}): its directives and inner blocks. */
    record Block(String name, Block parent, List<List<String>> directives, List<Block> blocks) {
        /** The arguments of every directive with this name in this block itself. */
        List<List<String>> all(String directive) {
            return directives.stream().filter(d -> d.get(0).equals(directive)).map(d -> d.subList(1, d.size())).toList();
        }

        /**
         * The headers nginx sends upstream from this block: proxy_set_header is inherited from the
         * enclosing block only when a block sets none of its own.
         */
        Map<String, String> proxyHeaders() {
            for (Block b = this; b != null; b = b.parent) {
                List<List<String>> set = b.all("proxy_set_header");
                if (!set.isEmpty()) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    set.forEach(args -> headers.put(args.get(0).toLowerCase(), String.join(" ", args.subList(1, args.size()))));
                    return headers;
                }
            }
            return Map.of();
        }

        /** Every block inside this one, at any depth, whose name starts with this word. */
        List<Block> find(String word) {
            List<Block> out = new ArrayList<>();
            for (Block b : blocks) {
                if (b.name.equals(word) || b.name.startsWith(word + " ")) {
                    out.add(b);
                }
                out.addAll(b.find(word));
            }
            return out;
        }
    }

    private static final Pattern TOKEN = Pattern.compile("#[^\\n]*|'[^']*'|\"[^\"]*\"|[{};]|[^\\s{};'\"#]+");

    private NginxConf() {
    }

    /** The whole text as the top-level block (named {@code main}). */
    static Block parse(String text) {
        Block main = new Block("main", null, new ArrayList<>(), new ArrayList<>());
        Block current = main;
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group();
            switch (token) {
                case "{" -> {
                    Block inner = new Block(String.join(" ", words), current, new ArrayList<>(), new ArrayList<>());
                    current.blocks().add(inner);
                    current = inner;
                    words = new ArrayList<>();
                }
                case "}" -> {
                    current = current.parent();
                    if (current == null) {
                        throw new IllegalArgumentException("unbalanced '}'");
                    }
                }
                case ";" -> {
                    current.directives().add(words);
                    words = new ArrayList<>();
                }
                default -> {
                    if (!token.startsWith("#")) {
                        words.add(token);
                    }
                }
            }
        }
        if (current != main || !words.isEmpty()) {
            throw new IllegalArgumentException("unterminated block or directive");
        }
        return main;
    }
}
