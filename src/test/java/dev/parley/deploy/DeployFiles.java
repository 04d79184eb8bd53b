package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The deployment files as the tests read them: paths, YAML documents, and small navigation helpers. */
final class DeployFiles {
    /** Tests run in the project directory (Maven's basedir). */
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

    private static final Pattern PARLEY_VARIABLE = Pattern.compile("\\bPARLEY_[A-Z0-9_]+\\b");

    private DeployFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (possibly multi-document) YAML file, with the safe constructor. */
    static List<Object> documents(Path file) {
        List<Object> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
            if (doc != null) {
                out.add(doc);
            }
        }
        return out;
    }

    static Map<String, Object> document(Path file) {
        List<Object> docs = documents(file);
        assertThat(docs).as(file.toString()).hasSize(1);
        return map(docs.get(0));
    }

    /** All Kubernetes objects under deploy/kubernetes (kustomization.yaml is not one). */
    static List<Map<String, Object>> kubernetesObjects() {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                documents(file).forEach(doc -> out.add(map(doc)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The one Kubernetes object of this kind. */
    static Map<String, Object> kubernetes(String kind) {
        List<Map<String, Object>> found = kubernetesObjects().stream().filter(o -> kind.equals(o.get("kind"))).toList();
        assertThat(found).as("exactly one %s under deploy/kubernetes", kind).hasSize(1);
        return found.get(0);
    }

    /** Follows a dotted path; numeric segments index lists. Fails with the path when a step is missing. */
    static Object at(Object root, String path) {
        Object node = root;
        for (String step : path.split("\\.")) {
            if (node instanceof Map<?, ?> m) {
                if (!m.containsKey(step)) {
                    throw new AssertionError(path + ": no " + step + " in " + m.keySet());
                }
                node = m.get(step);
            } else if (node instanceof List<?> l && step.matches("\\d+")) {
                assertThat(l).as("%s: no item %s", path, step).hasSizeGreaterThan(Integer.parseInt(step));
                node = l.get(Integer.parseInt(step));
            } else {
                throw new AssertionError(path + ": cannot take " + step + " of " + node);
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }

    static String string(Object root, String path) {
        return String.valueOf(at(root, path));
    }

    static int integer(Object root, String path) {
        Object value = at(root, path);
        assertThat(value).as(path).isInstanceOf(Integer.class);
        return (Integer) value;
    }

    /** Every PARLEY_* name mentioned in this text. */
    static Set<String> parleyVariables(String text) {
        Set<String> names = new HashSet<>();
        Matcher m = PARLEY_VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** An executable on the PATH (or in /usr/sbin, where Debian puts nginx). */
    static Optional<Path> tool(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/sbin");
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    /** The names the server reads ({@code --help} lists the same). */
    static Set<String> knownVariables() {
        return ConfigLoader.variables();
    }

    /** The names the ./parley launcher reads (its header documents each) before it starts anything. */
    static Set<String> launcherVariables() {
        return parleyVariables(read(ROOT.resolve("parley")));
    }
}
