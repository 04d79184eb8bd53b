package dev.parley.abuse;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who is asking: the socket peer, unless the peer is one of our own proxies
 * ({@code PARLEY_TRUSTED_PROXIES}); then the right-most {@code X-Forwarded-For} address that is not
 * a trusted proxy. Addresses a client wrote further left are never believed, so a forged header
 * cannot dodge a limit or a ban.
 */
public final class ClientAddress {
    private record Cidr(BigInteger network, BigInteger mask, int length) {
        boolean contains(byte[] address) {
            return address.length == length && new BigInteger(1, address).and(mask).equals(network);
        }
    }

    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedCidrs) {
        this.trusted = trustedCidrs.stream().map(ClientAddress::cidr).toList();
    }

    public String of(String peer, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isLiteral(hop)) {
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    private static boolean isLiteral(String s) {
        return literal(s) != null;
    }

    /** Parses an IP literal without any name lookup; null for anything else. */
    private static byte[] literal(String s) {
        if (s == null || s.isEmpty() || !s.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static Cidr cidr(String spec) {
        String[] parts = spec.trim().split("/");
        byte[] address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("not a CIDR: " + spec);
        }
        int bits = address.length * 8;
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("bad prefix length in " + spec);
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new Cidr(new BigInteger(1, address).and(mask), mask, address.length);
    }

    /** Validates a CIDR list for the configuration loader. */
    public static void check(List<String> cidrs) {
        cidrs.forEach(ClientAddress::cidr);
    }
}
