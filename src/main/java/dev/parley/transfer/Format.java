package dev.parley.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The files an import reads. The wire name is what {@code --format} and {@code ?format=} take. */
public enum Format {
    DISQUS,
    WORDPRESS,
    REMARK42,
    ISSO,
    PARLEY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format by its wire name; an unknown one is an {@link IllegalArgumentException} listing the known ones. */
    public static Format of(String name) {
        for (Format f : values()) {
            if (f.wire().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of " + names() + ", not '" + name + "'");
    }

    public static String names() {
        return Arrays.stream(values()).map(Format::wire).collect(Collectors.joining("|"));
    }

    SourceFile read(Path file) throws IOException {
        return switch (this) {
            case DISQUS -> new DisqusReader().read(file);
            case WORDPRESS -> new WordPressReader().read(file);
            case REMARK42 -> new Remark42Reader().read(file);
            case ISSO -> new IssoReader().read(file);
            case PARLEY -> new ParleyReader().read(file);
        };
    }
}
