package dev.parley.web;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One file the widget serves, made of source files on the class path joined in a declared order,
 * each compacted ({@link Compactor}) on its own so a refusal names the source file and its line.
 *
 * <p>A script's files are joined inside one strict-mode function, {@code (() => { 'use strict'; …
 * })();}: their top-level names are shared by the files of the script and hidden from the page,
 * which gets no global name. Top-level code runs in the declared order, so a file may use at load
 * time only what the files before it declare (functions are callable from anywhere once loaded).
 * There is no other step: what a file says is what the browser runs, minus comments and indentation.
 *
 * @param path        where it is served, e.g. {@code /embed.js}
 * @param contentType its Content-Type
 * @param sources     class path resources, in the order they are joined
 * @param wrapped     whether the joined files go inside one function (scripts of several files)
 */
record WidgetBundle(String path, String contentType, List<String> sources, boolean wrapped) {
    static final String JS = "text/javascript; charset=utf-8";
    static final String CSS = "text/css; charset=utf-8";
    private static final String OPEN = "(() => {\n'use strict';\n";
    private static final String CLOSE = "})();\n";

    WidgetBundle {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(path + " has no source files");
        }
    }

    /** A script joined from {@code <folder>/<name>.js} for each name, in this order. */
    static WidgetBundle script(String path, String folder, String... names) {
        return new WidgetBundle(path, JS, Arrays.stream(names).map(n -> folder + "/" + n + ".js").toList(), true);
    }

    /**
     * An optional part of the widget, served at {@code /widget/<name>.js} from these files of
     * {@code widget/<name>/} and loaded by the core's {@code part(name)} when first needed.
     */
    static WidgetBundle part(String name, String... files) {
        return script("/widget/" + name + ".js", "widget/" + name, files);
    }

    /** One file served as it is written, only compacted (a stylesheet, a script with its own wrapper). */
    static WidgetBundle file(String path, String contentType, String resource) {
        return new WidgetBundle(path, contentType, List.of(resource), false);
    }

    boolean isPart() {
        return path.startsWith("/widget/");
    }

    /** The text served: every source compacted, in order; read fails loudly for a missing source. */
    String join(Function<String, String> read) {
        StringBuilder out = new StringBuilder(wrapped ? OPEN : "");
        for (String source : sources) {
            String text = read.apply(source);
            out.append(contentType.equals(CSS) ? Compactor.compactCss(source, text) : Compactor.compact(source, text));
        }
        return wrapped ? out.append(CLOSE).toString() : out.toString();
    }
}
