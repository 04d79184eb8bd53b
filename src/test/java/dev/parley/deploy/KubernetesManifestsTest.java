package dev.parley.deploy;

import static dev.parley.deploy.DeployFiles.at;
import static dev.parley.deploy.DeployFiles.integer;
import static dev.parley.deploy.DeployFiles.kubernetes;
import static dev.parley.deploy.DeployFiles.list;
import static dev.parley.deploy.DeployFiles.map;
import static dev.parley.deploy.DeployFiles.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Http;
import dev.parley.TestApp;
import dev.parley.config.Config;
import dev.parley.config.ConfigLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests agree with the code: port, probe routes, variables, timings, user. */
class KubernetesManifestsTest {
    private static Map<String, Object> container() {
        List<Object> containers = list(at(kubernetes("Deployment"), "spec.template.spec.containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Map<String, Object> podSpec() {
        return map(at(kubernetes("Deployment"), "spec.template.spec"));
    }

    /** The container port a Service or probe port refers to, by number or by name. */
    private static int containerPort(Object port) {
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

    /** ConfigMap data and Secret stringData, as the container sees them through envFrom. */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        map(at(kubernetes("ConfigMap"), "data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        map(at(kubernetes("Secret"), "stringData")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        Object inline = container().get("env");
        if (inline != null) {
            for (Object e : list(inline)) {
                Object value = map(e).get("value");
                if (value == null) {
                    // From the downward API: what a pod's name looks like.
                    assertThat(string(e, "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.name");
                    value = "parley-7d9f8b6c5d-x2x9k";
                }
                env.put(string(e, "name"), String.valueOf(value));
            }
        }
        return env;
    }

    @Test
    void containerListensOn8080AndTheServiceTargetsIt() {
        assertThat(Config.defaults().http().port()).isEqualTo(8080);
        assertThat(containerPort("http")).isEqualTo(8080);
        assertThat(environment().get("PARLEY_HTTP_PORT")).isIn(null, "8080");
        List<Object> ports = list(at(kubernetes("Service"), "spec.ports"));
        assertThat(ports).hasSize(1);
        assertThat(containerPort(at(ports.get(0), "targetPort"))).isEqualTo(8080);
        Object ingressPort = at(kubernetes("Ingress"), "spec.rules.0.http.paths.0.backend.service.port.name");
        assertThat(ingressPort).isEqualTo(string(ports.get(0), "name"));
        assertThat(string(kubernetes("Ingress"), "spec.rules.0.http.paths.0.backend.service.name"))
                .isEqualTo(string(kubernetes("Service"), "metadata.name"));
    }

    @Test
    void probesAskRoutesTheServerAnswers() {
        Map<String, Object> c = container();
        assertThat(string(c, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
        assertThat(string(c, "livenessProbe.httpGet.path")).isEqualTo("/healthz");
        assertThat(string(c, "startupProbe.httpGet.path")).isEqualTo("/healthz");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(containerPort(at(c, probe + ".httpGet.port"))).as(probe).isEqualTo(8080);
        }
        try (TestApp app = TestApp.start()) {
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                String path = string(c, probe + ".httpGet.path");
                assertThat(Http.get(app.baseUrl() + path).statusCode()).as("%s %s", probe, path).isEqualTo(200);
            }
        }
    }

    @Test
    void everyVariableSetIsOneTheServerReads() {
        Set<String> names = new HashSet<>(environment().keySet());
        names.addAll(DeployFiles.parleyVariables(String.join("\n",
                DeployFiles.read(DeployFiles.KUBERNETES.resolve("deployment.yaml")),
                DeployFiles.read(DeployFiles.KUBERNETES.resolve("configmap.yaml")),
                DeployFiles.read(DeployFiles.KUBERNETES.resolve("secret.yaml")))));
        assertThat(names).isNotEmpty().allMatch(n -> n.startsWith("PARLEY_"));
        assertThat(DeployFiles.knownVariables()).containsAll(names);
    }

    /** The manifests' environment with every placeholder replaced, as an operator must. */
    private static Map<String, String> filledIn() {
        Map<String, String> env = new HashMap<>(environment());
        env.replaceAll((k, v) -> v.replace("CHANGE-ME", "s3cr3t-0f-th1s-d3pl0ym3nt"));
        return env;
    }

    @Test
    void theShippedPlaceholderCredentialsAreRefusedOneByOne() {
        map(at(kubernetes("Secret"), "stringData")).forEach((name, placeholder) -> {
            Map<String, String> env = filledIn();
            env.put(name, String.valueOf(placeholder));
            assertThatThrownBy(() -> new ConfigLoader(env).load()).as(name)
                    .isInstanceOf(dev.parley.config.ConfigException.class)
                    .hasMessageStartingWith(name + ": still the placeholder")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("CHANGE-ME"));
        });
    }

    @Test
    void configMapAndSecretValuesPassTheServersValidationOnceFilledIn() {
        Config config = new ConfigLoader(filledIn()).load();
        assertThat(config.log().json()).as("JSON logs in the cluster").isTrue();
        assertThat(config.store().databaseUrl()).startsWith("postgresql://");
        assertThat(config.moderation().adminToken()).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void secretValuesAreMarkedPlaceholders() {
        Map<String, Object> secret = kubernetes("Secret");
        assertThat(map(at(secret, "metadata.annotations")).get("parley.dev/placeholder")).isEqualTo("true");
        map(at(secret, "stringData")).forEach((k, v) -> assertThat(String.valueOf(v)).as(k).contains("CHANGE-ME"));
        assertThat(DeployFiles.read(DeployFiles.KUBERNETES.resolve("secret.yaml"))).contains("PLACEHOLDER");
    }

    @Test
    void gracePeriodOutlastsPreStopSleepPlusDrainTimeout() {
        List<Object> command = list(at(container(), "lifecycle.preStop.exec.command"));
        assertThat(command).hasSize(2).first().isEqualTo("sleep");
        Duration preStop = Duration.ofSeconds(Long.parseLong(String.valueOf(command.get(1))));
        assertThat(preStop).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        Duration drain = new ConfigLoader(filledIn()).load().http().drainTimeout();
        Duration grace = Duration.ofSeconds(integer(podSpec(), "terminationGracePeriodSeconds"));
        assertThat(grace).as("preStop %s + drain %s", preStop, drain).isGreaterThan(preStop.plus(drain));
        // The readiness probe must notice a drain well within the drain timeout.
        Map<String, Object> readiness = map(container().get("readinessProbe"));
        assertThat(Duration.ofSeconds((long) integer(readiness, "periodSeconds") * integer(readiness, "failureThreshold")))
                .isLessThan(drain);
    }

    @Test
    void podRunsAsTheImagesNonRootUserWithAReadOnlyRoot() {
        assertThat(at(podSpec(), "securityContext.runAsNonRoot")).isEqualTo(true);
        int uid = integer(podSpec(), "securityContext.runAsUser");
        assertThat(uid).isPositive().isEqualTo(DockerfileTest.imageUid());
        assertThat(at(container(), "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(at(container(), "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(list(at(container(), "securityContext.capabilities.drop"))).containsExactly("ALL");
        Set<String> mounts = new HashSet<>();
        list(container().get("volumeMounts")).forEach(m -> mounts.add(string(m, "mountPath")));
        assertThat(mounts).as("writable paths on a read-only root").contains("/tmp", "/data");
    }

    @Test
    void requestsAndMemoryLimitAreSet() {
        assertThat(string(container(), "resources.requests.cpu")).isNotBlank();
        assertThat(string(container(), "resources.requests.memory")).isNotBlank();
        assertThat(string(container(), "resources.limits.memory")).isNotBlank();
    }

    @Test
    void serviceBudgetAndAutoscalerSelectTheDeploymentsPods() {
        Map<String, Object> deployment = kubernetes("Deployment");
        Map<String, Object> podLabels = map(at(deployment, "spec.template.metadata.labels"));
        assertThat(podLabels).containsAllEntriesOf(map(at(deployment, "spec.selector.matchLabels")));
        assertThat(podLabels).containsAllEntriesOf(map(at(kubernetes("Service"), "spec.selector")));
        assertThat(podLabels).containsAllEntriesOf(map(at(kubernetes("PodDisruptionBudget"), "spec.selector.matchLabels")));
        assertThat(integer(deployment, "spec.replicas")).isGreaterThanOrEqualTo(2);

        Map<String, Object> hpa = kubernetes("HorizontalPodAutoscaler");
        assertThat(string(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(string(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(string(hpa, "spec.scaleTargetRef.name")).isEqualTo(string(deployment, "metadata.name"));
        assertThat(integer(hpa, "spec.minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat(integer(hpa, "spec.maxReplicas")).isGreaterThan(integer(hpa, "spec.minReplicas"));
        assertThat(string(hpa, "spec.metrics.0.resource.name")).isEqualTo("cpu");
        assertThat(string(kubernetes("PodDisruptionBudget"), "apiVersion")).isEqualTo("policy/v1");

        List<Object> envFrom = list(container().get("envFrom"));
        assertThat(string(envFrom.get(0), "configMapRef.name")).isEqualTo(string(kubernetes("ConfigMap"), "metadata.name"));
        assertThat(string(envFrom.get(1), "secretRef.name")).isEqualTo(string(kubernetes("Secret"), "metadata.name"));
    }
}
