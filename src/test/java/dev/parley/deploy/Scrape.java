package dev.parley.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A parsed Prometheus text-format scrape: samples with their labels, and each family's TYPE. */
final class Scrape {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();

    private Scrape() {
    }

    static Scrape parse(String text) {
        Scrape scrape = new Scrape();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).trim().split("\\s+");
                scrape.types.put(parts[0], parts[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                scrape.samples.add(sample(line));
            }
        }
        return scrape;
    }

    /** Every sample name, as a query would write it ({@code x_bucket}, {@code x_total}, ...). */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    Set<String> families() {
        return new TreeSet<>(types.keySet());
    }

    /** counter, gauge, histogram, summary, or null when the name belongs to no family. */
    String typeOf(String sampleName) {
        if (types.containsKey(sampleName)) {
            return types.get(sampleName);
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (sampleName.endsWith(suffix)) {
                return types.get(sampleName.substring(0, sampleName.length() - suffix.length()));
            }
        }
        return null;
    }

    Set<String> labelNames(String sampleName) {
        Set<String> names = new TreeSet<>();
        samples.stream().filter(s -> s.name().equals(sampleName)).forEach(s -> names.addAll(s.labels().keySet()));
        return names;
    }

    Set<String> labelValues(String sampleName, String label) {
        Set<String> values = new TreeSet<>();
        samples.stream().filter(s -> s.name().equals(sampleName) && s.labels().containsKey(label))
                .forEach(s -> values.add(s.labels().get(label)));
        return values;
    }

    /** Sum of the samples of this name whose labels include all of {@code labels}. */
    double value(String sampleName, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(sampleName) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    double value(String sampleName) {
        return value(sampleName, Map.of());
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels);
            rest = line.substring(end + 1).trim();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        String value = rest.split("\\s+")[0];
        return new Sample(name, labels, Double.parseDouble(value));
    }

    /** Reads {@code a="x",b="y\"z"}} into {@code out}; returns the index of the closing brace. */
    private static int labels(String line, int from, Map<String, String> out) {
        int i = from;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String label = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            out.put(label, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }
}
