package dev.parley.web;

import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The methods each API path answers, as routes are mounted, for the {@code Allow} header that a
 * {@code 405} must carry (RFC 9110, 15.5.6). Vert.x's router knows a method did not match, not
 * which ones would have. Every event loop mounts the same routes, so adds repeat, concurrently:
 * hence synchronized (the lock is only taken at start and for a 405).
 */
final class AllowedMethods {
    private final Map<Pattern, Set<HttpMethod>> byPath = new LinkedHashMap<>();
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    /** Notes that {@code path} (with {@code :name} parameters, as routes write them) answers {@code method}. */
    synchronized void add(String path, HttpMethod method) {
        Pattern pattern = patterns.computeIfAbsent(path,
                p -> Pattern.compile(Pattern.quote(p).replaceAll(":\\w+", "\\\\E[^/]+\\\\Q")));
        byPath.computeIfAbsent(pattern, p -> new LinkedHashSet<>()).add(method);
    }

    /** Every path as routes write it, with the methods it answers, in the order mounted. */
    synchronized Map<String, Set<HttpMethod>> routes() {
        Map<String, Set<HttpMethod>> routes = new LinkedHashMap<>();
        patterns.forEach((path, pattern) -> routes.put(path, Set.copyOf(byPath.get(pattern))));
        return routes;
    }

    /** The {@code Allow} value for a request path ("GET, POST"), or null when no API path matches it. */
    synchronized String allow(String path) {
        Set<HttpMethod> methods = new LinkedHashSet<>();
        byPath.forEach((pattern, answered) -> {
            if (pattern.matcher(path).matches()) {
                methods.addAll(answered);
            }
        });
        return methods.isEmpty() ? null : methods.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    }
}
