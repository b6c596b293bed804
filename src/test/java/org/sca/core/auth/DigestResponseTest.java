package org.sca.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The published example vectors: if these pass, the formula is the RFCs' one. */
class DigestResponseTest {
    private static final String RFC7616_HEADER = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\","
            + " uri=\"/dir/index.html\", algorithm=%s,"
            + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001,"
            + " cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth,"
            + " response=\"%s\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    @Test
    void rfc7616Md5Example() throws Exception {
        String response = "8ca523f5e9506fed4657c9700eebdbec";
        DigestCredentials c = DigestCredentials.parse(RFC7616_HEADER.formatted("MD5", response));
        assertEquals(response, DigestResponse.expected(c, "GET", "Circle of Life"));
    }

    @Test
    void rfc7616Sha256Example() throws Exception {
        String response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
        DigestCredentials c = DigestCredentials.parse(RFC7616_HEADER.formatted("SHA-256", response));
        assertEquals(response, DigestResponse.expected(c, "GET", "Circle of Life"));
    }

    @Test
    void rfc2617Example() throws Exception {
        DigestCredentials c = DigestCredentials.parse("Digest username=\"Mufasa\","
                + " realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                + " uri=\"/dir/index.html\", qop=auth, nc=00000001, cnonce=\"0a4f113b\","
                + " response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertEquals("6629fae49393a05397450978507c4ef1", DigestResponse.expected(c, "GET", "Circle Of Life"));
    }

    @Test
    void rfc2069ExampleWithoutQop() throws Exception {
        DigestCredentials c = DigestCredentials.parse("Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
                + " response=\"1949323746fe6a43ef61f9606e7febea\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertEquals("1949323746fe6a43ef61f9606e7febea", DigestResponse.expected(c, "GET", "CircleOfLife"));
    }
}
