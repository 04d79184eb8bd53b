package dev.parley.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one message through the configured SMTP server (Jakarta Mail, Angus): a connection per
 * message, with the timeouts of {@link SmtpUrl}. Blocking: called from the mail threads only.
 */
public final class Mailer {
    private final SmtpUrl server;
    private final Session session;

    public Mailer(SmtpUrl server) {
        this.server = server;
        this.session = Session.getInstance(server.properties());
    }

    public MimeMessage message() {
        return new MimeMessage(session);
    }

    public void send(MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport()) {
            transport.connect(server.host(), server.port(), server.user(), server.password());
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
