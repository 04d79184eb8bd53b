package dev.parley.store;

import java.util.List;
import java.util.function.UnaryOperator;

/** Names signed-in authors have used (verified_names): what the store does with them besides checking. */
public final class Reservations {
    private final Database db;

    public Reservations(Database db) {
        this.db = db;
    }

    /**
     * Gives name reservations made before SSO sites existed (V5) the author id of their user, once:
     * {@code legacyAuthorId} derives it from the site's user id, which needs the server secret.
     */
    public int ownLegacy(UnaryOperator<String> legacyAuthorId) {
        List<String> users = db.read(conn -> Sql.list(conn, "SELECT DISTINCT sso_user FROM verified_names"
                + " WHERE author_id IS NULL", rs -> rs.getString(1)));
        if (users.isEmpty()) {
            return 0;
        }
        return db.write(conn -> {
            int owned = 0;
            for (String user : users) {
                owned += Sql.update(conn, "UPDATE verified_names SET author_id = ? WHERE sso_user = ? AND site = ?"
                        + " AND author_id IS NULL", legacyAuthorId.apply(user), user, "");
            }
            return owned;
        });
    }
}
