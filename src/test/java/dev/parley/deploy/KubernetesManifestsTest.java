package dev.parley.deploy;

import static dev.parley.deploy.DeployFiles.at;
import static dev.parley.deploy.DeployFiles.integer;
import static dev.parley.deploy.DeployFiles.kubernetes;
import static dev.parley.deploy.DeployFiles.list;
import static dev.parley.deploy.DeployFiles.map;
import static dev.parley.deploy.DeployFiles.string;
import static dev.parley.deploy.KubernetesPod.container;
import static dev.parley.deploy.KubernetesPod.containerPort;
import static dev.parley.deploy.KubernetesPod.environment;
import static dev.parley.deploy.KubernetesPod.spec;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests agree with the code: port, probe routes, variables, timings, user. */
class KubernetesManifestsTest {
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
    void theConfigMapShowsTheRedisKeyPrefixAsACommentedExample() {
        String configMap = DeployFiles.read(DeployFiles.KUBERNETES.resolve("configmap.yaml"));

        assertThat(configMap).containsPattern("(?m)^  # PARLEY_REDIS_PREFIX: \"parley:\"$");
        assertThat(map(at(kubernetes("ConfigMap"), "data"))).doesNotContainKey("PARLEY_REDIS_PREFIX");
    }

    @Test
    void serviceLinksAreOffSoTheParleyServiceInjectsNoParleyVariables() {
        // A Service named parley would inject PARLEY_PORT, PARLEY_SERVICE_HOST, ... into every pod.
        assertThat(string(kubernetes("Service"), "metadata.name")).isEqualTo("parley");
        assertThat(at(spec(), "enableServiceLinks")).isEqualTo(false);
    }

    @Test
    void eventLoopsFollowThePodsCpuRequestAndThereIsNoCpuLimit() {
        Map<String, Object> loops = KubernetesPod.env("PARLEY_EVENT_LOOPS");

        assertThat(string(loops, "valueFrom.resourceFieldRef.resource")).isEqualTo("requests.cpu");
        assertThat(string(loops, "valueFrom.resourceFieldRef.containerName")).isEqualTo(string(container(), "name"));
        assertThat(map(at(container(), "resources.limits"))).as("no CPU limit, on purpose").doesNotContainKey("cpu");
        assertThat(string(container(), "resources.requests.cpu")).isEqualTo("500m");
        String value = environment().get("PARLEY_EVENT_LOOPS");
        assertThat(value).as("500m, rounded up").isEqualTo("1");
        assertThat(new ConfigLoader(Map.of("PARLEY_EVENT_LOOPS", value)).load().http().eventLoops()).isEqualTo(1);
    }

    @Test
    void directMemoryIsCappedSoHeapAndBuffersFitTheMemoryLimit() {
        String javaOpts = string(KubernetesPod.env("JAVA_OPTS"), "value");
        long limit = bytes(string(container(), "resources.limits.memory"));
        long heap = (long) (limit * Double.parseDouble(flag(javaOpts, "-XX:MaxRAMPercentage=")) / 100);
        long direct = bytes(flag(javaOpts, "-XX:MaxDirectMemorySize="));
        // Metaspace, code cache, GC structures and thread stacks: about 100 MiB after start.
        long nonHeap = 128L << 20;

        assertThat(direct).isPositive();
        assertThat(heap + direct + nonHeap).as("heap %s + direct %s + non-heap %s", heap, direct, nonHeap)
                .isLessThanOrEqualTo(limit);
        // The pod's JAVA_OPTS replaces the image's: every flag of the image is set here too.
        for (String imageFlag : Dockerfile.env(DockerfileTest.run()).get("JAVA_OPTS").split(" ")) {
            assertThat(javaOpts.split(" ")).anyMatch(f -> f.split("=")[0].equals(imageFlag.split("=")[0]));
        }
    }

    /** The value of a -XX:Name=value flag. */
    private static String flag(String javaOpts, String prefix) {
        for (String f : javaOpts.split(" ")) {
            if (f.startsWith(prefix)) {
                return f.substring(prefix.length());
            }
        }
        throw new AssertionError("no " + prefix + " in JAVA_OPTS: " + javaOpts);
    }

    /** A size as Kubernetes (1Gi, 512Mi) or the JVM (256m, 1g) writes it, in bytes. */
    private static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG])i?").matcher(size);
        assertThat(m.matches()).as(size).isTrue();
        int shift = switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 10;
            case 'm' -> 20;
            default -> 30;
        };
        return Long.parseLong(m.group(1)) << shift;
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
        Duration grace = Duration.ofSeconds(integer(spec(), "terminationGracePeriodSeconds"));
        assertThat(grace).as("preStop %s + drain %s", preStop, drain).isGreaterThan(preStop.plus(drain));
        // The readiness probe must notice a drain well within the drain timeout.
        Map<String, Object> readiness = map(container().get("readinessProbe"));
        assertThat(Duration.ofSeconds((long) integer(readiness, "periodSeconds") * integer(readiness, "failureThreshold")))
                .isLessThan(drain);
    }

    @Test
    void podRunsAsTheImagesNonRootUserWithAReadOnlyRoot() {
        assertThat(at(spec(), "securityContext.runAsNonRoot")).isEqualTo(true);
        int uid = integer(spec(), "securityContext.runAsUser");
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
