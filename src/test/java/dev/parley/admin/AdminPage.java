package dev.parley.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The moderation page at /admin as a moderator uses it: real clicks and typing, reads through small scripts. */
final class AdminPage {
    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** One comment card in the list, as shown. actions: the data-act of each button, in order. */
    record Card(String id, String status, String author, String thread, String text, String authorId,
                String ipHash, List<String> actions) {}

    private final WebDriver driver;
    private final String baseUrl;

    AdminPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Opens /admin; signs in with the token unless this tab's session already is. */
    AdminPage open(String token) {
        return open("", token);
    }

    /** Opens /admin with this query (e.g. "?lang=ja"); signs in with the token unless already signed in. */
    AdminPage open(String query, String token) {
        driver.get(baseUrl + "/admin" + query);
        await("the page ready", () -> displayed("#login") || displayed("#app"));
        if (displayed("#login")) signIn(token);
        await("signed in", () -> displayed("#app"));
        return this;
    }

    /** Types the site (empty for the default) and the token and presses Enter, as a moderator would. */
    void signIn(String site, String token) {
        WebElement field = driver.findElement(By.id("login-site"));
        field.clear();
        field.sendKeys(site);
        signIn(token);
    }

    /** Fills the comment filters and presses Filter. */
    void filter(String thread, String author, String text) {
        for (var f : Map.of("filter-thread", thread, "filter-author", author, "filter-text", text).entrySet()) {
            WebElement field = driver.findElement(By.id(f.getKey()));
            field.clear();
            field.sendKeys(f.getValue());
        }
        driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
    }

    /** Types the token and presses Enter, as a moderator would. */
    void signIn(String token) {
        WebElement field = driver.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token, Keys.ENTER);
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        await("signed out", () -> displayed("#login"));
    }

    boolean displayed(String selector) {
        return Boolean.TRUE.equals(js("return document.querySelector(arguments[0])?.checkVisibility() ?? false;",
                selector));
    }

    String text(String selector) {
        return (String) js("return document.querySelector(arguments[0])?.textContent ?? null;", selector);
    }

    /** The shown polite notice, or the shown alert, whichever the last action produced. */
    String notice() {
        return text("#notice");
    }

    String problem() {
        return displayed("#problem") ? text("#problem") : null;
    }

    @SuppressWarnings("unchecked")
    List<Card> cards() {
        var raw = (List<Map<String, Object>>) js("""
                return [...document.querySelectorAll('#list > li')].map(li => ({
                  id: li.dataset.id, status: li.dataset.status,
                  author: li.querySelector('.who').textContent,
                  thread: li.querySelector('.where code').textContent,
                  text: li.querySelector('.text').textContent,
                  authorId: li.querySelectorAll('.ids code')[0].textContent,
                  ipHash: li.querySelectorAll('.ids code')[1].textContent,
                  actions: [...li.querySelectorAll('.actions [data-act]')].map(b => b.dataset.act),
                }));""");
        return raw.stream().map(m -> new Card((String) m.get("id"), (String) m.get("status"), (String) m.get("author"),
                (String) m.get("thread"), (String) m.get("text"), (String) m.get("authorId"), (String) m.get("ipHash"),
                (List<String>) m.get("actions"))).toList();
    }

    /** The texts of the listed comments, top to bottom. */
    List<String> texts() {
        return cards().stream().map(Card::text).toList();
    }

    /** Waits until the list shows a comment with exactly this text (it refreshes by itself). */
    Card awaitCard(String text) {
        await("a card with the text " + text, () -> cards().stream().anyMatch(c -> c.text().equals(text)));
        return card(text);
    }

    Card card(String text) {
        return cards().stream().filter(c -> c.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no card " + text + " in " + cards()));
    }

    /** Clicks an action button (data-act) of a card. */
    void act(String id, String action) {
        driver.findElement(By.cssSelector("#list > li[data-id='" + id + "'] [data-act='" + action + "']")).click();
    }

    /** Bans a card's author: Ban…, the duration, Ban author; waits for the confirmation. */
    void banAuthor(String id, String duration, String reason) {
        act(id, "ban");
        WebElement panel = driver.findElement(By.cssSelector("#list > li[data-id='" + id + "'] .ban-panel"));
        new Select(panel.findElement(By.tagName("select"))).selectByVisibleText(duration);
        panel.findElement(By.cssSelector("input.reason")).sendKeys(reason);
        panel.findElement(By.cssSelector("[data-act='ban-author']")).click();
        await("the ban confirmed", () -> notice().startsWith("Banned author"));
    }

    /**
     * Types a thread key into the threads form and presses Lock or Unlock; waits for the notice.
     * Returns each card's actions (by card text) as they were the moment the notice changed, so a
     * page that says "locked" before its cards do is caught, however fast it catches up.
     */
    @SuppressWarnings("unchecked")
    Map<String, List<String>> lockByKey(String thread, boolean locked) {
        js("""
                window.parleyAtNotice = null;
                new MutationObserver((_, observer) => {
                  observer.disconnect();
                  window.parleyAtNotice = Object.fromEntries([...document.querySelectorAll('#list > li')].map(li =>
                    [li.querySelector('.text').textContent, [...li.querySelectorAll('.actions [data-act]')].map(b => b.dataset.act)]));
                }).observe(document.querySelector('#notice'), { childList: true, characterData: true, subtree: true });""");
        WebElement field = driver.findElement(By.id("lock-thread"));
        field.clear();
        field.sendKeys(thread);
        driver.findElement(By.cssSelector("#lock-form button[data-locked='" + locked + "']")).click();
        String notice = "Thread " + thread + (locked ? " locked." : " unlocked.");
        await("the notice " + notice, () -> notice.equals(notice()));
        return (Map<String, List<String>>) js("return window.parleyAtNotice;");
    }

    void showStatus(String status) {
        new Select(driver.findElement(By.id("status"))).selectByValue(status);
    }

    /** Sets pre-moderation in the settings form and saves. */
    void setPremoderation(boolean on) {
        WebElement box = driver.findElement(By.id("premoderation"));
        if (box.isSelected() != on) box.click();
        driver.findElement(By.cssSelector("#settings-form button[type=submit]")).click();
        await("settings saved", () -> "Settings saved.".equals(notice()));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void await(String what, Supplier<Boolean> condition) {
        new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50))
                .withMessage(() -> what + "; the page shows " + cards() + ", notice " + notice()
                        + ", problem " + problem())
                .until(d -> condition.get());
    }
}
