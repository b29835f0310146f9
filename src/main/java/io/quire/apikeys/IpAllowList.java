package io.quire.apikeys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Matches an address against entries that are single addresses or CIDR blocks, IPv4 or IPv6. */
final class IpAllowList {
    private IpAllowList() {}

    /** Whether {@code entry} is an address or CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). */
    static boolean valid(String entry) {
        try {
            parse(entry);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean allows(List<String> entries, String ip) {
        if (entries.isEmpty()) {
            return true;
        }
        byte[] address;
        try {
            address = literal(ip).getAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String entry : entries) {
            Block block = parse(entry);
            if (block.network.length == address.length && inBlock(address, block)) {
                return true;
            }
        }
        return false;
    }

    private record Block(byte[] network, int prefixBits) {}

    private static Block parse(String entry) {
        String[] parts = entry.trim().split("/", 2);
        byte[] network = literal(parts[0]).getAddress();
        int bits = network.length * 8;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix");
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("bad prefix");
            }
        }
        return new Block(network, bits);
    }

    private static boolean inBlock(byte[] address, Block block) {
        int full = block.prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != block.network[i]) {
                return false;
            }
        }
        int rest = block.prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (block.network[full] & mask);
    }

    /** Parses only literals: never a DNS lookup from a request path. */
    private static InetAddress literal(String text) {
        String s = text.trim();
        if (!s.matches("[0-9a-fA-F:.]+") || s.isEmpty()) {
            throw new IllegalArgumentException("not an IP literal");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal");
        }
    }
}
