package dev.parley.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@code PARLEY_SMTP_URL}: {@code smtp://user:password@host:port} speaks STARTTLS, required unless
 * {@code ?starttls=optional} (use it when offered) or {@code ?starttls=off} (plain text: a relay
 * on the same host or network only); {@code smtps://…} speaks TLS from the first byte. The
 * server's certificate and name are always checked when TLS is used. The password is a secret:
 * {@link #toString} and every message leave it (and the user) out.
 */
public record SmtpUrl(boolean implicitTls, String host, int port, String user, String password, StartTls startTls) {

    public enum StartTls { REQUIRED, OPTIONAL, OFF }

    /** Connecting, and each read or write of a conversation, may take this long. */
    static final int TIMEOUT_MILLIS = 20_000;

    public static SmtpUrl parse(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (percent-encode special characters in the user name"
                    + " and password)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("expected smtp://user:password@host:port or smtps://…");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("no host in the URL");
        }
        boolean tls = scheme.equals("smtps");
        StartTls startTls = tls ? StartTls.OFF : startTls(uri.getRawQuery());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new SmtpUrl(tls, uri.getHost(), port, user, password, startTls);
    }

    private static StartTls startTls(String query) {
        if (query == null || query.isEmpty()) {
            return StartTls.REQUIRED;
        }
        if (!query.startsWith("starttls=") || query.indexOf('&') >= 0) {
            throw new IllegalArgumentException("the only option is ?starttls=required|optional|off");
        }
        return switch (query.substring("starttls=".length())) {
            case "required" -> StartTls.REQUIRED;
            case "optional" -> StartTls.OPTIONAL;
            case "off" -> StartTls.OFF;
            default -> throw new IllegalArgumentException("starttls is required, optional or off");
        };
    }

    /** Jakarta Mail's session properties for this server. */
    Properties properties() {
        String p = implicitTls ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", implicitTls ? "smtps" : "smtp");
        props.put(p + "host", host);
        props.put(p + "port", Integer.toString(port));
        props.put(p + "auth", Boolean.toString(user != null));
        props.put(p + "connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        props.put(p + "timeout", Integer.toString(TIMEOUT_MILLIS));
        props.put(p + "writetimeout", Integer.toString(TIMEOUT_MILLIS));
        props.put(p + "ssl.checkserveridentity", "true");
        if (implicitTls) {
            props.put(p + "ssl.enable", "true");
        }
        props.put(p + "starttls.enable", Boolean.toString(startTls != StartTls.OFF));
        props.put(p + "starttls.required", Boolean.toString(startTls == StartTls.REQUIRED));
        return props;
    }

    @Override
    public String toString() {
        return (implicitTls ? "smtps://" : "smtp://") + host + ":" + port
                + (implicitTls ? "" : " (STARTTLS " + startTls.name().toLowerCase() + ")");
    }
}
