package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every YAML file under deploy/ parses; the Kubernetes ones are objects kubectl would accept. */
class YamlFilesTest {
    @Test
    void everyYamlFileUnderDeployParses() {
        List<Path> files = DeployFiles.yamlFiles();
        assertThat(files).extracting(p -> DeployFiles.DEPLOY.relativize(p).toString())
                .contains("docker-compose.yml", "prometheus-alerts.yml", "prometheus.yml",
                        "kubernetes/deployment.yaml", "kubernetes/service.yaml", "kubernetes/configmap.yaml",
                        "kubernetes/secret.yaml", "kubernetes/poddisruptionbudget.yaml",
                        "kubernetes/horizontalpodautoscaler.yaml", "kubernetes/kustomization.yaml");
        for (Path file : files) {
            List<Object> docs = DeployFiles.documents(file);
            assertThat(docs).as("%s has a document", file).isNotEmpty();
            docs.forEach(doc -> assertThat(doc).as(file.toString()).isInstanceOf(Map.class));
        }
    }

    @Test
    void everyKubernetesObjectHasApiVersionKindAndName() {
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Object> o : DeployFiles.kubernetesObjects()) {
            assertThat(DeployFiles.string(o, "apiVersion")).isNotBlank();
            assertThat(DeployFiles.string(o, "metadata.name")).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            kinds.add(DeployFiles.string(o, "kind"));
        }
        assertThat(kinds).contains("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget",
                "HorizontalPodAutoscaler");
    }

    @Test
    void kustomizationListsEveryManifest() throws Exception {
        Map<String, Object> kustomization = DeployFiles.document(DeployFiles.KUBERNETES.resolve("kustomization.yaml"));
        List<String> listed = DeployFiles.list(kustomization.get("resources")).stream().map(String::valueOf).toList();
        List<String> present = new ArrayList<>();
        for (Path file : DeployFiles.yamlFiles()) {
            if (file.getParent().equals(DeployFiles.KUBERNETES) && !file.endsWith("kustomization.yaml")) {
                present.add(file.getFileName().toString());
            }
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    }

    /** kubectl is not on every machine; where it is, `kubectl kustomize` builds the set offline. */
    @Test
    void kubectlBuildsTheKustomization() throws Exception {
        Path kubectl = DeployFiles.tool("kubectl")
                .orElseGet(() -> Assumptions.abort("kubectl is not installed: skipping the kustomize build"));
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", DeployFiles.KUBERNETES.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("kind: Deployment", "image: registry.example.com/parley:0.1.0");
    }
}
