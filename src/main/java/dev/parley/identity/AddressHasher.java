package dev.parley.identity;

import java.util.Arrays;
import java.util.Base64;

/** Client addresses become salted hashes before they are stored or shown; the address itself never is. */
public final class AddressHasher {
    private final ServerSecret secret;

    public AddressHasher(ServerSecret secret) {
        this.secret = secret;
    }

    public String hash(String address) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(secret.mac("address", address), 12));
    }
}
