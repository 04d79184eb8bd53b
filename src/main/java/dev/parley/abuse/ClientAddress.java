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
    private final int ipv6Prefix;

    /**
     * {@code ipv6Prefix}: IPv6 clients count by this prefix, not by address: one host commonly has
     * a whole /64, so limits and bans by full address would be rotated past.
     */
    public ClientAddress(List<String> trustedCidrs, int ipv6Prefix) {
        this.trusted = trustedCidrs.stream().map(ClientAddress::cidr).toList();
        this.ipv6Prefix = ipv6Prefix;
    }

    /** Who is asking, as limits and bans count clients: an IPv4 address, or an IPv6 prefix. */
    public String of(String peer, String forwardedFor) {
        return aggregate(address(peer, forwardedFor));
    }

    private String address(String peer, String forwardedFor) {
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

    /**
     * An IPv6 address becomes its prefix, e.g. {@code 2001:db8:1:2:0:0:0:0/64}; an IPv4-mapped one
     * its IPv4 address; anything else stays as it is.
     */
    private String aggregate(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) {
            return address.indexOf(':') < 0 ? address : (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "."
                    + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        for (int bit = ipv6Prefix; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + ipv6Prefix;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** Whether this socket peer is one of our own proxies (its connections carry other clients). */
    public boolean isTrustedProxy(String peer) {
        return isTrusted(peer);
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
