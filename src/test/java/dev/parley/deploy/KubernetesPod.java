package dev.parley.deploy;

import static dev.parley.deploy.DeployFiles.at;
import static dev.parley.deploy.DeployFiles.integer;
import static dev.parley.deploy.DeployFiles.kubernetes;
import static dev.parley.deploy.DeployFiles.list;
import static dev.parley.deploy.DeployFiles.map;
import static dev.parley.deploy.DeployFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Deployment's pod as the tests read it: its spec, its one container, and the environment the node sees. */
final class KubernetesPod {
    /** What a pod's name looks like, for the downward API's metadata.name. */
    static final String POD_NAME = "parley-7d9f8b6c5d-x2x9k";

    private KubernetesPod() {
    }

    static Map<String, Object> spec() {
        return map(at(kubernetes("Deployment"), "spec.template.spec"));
    }

    static Map<String, Object> container() {
        List<Object> containers = list(at(kubernetes("Deployment"), "spec.template.spec.containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    /** The container's inline env entry with this name. */
    static Map<String, Object> env(String name) {
        Object inline = container().get("env");
        assertThat(inline).as("the container's env").isNotNull();
        return list(inline).stream().map(DeployFiles::map).filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in the container"));
    }

    /** The container port a Service or probe port refers to, by number or by name. */
    static int containerPort(Object port) {
        if (port instanceof Integer n) {
            return n;
        }
        for (Object p : list(container().get("ports"))) {
            if (String.valueOf(port).equals(string(p, "name"))) {
                return integer(p, "containerPort");
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    /**
     * The PARLEY_* variables the node sees: ConfigMap data and Secret stringData through envFrom,
     * then the container's own env, with downward-API values resolved as Kubernetes would.
     * JAVA_OPTS is for the JVM, not the node; its own test reads it.
     */
    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        map(at(kubernetes("ConfigMap"), "data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        map(at(kubernetes("Secret"), "stringData")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        Object inline = container().get("env");
        if (inline != null) {
            for (Object e : list(inline)) {
                String name = string(e, "name");
                if (!name.equals("JAVA_OPTS")) {
                    env.put(name, value(map(e)));
                }
            }
        }
        return env;
    }

    private static String value(Map<String, Object> entry) {
        if (entry.containsKey("value")) {
            return String.valueOf(entry.get("value"));
        }
        Map<String, Object> from = map(entry.get("valueFrom"));
        if (from.containsKey("fieldRef")) {
            assertThat(string(from, "fieldRef.fieldPath")).isEqualTo("metadata.name");
            return POD_NAME;
        }
        assertThat(from).containsKey("resourceFieldRef");
        String resource = string(from, "resourceFieldRef.resource");
        BigDecimal divisor = cpu(String.valueOf(map(from.get("resourceFieldRef")).getOrDefault("divisor", "1")));
        // Kubernetes rounds a resource divided by its divisor up to a whole number.
        return cpu(string(container(), "resources." + resource)).divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    /** A CPU quantity in cores: {@code 500m} is 0.5, {@code 2} is 2. */
    static BigDecimal cpu(String quantity) {
        return quantity.endsWith("m")
                ? new BigDecimal(quantity.substring(0, quantity.length() - 1)).movePointLeft(3)
                : new BigDecimal(quantity);
    }
}
