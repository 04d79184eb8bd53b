package dev.parley.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} or {@code --name=value} for the options it takes,
 * {@code --flag} for its flags, the rest positional. Anything else is a {@link UsageException}.
 */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    Options(List<String> args, Set<String> options, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (flags.contains(name) && eq < 0) {
                values.put(name, "true");
            } else if (options.contains(name)) {
                if (eq < 0 && i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                values.put(name, eq < 0 ? args.get(++i) : arg.substring(eq + 1));
            } else {
                throw new UsageException("unknown option '" + Commands.printable(arg) + "'");
            }
        }
    }

    String value(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The one positional argument, named {@code what} in the error when it is missing or repeated. */
    String single(String what) {
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? what + " is missing" : "one " + what + " only");
        }
        return positional.get(0);
    }

    List<String> positional() {
        return positional;
    }

    /** A bad command line: exit code 2 with one line saying what is wrong. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
