package dev.parley.store;

import dev.parley.moderation.MailSubscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Where mail holds personal data, for an author's export and erasure: their subscriptions
 * (address, comment), the mails waiting for those addresses or about them, and the counters kept
 * per address. Called inside the export's and the erasure's own transactions.
 */
final class PersonalMail {
    private static final String ADDRESSES_OF = "(SELECT address FROM mail_subscriptions WHERE author_id = ?)";

    private PersonalMail() {
    }

    static List<MailSubscription> export(Connection conn, String authorId) throws SQLException {
        return Sql.list(conn, "SELECT comment_id, address, confirmed_at, created_at FROM mail_subscriptions"
                + " WHERE author_id = ? ORDER BY comment_id", rs -> {
                    long confirmed = rs.getLong(3);
                    Instant confirmedAt = rs.wasNull() ? null : Instant.ofEpochMilli(confirmed);
                    return new MailSubscription(rs.getLong(1), rs.getString(2), confirmedAt,
                            Instant.ofEpochMilli(rs.getLong(4)));
                }, authorId);
    }

    /**
     * Removes the author's subscriptions, every mail waiting for their addresses or for them, and
     * the counters of those addresses (a moderator sharing one keeps getting mail: the setting
     * names it). Mails about their comments need nothing: the erased comments have no text left
     * to send, and such a mail is dropped when its turn comes.
     */
    static void erase(Connection conn, String authorId) throws SQLException {
        Sql.update(conn, "DELETE FROM mail_outbox WHERE author_id = ? OR address IN " + ADDRESSES_OF, authorId, authorId);
        Sql.update(conn, "DELETE FROM mail_addresses WHERE address IN " + ADDRESSES_OF, authorId);
        Sql.update(conn, "DELETE FROM mail_subscriptions WHERE author_id = ?", authorId);
    }
}
