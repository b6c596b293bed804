package org.sca.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sca.core.auth.DigestAlgorithm;

/**
 * One shared line as configured.
 *
 * @param id the short name of its {@code line.<id>.*} block, used in messages
 * @param aor the address of record, e.g. {@code sip:osas_shared@192.0.2.1}
 * @param user the user part of the AOR
 * @param host the host part of the AOR (without port)
 * @param displayName shown to called parties
 * @param credentials digest authentication ID to password, for every device that may use the line
 * @param trunks where calls for the line may come from, and where its phones' calls go, tried in
 *        this order (port 5060 unless given) until one does not answer 503 or time out
 * @param publishers who may PUBLISH call-info state for the line
 * @param trustedNetworks sources accepted without digest authentication (labs only)
 * @param maxAppearances how many calls the line can hold at once
 * @param digestAlgorithms the digest challenges offered, in this order; an answer must use one
 * @param aliases other hosts the line's AOR may name (DNS names or addresses of this server)
 * @param trunkLogin what the server answers a trunk's digest challenge with, if it may
 */
public record LineConfig(String id, String aor, String user, String host, String displayName,
        Map<String, String> credentials, List<Endpoint> trunks, List<Endpoint> publishers,
        List<Cidr> trustedNetworks, int maxAppearances, List<DigestAlgorithm> digestAlgorithms, List<String> aliases,
        Optional<TrunkLogin> trunkLogin) {

    public LineConfig {
        credentials = Map.copyOf(credentials);
        trunks = List.copyOf(trunks);
        publishers = List.copyOf(publishers);
        trustedNetworks = List.copyOf(trustedNetworks);
        digestAlgorithms = List.copyOf(digestAlgorithms);
        aliases = List.copyOf(aliases);
        if (digestAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("a line offers at least one digest algorithm");
        }
    }

    /** Whether a device authenticated as {@code authId} may register, subscribe and call on this line. */
    public boolean isMember(String authId) {
        return credentials.containsKey(authId);
    }

    /** Whether a URI with this line's user and {@code uriHost} names the line: its AOR's host or an alias, any case. */
    public boolean answersTo(String uriHost) {
        return host.equalsIgnoreCase(uriHost) || aliases.stream().anyMatch(uriHost::equalsIgnoreCase);
    }

    public boolean isTrunk(String host, int port) {
        return trunks.stream().anyMatch(endpoint -> endpoint.matches(host, port));
    }

    public boolean isPublisher(String host, int port) {
        return publishers.stream().anyMatch(endpoint -> endpoint.matches(host, port));
    }

    public boolean trusts(InetAddress address) {
        return trustedNetworks.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** Keeps passwords out of logs, which is where records' toString usually ends up. */
    @Override
    public String toString() {
        return "LineConfig[id=" + id + ", aor=" + aor + ", displayName=" + displayName
                + ", authIds=" + credentials.keySet() + ", trunks=" + trunks + ", publishers=" + publishers
                + ", trustedNetworks=" + trustedNetworks + ", maxAppearances=" + maxAppearances
                + ", digestAlgorithms=" + digestAlgorithms + ", aliases=" + aliases + ", trunkLogin=" + trunkLogin + "]";
    }
}
