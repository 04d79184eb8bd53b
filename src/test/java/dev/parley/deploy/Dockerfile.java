package dev.parley.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Dockerfile as a list of instructions per stage, continuation lines joined, comments dropped. */
final class Dockerfile {
    record Instruction(String keyword, String args) {
    }

    record Stage(String from, String name, List<Instruction> instructions) {
        List<String> args(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
        }
    }

    static final Path FILE = DeployFiles.ROOT.resolve("Dockerfile");

    private Dockerfile() {
    }

    static List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        for (Instruction i : instructions()) {
            if (i.keyword().equals("FROM")) {
                String[] parts = i.args().split("\\s+");
                String name = parts.length >= 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : "";
                stages.add(new Stage(parts[0], name, new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).instructions().add(i);
            } else if (!i.keyword().equals("ARG")) {
                throw new AssertionError("instruction before FROM: " + i);
            }
        }
        return stages;
    }

    static List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : DeployFiles.read(FILE).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String joined = current.toString().strip();
            current.setLength(0);
            if (!joined.isEmpty()) {
                int space = joined.indexOf(' ');
                out.add(new Instruction(joined.substring(0, space).toUpperCase(), joined.substring(space + 1).strip()));
            }
        }
        return out;
    }

    /** {@code ENV A=1 B="two words"} as a map. */
    static Map<String, String> env(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
        for (String args : stage.args("ENV")) {
            var m = pair.matcher(args);
            while (m.find()) {
                String value = m.group(2);
                env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }

    /** The command of {@code HEALTHCHECK [options] CMD command} (shell form). */
    static String healthcheckCommand(Stage stage) {
        List<String> checks = stage.args("HEALTHCHECK");
        if (checks.size() != 1) {
            throw new AssertionError("expected one HEALTHCHECK, found " + checks);
        }
        int cmd = checks.get(0).indexOf("CMD ");
        if (cmd < 0) {
            throw new AssertionError("HEALTHCHECK without CMD: " + checks.get(0));
        }
        return checks.get(0).substring(cmd + 4).strip();
    }
}
