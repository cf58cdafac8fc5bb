package dev.kcbundle.it.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Keycloak's admin console (a React/PatternFly app) as a tenant admin drives it in {@link Browser}. Elements are found
 * by the console's own {@code data-testid}s and ids, the ones Keycloak's Playwright tests use
 * ({@code js/apps/admin-ui/test}), never by translated text, so one page object serves every console language.
 * Every wait is generous (a slow CI machine renders the console in seconds, not milliseconds); nothing sleeps.
 */
final class AdminConsole {

    /** Longest wait for the console to render or for the server to answer a save (connection checks included). */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final By TOAST = By.cssSelector(".pf-v5-c-alert-group.pf-m-toast .pf-v5-c-alert");
    private static final By ALERT_TITLE = By.cssSelector(".pf-v5-c-alert-group.pf-m-toast .pf-v5-c-alert__title");
    private static final By POPOVER = By.cssSelector(".pf-v5-c-popover .pf-v5-c-popover__body");
    private static final By FORM_LABEL = By.cssSelector("main .pf-v5-c-form__label-text");
    private static final By ALERT_CLOSE =
            By.cssSelector(".pf-v5-c-alert-group.pf-m-toast .pf-v5-c-alert__action button");

    private final Browser browser;
    private final String baseUrl;
    private final String screenshotPrefix;

    /** {@code screenshotPrefix}: screenshots are saved as {@code <prefix>-<step>.png}. */
    AdminConsole(Browser browser, String baseUrl, String screenshotPrefix) {
        this.browser = browser;
        this.baseUrl = baseUrl;
        this.screenshotPrefix = screenshotPrefix;
    }

    /** Signs in to the master realm's console with Keycloak's login page. */
    AdminConsole signIn(String username, String password) {
        signInAt("master", username, password);
        waitFor(By.id("nav-item-realms"));
        return this;
    }

    /** Signs in to the console of {@code realm} as one of its own admins (a tenant admin, who sees only that realm). */
    AdminConsole signInToRealm(String realm, String username, String password) {
        signInAt(realm, username, password);
        waitFor(By.cssSelector("#nav-item-users[href='#/" + realm + "/users']"));
        return this;
    }

    private void signInAt(String realm, String username, String password) {
        browser.open(baseUrl + "/admin/" + realm + "/console/");
        fill(By.id("username"), username);
        fill(By.id("password"), password);
        click(By.id("kc-login"));
    }

    /** "Manage realms", search the realm, open it; waits until the side navigation points into that realm. */
    AdminConsole openRealm(String realm) {
        click(By.id("nav-item-realms"));
        fill(By.cssSelector("[data-testid='table-search-input'] input"), realm + Keys.ENTER);
        click(By.cssSelector("main a[href='#/" + realm + "']"));
        waitFor(By.cssSelector("#nav-item-users[href='#/" + realm + "/users']"));
        return this;
    }

    /** A section of the side navigation: {@code user-federation}, {@code users}, {@code clients}, ... */
    AdminConsole openSection(String section) {
        dismissAlerts();
        click(By.id("nav-item-" + section));
        return this;
    }

    /** The text of a side navigation entry, in the console's language. */
    String sectionName(String section) {
        return waitFor(By.id("nav-item-" + section)).getText();
    }

    WebElement waitFor(By element) {
        return until("shown: " + element, driver -> {
            WebElement found = driver.findElement(element);
            return found.isDisplayed() ? found : null;
        });
    }

    /** {@link Browser#waitUntil} with {@link #WAIT}; on timeout saves {@code <prefix>-failed.png} and names what. */
    private <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return browser.waitUntil(WAIT, condition);
        } catch (TimeoutException e) {
            screenshot("failed");
            throw new AssertionError(
                    "The console did not get " + what + " within " + WAIT.toSeconds() + " s (url " + browser.url()
                            + ")",
                    e);
        }
    }

    /** Clicks once the element is shown and enabled, trying again while it re-renders or a toast covers it. */
    AdminConsole click(By element) {
        until("clickable: " + element, driver -> {
            WebElement found = driver.findElement(element);
            if (!found.isDisplayed() || !found.isEnabled()) {
                return false;
            }
            found.click();
            return true;
        });
        return this;
    }

    /** Replaces a field's text the way a user does (select all, type), so React's form state sees the change. */
    AdminConsole fill(By field, String text) {
        WebElement input = waitFor(field);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        return this;
    }

    /** Picks {@code option} in the select whose toggle has the id {@code id} (a list option of a provider form). */
    AdminConsole choose(String id, String option) {
        return click(By.id(id)).click(By.xpath("//*[@role='option'][normalize-space()='" + option + "']"));
    }

    /**
     * A PatternFly switch: its checkbox is covered by the drawn toggle, so the switch's label is what a user
     * clicks. Sets it to {@code on}.
     */
    AdminConsole setSwitch(String id, boolean on) {
        if (waitForPresent(By.id(id)).isSelected() != on) {
            click(By.cssSelector("label[for='" + id + "']"));
        }
        return this;
    }

    private WebElement waitForPresent(By element) {
        return until("present: " + element, driver -> driver.findElement(element));
    }

    /** Clicks {@code save} and returns the text of the success alert the console shows; fails on an error alert. */
    String saveExpectingSuccess(By save) {
        Alert alert = save(save);
        if (!alert.success()) {
            throw new AssertionError("the console answered with an error: " + alert.text());
        }
        return alert.text();
    }

    /** Clicks {@code save} and returns the alert the console shows for it (older alerts are closed first). */
    Alert save(By save) {
        dismissAlerts();
        click(save);
        return alertAfter(save);
    }

    /**
     * Opens the action menu behind {@code toggle} (unless open), clicks its {@code position}th item (from 1) and returns
     * the alert that answers it. The console derives no test id for these items, so they are found by position.
     */
    Alert chooseAction(By toggle, int position) {
        By item = By.xpath("(//*[@role='menu']//*[@role='menuitem'])[" + position + "]");
        dismissAlerts();
        if (!browser.isShown(item)) {
            click(toggle);
        }
        click(item);
        return alertAfter(item);
    }

    /**
     * The toast that answers an action (older ones were closed before it): success, warning or danger; an info toast
     * such as "Sync of users started" is passed over.
     */
    private Alert alertAfter(By action) {
        return until(
                "an alert after clicking " + action,
                driver -> driver.findElements(TOAST).stream()
                        .map(AdminConsole::answer)
                        .flatMap(Optional::stream)
                        .findFirst()
                        .orElse(null));
    }

    private static Optional<Alert> answer(WebElement toast) {
        String classes = toast.getAttribute("class");
        return Stream.of(Alert.Variant.values())
                .filter(variant -> classes.contains(variant.modifier))
                .findFirst()
                .map(variant -> new Alert(
                        variant,
                        Stream.concat(
                                        toast.findElements(By.className("pf-v5-c-alert__title")).stream(),
                                        toast.findElements(By.className("pf-v5-c-alert__description")).stream())
                                .map(WebElement::getText)
                                .collect(Collectors.joining("\n"))));
    }

    /** An alert of the console: its colour, and its title text followed by its description's (if any). */
    record Alert(Variant variant, String text) {

        enum Variant {
            SUCCESS("pf-m-success"),
            WARNING("pf-m-warning"),
            DANGER("pf-m-danger");

            final String modifier;

            Variant(String modifier) {
                this.modifier = modifier;
            }
        }

        boolean success() {
            return variant == Variant.SUCCESS;
        }
    }

    /**
     * Waits until the shown form's field labels (PatternFly form groups under {@code main}) include {@code expected},
     * as the admin reads them, and returns them all; fails naming what was awaited if they do not within {@link #WAIT}.
     */
    List<String> formLabelsIncluding(List<String> expected) {
        return until("form labels including " + expected, driver -> {
            List<String> labels = driver.findElements(FORM_LABEL).stream()
                    .filter(WebElement::isDisplayed)
                    .map(WebElement::getText)
                    .toList();
            return labels.containsAll(expected) ? labels : null;
        });
    }

    /**
     * The help text of the form field labelled {@code label}, as its help icon's popover shows it; the popover is closed
     * again (a second click on the icon) before this returns.
     */
    String helpText(String label) {
        By help = By.xpath("//main//div[contains(@class,'pf-v5-c-form__group-label')]"
                + "[.//*[contains(@class,'pf-v5-c-form__label-text')][normalize-space()='" + label + "']]//button");
        click(help);
        String text = waitFor(POPOVER).getText();
        click(help);
        until("the help popover closed", driver -> driver.findElements(POPOVER).isEmpty());
        return text;
    }

    /**
     * The cells' texts of the first table row under {@code main} whose first cell reads {@code firstCell} (ignoring
     * case: the console writes some credential types capitalised); waits until there is one.
     */
    List<String> tableRow(String firstCell) {
        return until(
                "a table row starting with " + firstCell,
                driver -> driver.findElements(By.cssSelector("main tbody tr")).stream()
                        .map(row -> row.findElements(By.tagName("td")).stream()
                                .map(WebElement::getText)
                                .toList())
                        .filter(cells -> !cells.isEmpty() && cells.get(0).trim().equalsIgnoreCase(firstCell))
                        .findFirst()
                        .orElse(null));
    }

    /** The titles of the toast alerts shown now, info toasts included. */
    List<String> alertTitles() {
        return until(
                "the alerts' titles",
                driver -> driver.findElements(ALERT_TITLE).stream()
                        .map(WebElement::getText)
                        .toList());
    }

    /** Closes every toast alert, so the next one read is the answer to the next action. */
    AdminConsole dismissAlerts() {
        until("no alerts", driver -> {
            driver.findElements(ALERT_CLOSE).forEach(WebElement::click);
            return driver.findElements(ALERT_TITLE).isEmpty();
        });
        return this;
    }

    /**
     * The {@code position}th button (from 1) of the page's empty state ("No groups", "No mappers"): the console derives
     * those buttons' test ids from their translated text, so they are found by position instead (in the shown tab).
     */
    static By emptyStateAction(int position) {
        return By.xpath("(//main//*[@data-testid='empty-state'][not(ancestor::*[@hidden])]//button)[" + position + "]");
    }

    /** The row of a table under {@code scope} (an XPath: the page, a dialog) with a cell reading {@code text}. */
    static By row(String scope, String text) {
        return By.xpath(rowPath(scope, text));
    }

    /** The selection checkbox of that row. */
    static By rowCheckbox(String scope, String text) {
        return By.xpath(rowPath(scope, text) + "//input[@type='checkbox']");
    }

    private static String rowPath(String scope, String text) {
        return scope + "//tr[td[normalize-space()='" + text + "']]";
    }

    /** Saves the page as {@code target/screenshots/<prefix>-<step>.png}. */
    void screenshot(String step) {
        browser.screenshot(screenshotPrefix + "-" + step);
    }

    AdminConsole reload() {
        browser.reload();
        return this;
    }
}
