package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every language of the widget (docs/widget.md, "Languages"): each renders its own strings and
 * plurals from its part, Arabic lays out right to left, and the language is chosen from data-lang
 * or else the browser's list, falling back to English.
 */
@ExtendWith(Browser.Required.class)
class LanguagesTest {
    static final String THREAD = "lang/table";

    @AutoClose static Stage stage;

    /**
     * One language as a reader sees it: data-lang, the part it loads (null: English, built in), the
     * root's lang and dir, and the texts of the status, the count of two comments (a plural), the
     * presence of one reader (another plural), the sort toggle, the Post button and a fresh comment's time.
     */
    record Language(String tag, String part, String locale, String dir, String live, String twoComments,
                    String oneReading, String newest, String post, String justNow) {}

    static List<Language> languages() {
        return List.of(
                new Language("en", null, "en", "ltr", "live", "2 comments", "1 reading now", "Newest first", "Post", "just now"),
                new Language("zh-CN", "lang-zh", "zh-CN", "ltr", "实时", "2 条评论", "1 人正在阅读", "最新在前", "发表", "刚刚"),
                new Language("zh-TW", "lang-zh-TW", "zh-TW", "ltr", "即時", "2 則留言", "1 人正在閱讀", "最新優先", "發佈", "剛剛"),
                new Language("ja", "lang-ja", "ja", "ltr", "ライブ", "2 件のコメント", "1 人が閲覧中", "新しい順", "投稿", "たった今"),
                new Language("ko-KR", "lang-ko", "ko", "ltr", "실시간", "댓글 2개", "1명이 보는 중", "최신순", "등록", "방금"),
                new Language("es", "lang-es", "es", "ltr", "en vivo", "2 comentarios", "1 leyendo ahora", "Más recientes", "Publicar", "ahora mismo"),
                new Language("fr-CA", "lang-fr", "fr", "ltr", "en direct", "2 commentaires", "1 lecteur en ce moment", "Plus récents", "Publier", "à l’instant"),
                new Language("de", "lang-de", "de", "ltr", "live", "2 Kommentare", "1 liest gerade", "Neueste zuerst", "Absenden", "gerade eben"),
                new Language("pt-BR", "lang-pt", "pt-BR", "ltr", "ao vivo", "2 comentários", "1 lendo agora", "Mais recentes", "Publicar", "agora mesmo"),
                new Language("ru", "lang-ru", "ru", "ltr", "онлайн", "2 комментария", "сейчас читает 1", "Сначала новые", "Отправить", "только что"),
                new Language("ar", "lang-ar", "ar", "rtl", "مباشر", "تعليقان", "قارئ واحد الآن", "الأحدث أولًا", "نشر", "الآن"));
    }

    @BeforeAll
    static void start() {
        stage = Stage.start(Map.of(), Browser::english);
        stage.api().post(THREAD, null, "Ann", "One");
        stage.api().post(THREAD, null, "Bo", "Two");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void eachLanguageRendersItsStringsAndPluralsFromItsPart(Language language) {
        String thread = "lang/" + language.tag(); // its only reader, and comments just written
        stage.api().post(thread, null, "Ann", "One");
        stage.api().post(thread, null, "Bo", "Two");
        Widget reader = stage.open(Map.of("thread", thread, "lang", language.tag()));
        reader.awaitComment("Two", Widget.PATIENCE);
        reader.await("presence", Widget.PATIENCE, () -> language.oneReading().equals(reader.text(".online")));

        assertThat(reader.text(".status")).isEqualTo(language.live());
        assertThat(reader.text(".top h2")).isEqualTo(language.twoComments());
        assertThat(reader.text(".sort button")).isEqualTo(language.newest());
        assertThat(reader.text(".parley > .form button.primary")).isEqualTo(language.post());
        assertThat(reader.text(".comment time")).isEqualTo(language.justNow());
        assertThat(reader.js("const r = root.querySelector('.parley'); return [r.lang, r.dir];"))
                .isEqualTo(List.of(language.locale(), language.dir()));
        assertThat(parts()).as("parts loaded")
                .isEqualTo(language.part() == null ? List.of() : List.of("/widget/" + language.part() + ".js"));
    }

    @Test
    void arabicLaysOutRightToLeftAndIsSavedAsAScreenshot() {
        String thread = "lang/rtl";
        String first = stage.api().post(thread, null, "ليلى", "مرحبًا بالجميع! هذا **أول** تعليق.");
        stage.api().post(thread, first, "Omar", "وهذا رد عليه.");
        Widget reader = stage.open(Map.of("thread", thread, "lang", "ar"));
        reader.awaitComment("وهذا رد عليه.", Widget.PATIENCE);

        assertThat(reader.js("return getComputedStyle(root.querySelector('.parley')).direction;")).isEqualTo("rtl");
        // The title sits at the right end of the header, the sort toggle at the left.
        assertThat((Boolean) reader.js("const box = s => root.querySelector(s).getBoundingClientRect();"
                + " return box('.top h2').left > box('.sort').right;")).isTrue();
        // Replies are indented from the right, with their line on the right.
        assertThat(reader.js("const s = getComputedStyle(root.querySelector('.replies:not(:empty)'));"
                + " return [s.borderRightWidth, s.borderLeftWidth, s.marginRight, s.marginLeft];"))
                .isEqualTo(List.of("2px", "0px", "10px", "0px"));
        assertThat(reader.js("return root.querySelector('.parley > .form textarea').placeholder;"))
                .isEqualTo("شارك في النقاش (يدعم Markdown)");
        assertThat(stage.browser.screenshot("widget-ar-rtl.png")).isNotEmptyFile();
    }

    @Test
    void theBrowsersFirstLanguageTheWidgetSpeaksIsChosenAndDataLangWinsOverIt() {
        stage.browser.speak("it-IT,it,pt-BR,fr");
        try {
            Widget reader = stage.open(Map.of("thread", THREAD));
            assertThat(reader.js("return navigator.languages;")).isEqualTo(List.of("it-IT", "it", "pt-BR", "fr"));
            assertThat(reader.text(".status")).as("Italian is not spoken: Portuguese comes next").isEqualTo("ao vivo");

            reader = stage.open(Map.of("thread", THREAD, "lang", "de"));
            assertThat(reader.text(".status")).as("data-lang wins").isEqualTo("live");
            assertThat(reader.text(".sort button")).isEqualTo("Neueste zuerst");
        } finally {
            stage.browser.speak("");
        }
    }

    @Test
    void anUnknownLanguageFallsBackToEnglish() {
        stage.browser.speak("it-IT,it,eo");
        try {
            Widget reader = stage.open(Map.of("thread", THREAD));
            assertThat(reader.text(".top h2")).isEqualTo("2 comments");
            assertThat(reader.js("return root.querySelector('.parley').lang;")).isEqualTo("en");
            assertThat(parts()).isEmpty();

            reader = stage.open(Map.of("thread", THREAD, "lang", "tlh"));
            assertThat(reader.text(".top h2")).isEqualTo("2 comments");
            assertThat(parts()).isEmpty();
        } finally {
            stage.browser.speak("");
        }
    }

    /** The paths of the widget parts this page loaded. */
    @SuppressWarnings("unchecked")
    private static List<String> parts() {
        return (List<String>) new Widget(stage.browser.driver).js("return performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name).pathname).filter(p => p.startsWith('/widget/'));");
    }
}
