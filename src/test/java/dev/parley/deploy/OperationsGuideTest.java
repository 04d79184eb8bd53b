package dev.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/operations.md names only settings the server (or ./parley) reads and files that exist. */
class OperationsGuideTest {
    private static final String GUIDE = DeployFiles.read(DeployFiles.ROOT.resolve("docs/operations.md"));

    @Test
    void namesOnlyVariablesTheServerOrTheLauncherReads() {
        Set<String> named = DeployFiles.parleyVariables(GUIDE);
        assertThat(named).isNotEmpty();
        named.removeAll(DeployFiles.launcherVariables());
        assertThat(DeployFiles.knownVariables()).containsAll(named);
    }

    @Test
    void namesOnlyFilesThatExist() {
        Set<String> named = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        Matcher m = Pattern.compile("`((?:deploy/|docs/)?[\\w./-]+\\.(?:ya?ml|json|conf|md))`|(Dockerfile)").matcher(GUIDE);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            named.add(name);
            boolean exists = Files.exists(DeployFiles.ROOT.resolve(name)) || Files.exists(DeployFiles.DEPLOY.resolve(name))
                    || Files.exists(DeployFiles.KUBERNETES.resolve(name)) || Files.exists(DeployFiles.ROOT.resolve("docs").resolve(name));
            if (!exists) {
                missing.add(name);
            }
        }
        assertThat(named).contains("Dockerfile", "deploy/docker-compose.yml", "deploy/nginx.conf", "deployment.yaml");
        assertThat(missing).isEmpty();
    }
}
