package dev.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactorTest {
    @Test
    void takesOutWholeLineCommentsIndentationAndBlankLines() {
        String source = """
                // a line comment
                (() => {
                  'use strict';

                  /* a block comment on one line */
                  const a = 1; // a comment after code stays
                  /**
                   * A block over lines,
                   * // with a line comment inside
                   */
                  /* closed */ const b = 'https://example.com/*not a comment*/';
                  const c = `${a}//${b}`;
                })();
                """;
        assertThat(Compactor.compact("t.js", source)).isEqualTo("""
                (() => {
                'use strict';
                const a = 1; // a comment after code stays
                const b = 'https://example.com/*not a comment*/';
                const c = `${a}//${b}`;
                })();
                """);
    }

    @Test
    void cssCommentsGoToo() {
        assertThat(Compactor.compact("t.css", "/* header\n * more */\n.a {\n  color: red; /* kept */\n}\n"))
                .isEqualTo(".a {\ncolor: red; /* kept */\n}\n");
    }

    @Test
    void stylesheetsLoseTheBlanksCssDoesNotReadAndKeepTheirStrings() {
        String css = """
                /* a comment */
                .a > .b,
                .c :focus-visible { color: red; margin: 0 auto; }
                .to::before { content: "↪ "; }
                [data-x='a ; b'] { font: 13px/1.4 "Noto Sans", sans-serif; }
                @media (max-width: 480px) {
                  .a .b { padding: 0 !important; }
                }
                """;
        String compact = Compactor.compactCss("t.css", css);
        assertThat(compact).isEqualTo(".a>.b,.c :focus-visible{color:red;margin:0 auto}"
                + ".to::before{content:\"↪ \"}[data-x='a ; b']{font:13px/1.4 \"Noto Sans\",sans-serif}"
                + "@media (max-width:480px){.a .b{padding:0 !important}}\n");
        assertThat(Compactor.compactCss("t.css", compact)).as("compacting twice changes nothing").isEqualTo(compact);
    }

    @Test
    void refusesStringsThatGoOnToTheNextLine() {
        assertThatThrownBy(() -> Compactor.compact("t.js", "const t = `one\n  // two`;\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t.js line 1");
        assertThatThrownBy(() -> Compactor.compact("t.js", "const s = 'one\\\n  // two';\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t.js line 1");
        assertThatThrownBy(() -> Compactor.compact("t.js", "a();\n/* never closed\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not closed");
    }

    /**
     * The real widget: every line served is a line of the source with only its indentation (or a
     * leading comment) taken off, in the source's order, so no code is changed or reordered.
     */
    @Test
    void theWidgetsFilesLoseOnlyCommentsAndIndentation() {
        List<String> files = WidgetFiles.BUNDLES.stream().flatMap(bundle -> bundle.sources().stream()).toList();
        assertThat(files).contains("webroot/embed.css", "webroot/count.js");
        for (String file : files) {
            String source = WidgetFiles.resource(file);
            String compact = Compactor.compact(file, source);
            assertThat(Compactor.compact(file, compact)).as("compacting twice changes nothing").isEqualTo(compact);
            List<String> sourceLines = Arrays.stream(source.split("\n")).map(String::strip).toList();
            int at = 0;
            for (String line : compact.split("\n")) {
                while (at < sourceLines.size() && !sourceLines.get(at).endsWith(line)) {
                    assertThat(sourceLines.get(at)).as(file + ": a dropped line").matches("(//.*|/\\*.*|\\*.*|)");
                    at++;
                }
                assertThat(at).as(file + ": served line in the source: " + line).isLessThan(sourceLines.size());
                at++;
            }
            assertThat(compact.length()).as(file + " smaller").isLessThan(source.length());
        }
    }
}
