package org.sca.core.auth;

/** The request-digest a client must send for given credentials (RFC 7616 section 3.4.1). */
final class DigestResponse {

    private DigestResponse() {
    }

    /**
     * The expected {@code response} for {@code credentials} on a request with {@code method},
     * if the user's password is {@code password}. Without qop this is the RFC 2069 form that
     * RFC 3261 still requires servers to accept.
     */
    static String expected(DigestCredentials credentials, String method, String password) {
        DigestAlgorithm h = credentials.algorithm();
        String ha1 = h.hex(credentials.username() + ":" + credentials.realm() + ":" + password);
        String ha2 = h.hex(method + ":" + credentials.uri());
        if (credentials.qop() == null) {
            return h.hex(ha1 + ":" + credentials.nonce() + ":" + ha2);
        }
        return h.hex(ha1 + ":" + credentials.nonce() + ":" + credentials.nc() + ":" + credentials.cnonce()
                + ":" + credentials.qop() + ":" + ha2);
    }
}
