package dev.parley.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.widget.Api;
import dev.parley.widget.Browser;
import dev.parley.widget.Stage;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** The moderation page in the moderator's language (docs/admin.md, "Languages"): Japanese here. */
@ExtendWith(Browser.Required.class)
class AdminLanguageTest {
    @AutoClose static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.start(Api.MODERATED, Browser::english);
    }

    @Test
    void aJapaneseModeratorGetsTheWholePageInJapanese() {
        AdminPage admin = new AdminPage(stage.browser.driver, stage.app.baseUrl());
        stage.browser.driver.get(stage.app.baseUrl() + "/admin?lang=ja");
        admin.await("the sign-in form", () -> admin.displayed("#login"));
        assertThat(admin.text("#login h2")).isEqualTo("ログイン");
        assertThat(admin.text("#token-help")).isEqualTo("サーバーの PARLEY_ADMIN_TOKEN です。このタブの中だけに保存され、タブを閉じると消えます。");
        assertThat(admin.js("return document.querySelector('#token-help code').textContent;")).isEqualTo("PARLEY_ADMIN_TOKEN");
        stage.browser.driver.findElement(By.id("token")).sendKeys("wrong-token-0123456789", Keys.ENTER);
        admin.await("the refusal", () -> "このトークンは受け付けられませんでした。".equals(admin.text("#login-error")));

        String id = stage.api().post("admin/ja", null, "花子", "こんにちは");
        admin.open("?lang=ja", Api.MODERATOR_TOKEN);
        assertThat(admin.js("return [document.documentElement.lang, document.title];"))
                .isEqualTo(List.of("ja", "Parley モデレーション"));
        assertThat(admin.js("return [...document.querySelectorAll('#nav a')].map(a => a.textContent);"))
                .isEqualTo(List.of("コメント", "投稿禁止", "スレッド", "設定", "投稿者データ", "インポートとバックアップ", "監査ログ"));
        assertThat(admin.js("return [...document.querySelectorAll('#transfer label span, #transfer button')].map(e => e.textContent);"))
                .isEqualTo(List.of("形式", "ファイル", "試行のみ", "インポート", "今すぐバックアップ"));
        assertThat(admin.js("return [...document.querySelectorAll('#ban-seconds option')].map(o => o.textContent);"))
                .isEqualTo(List.of("1 時間", "1 日", "1 週間", "30 日", "1 年"));
        admin.awaitCard("こんにちは");
        assertThat(admin.js("return [...document.querySelectorAll(`#list > li[data-id='${arguments[0]}'] [data-act]`)]"
                + ".filter(b => b.checkVisibility()).map(b => b.textContent);", id))
                .isEqualTo(List.of("削除", "禁止…", "スレッドをロック", "投稿者を書き出す", "投稿者を消去…"));

        admin.act(id, "lock");
        admin.await("the notice", () -> "スレッド admin/ja をロックしました。".equals(admin.notice()));
    }
}
