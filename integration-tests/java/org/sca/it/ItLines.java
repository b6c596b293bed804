package org.sca.it;

/**
 * The line configuration the shared test container runs with: the demo line, and one line
 * per concern so that test classes stay independent. Expiry minimums are low so that expiry
 * is observable within a test.
 */
public final class ItLines {

    public static final String HOST = "127.0.0.1";
    /** The port the simulated PBX listens on: it is the line's trunk and call-info publisher. */
    public static final int PBX_PORT = Container.freePort();

    /** The port the simulated PBX of the call tests sends from: the call line's trunk. */
    public static final int TRUNK_PORT = Container.freePort();

    public static final Line DEMO = new Line("osas_shared", "osas_shared", "osas_shared");
    public static final Line REGISTRAR = new Line("reg_line", "reg_line", "reg-secret");
    public static final Line PRESENCE = new Line("presence_line", "alice-desk", "alice-pw");
    /** A second device of {@link #PRESENCE} with its own authentication ID. */
    public static final Line PRESENCE_BOB = new Line("presence_line", "bob-desk", "bob-pw");
    /** Someone with valid credentials, but for another line. */
    public static final Line OUTSIDER = new Line("outsider_line", "intruder", "intruder-pw");
    public static final Line PUBLISHED = new Line("published_line", "pub-desk", "pub-pw");
    public static final Line LAB = new Line("lab_line", "lab", "lab-pw");
    /** Three desk phones on the line the call tests use, each with its own authentication ID. */
    public static final Line CALL_A = new Line("call_line", "desk-a", "pw-a");
    public static final Line CALL_B = new Line("call_line", "desk-b", "pw-b");
    public static final Line CALL_C = new Line("call_line", "desk-c", "pw-c");

    /**
     * The long-lived dialog scenarios run at the same time, each on a line of its own (so no
     * scenario sees another's NOTIFYs), with a PBX port each where the scenario has calls.
     */
    public static final Line LONG_PRESENCE_A = new Line("long_presence", "lp-a", "pw-lpa");
    public static final Line LONG_PRESENCE_B = new Line("long_presence", "lp-b", "pw-lpb");
    public static final Line LONG_SHARED = new Line("long_shared", "ls-a", "pw-lsa");
    public static final int LONG_SHARED_TRUNK_PORT = Container.freePort();
    public static final Line LONG_SEIZE_A = new Line("long_seize", "lz-a", "pw-lza");
    public static final Line LONG_SEIZE_B = new Line("long_seize", "lz-b", "pw-lzb");
    public static final Line LONG_CALL_A = new Line("long_call", "lc-a", "pw-lca");
    public static final Line LONG_CALL_B = new Line("long_call", "lc-b", "pw-lcb");
    public static final int LONG_CALL_TRUNK_PORT = Container.freePort();
    public static final Line LONG_OUT_A = new Line("long_out", "lo-a", "pw-loa");
    public static final Line LONG_OUT_B = new Line("long_out", "lo-b", "pw-lob");
    public static final int LONG_OUT_TRUNK_PORT = Container.freePort();
    public static final Line LONG_ACK = new Line("long_ack", "la-a", "pw-laa");
    public static final int LONG_ACK_TRUNK_PORT = Container.freePort();
    /**
     * Two baresip phones and a call-info watcher (baresip does not speak call-info) on a line of
     * their own, through the default digest challenge (MD5 alone: baresip 1.0 gives up on one
     * that offers SHA-256 beside it).
     */
    public static final Line BARE_A = new Line("bare_line", "bare-a", "pw-ba");
    public static final Line BARE_B = new Line("bare_line", "bare-b", "pw-bb");
    public static final Line BARE_WATCH = new Line("bare_line", "bare-w", "pw-bw");
    public static final int BARE_TRUNK_PORT = Container.freePort();
    /** The line ManagerDeploymentIT keeps through an undeploy and a deploy, with its PBX. */
    public static final Line DEPLOYED = new Line("deploy_line", "dp-a", "pw-dpa");
    public static final int DEPLOY_TRUNK_PORT = Container.freePort();

    public static final Line NET_UDP = new Line("net_udp", "nu-a", "pw-nua");
    public static final int NET_UDP_TRUNK_PORT = Container.freePort();
    public static final Line NET_TCP = new Line("net_tcp", "nt-a", "pw-nta");
    public static final int NET_TCP_TRUNK_PORT = Container.freePort();
    public static final Line NET_TLS = new Line("net_tls", "ns-a", "pw-nsa");
    public static final int NET_TLS_TRUNK_PORT = Container.freePort();

    public static final Line TRUNK_AUTH = new Line("trunk_auth", "ta-a", "pw-taa");
    public static final int TRUNK_AUTH_DOWN_PORT = Container.freePort();
    public static final int TRUNK_AUTH_UP_PORT = Container.freePort();
    public static final Line TRUNK_SILENT = new Line("trunk_silent", "ts-a", "pw-tsa");
    public static final int TRUNK_SILENT_FIRST_PORT = Container.freePort();
    public static final int TRUNK_SILENT_SECOND_PORT = Container.freePort();
    public static final String TRUNK_USER = "line7";
    public static final String TRUNK_PASSWORD = "trunk-pw";

    /** FaultsIT: one line per fault, each with its own PBX and phones, so the faults can run at once. */
    public static final Line FAULT_ACK_A = new Line("fault_ack", "fk-a", "pw-fka");
    public static final Line FAULT_ACK_B = new Line("fault_ack", "fk-b", "pw-fkb");
    public static final int FAULT_ACK_TRUNK_PORT = Container.freePort();
    public static final Line FAULT_RETRIEVE_A = new Line("fault_retrieve", "fr-a", "pw-fra");
    public static final Line FAULT_RETRIEVE_B = new Line("fault_retrieve", "fr-b", "pw-frb");
    public static final int FAULT_RETRIEVE_TRUNK_PORT = Container.freePort();
    public static final Line FAULT_BRIDGE_A = new Line("fault_bridge", "fb-a", "pw-fba");
    public static final Line FAULT_BRIDGE_B = new Line("fault_bridge", "fb-b", "pw-fbb");
    public static final int FAULT_BRIDGE_TRUNK_PORT = Container.freePort();
    public static final Line FAULT_TCP_A = new Line("fault_tcp", "fc-a", "pw-fca");
    public static final Line FAULT_TCP_B = new Line("fault_tcp", "fc-b", "pw-fcb");
    /**
     * The TCP PBX's own loopback address: a TCP connection's source port is the kernel's
     * choice, so the trunk is this address at any port.
     */
    public static final String FAULT_TCP_TRUNK_HOST = "127.0.0.7";

    public record Line(String user, String authId, String password) {
        public String aor() {
            return "sip:" + user + "@" + HOST;
        }
    }

    public static String config() {
        return """
                subscription.min-expires = 2
                subscription.max-expires = 600
                registration.min-expires = 2
                registration.max-expires = 600
                nonce.ttl-seconds = 4
                call.ring-seconds = 3

                line.osas_shared.aor = sip:osas_shared@${sca.public.host}
                line.osas_shared.display-name = OSAS Shared
                line.osas_shared.credentials = osas_shared:osas_shared
                line.osas_shared.trunks = 127.0.0.1

                line.reg.aor = sip:reg_line@127.0.0.1
                line.reg.credentials = reg_line:reg-secret
                line.reg.digest-algorithms = MD5, SHA-256

                line.presence.aor = sip:presence_line@127.0.0.1
                line.presence.credentials = alice-desk:alice-pw, bob-desk:bob-pw

                line.outsider.aor = sip:outsider_line@127.0.0.1
                line.outsider.credentials = intruder:intruder-pw

                line.published.aor = sip:published_line@127.0.0.1
                line.published.credentials = pub-desk:pub-pw
                line.published.publishers = 127.0.0.1:%d
                line.published.appearances = 4

                line.lab.aor = sip:lab_line@127.0.0.1
                line.lab.credentials = lab:lab-pw
                line.lab.trusted-networks = 127.0.0.0/8

                line.calls.aor = sip:call_line@127.0.0.1
                line.calls.display-name = Call Line
                line.calls.credentials = desk-a:pw-a, desk-b:pw-b, desk-c:pw-c
                line.calls.trunks = 127.0.0.1:%d
                line.calls.appearances = 2

                line.long_presence.aor = sip:long_presence@127.0.0.1
                line.long_presence.credentials = lp-a:pw-lpa, lp-b:pw-lpb

                line.long_shared.aor = sip:long_shared@127.0.0.1
                line.long_shared.credentials = ls-a:pw-lsa
                line.long_shared.trunks = 127.0.0.1:%d

                line.long_seize.aor = sip:long_seize@127.0.0.1
                line.long_seize.credentials = lz-a:pw-lza, lz-b:pw-lzb

                line.long_call.aor = sip:long_call@127.0.0.1
                line.long_call.credentials = lc-a:pw-lca, lc-b:pw-lcb
                line.long_call.trunks = 127.0.0.1:%d

                line.long_out.aor = sip:long_out@127.0.0.1
                line.long_out.display-name = Long Out
                line.long_out.credentials = lo-a:pw-loa, lo-b:pw-lob
                line.long_out.trunks = 127.0.0.1:%d

                line.long_ack.aor = sip:long_ack@127.0.0.1
                line.long_ack.credentials = la-a:pw-laa
                line.long_ack.trunks = 127.0.0.1:%d

                line.bare.aor = sip:bare_line@127.0.0.1
                line.bare.display-name = Bare Line
                line.bare.credentials = bare-a:pw-ba, bare-b:pw-bb, bare-w:pw-bw
                line.bare.trunks = 127.0.0.1:%d

                line.net_udp.aor = sip:net_udp@127.0.0.1
                line.net_udp.credentials = nu-a:pw-nua
                line.net_udp.trunks = 127.0.0.1:%d

                line.net_tcp.aor = sip:net_tcp@127.0.0.1
                line.net_tcp.credentials = nt-a:pw-nta
                line.net_tcp.trunks = 127.0.0.1:%d

                line.net_tls.aor = sip:net_tls@127.0.0.1
                line.net_tls.credentials = ns-a:pw-nsa
                line.net_tls.trunks = 127.0.0.1:%d

                line.trunk_auth.aor = sip:trunk_auth@127.0.0.1
                line.trunk_auth.credentials = ta-a:pw-taa
                line.trunk_auth.trunks = 127.0.0.1:%d, 127.0.0.1:%d
                line.trunk_auth.trunk-credentials = %s:%s

                line.trunk_silent.aor = sip:trunk_silent@127.0.0.1
                line.trunk_silent.credentials = ts-a:pw-tsa
                line.trunk_silent.trunks = 127.0.0.1:%d, 127.0.0.1:%d

                line.deploy.aor = sip:deploy_line@127.0.0.1
                line.deploy.credentials = dp-a:pw-dpa
                line.deploy.trunks = 127.0.0.1:%d

                line.fault_ack.aor = sip:fault_ack@127.0.0.1
                line.fault_ack.credentials = fk-a:pw-fka, fk-b:pw-fkb
                line.fault_ack.trunks = 127.0.0.1:%d

                line.fault_retrieve.aor = sip:fault_retrieve@127.0.0.1
                line.fault_retrieve.credentials = fr-a:pw-fra, fr-b:pw-frb
                line.fault_retrieve.trunks = 127.0.0.1:%d

                line.fault_bridge.aor = sip:fault_bridge@127.0.0.1
                line.fault_bridge.credentials = fb-a:pw-fba, fb-b:pw-fbb
                line.fault_bridge.trunks = 127.0.0.1:%d

                line.fault_tcp.aor = sip:fault_tcp@127.0.0.1
                line.fault_tcp.credentials = fc-a:pw-fca, fc-b:pw-fcb
                line.fault_tcp.trunks = %s
                """.formatted(PBX_PORT, TRUNK_PORT, LONG_SHARED_TRUNK_PORT, LONG_CALL_TRUNK_PORT, LONG_OUT_TRUNK_PORT, LONG_ACK_TRUNK_PORT,
                        BARE_TRUNK_PORT, NET_UDP_TRUNK_PORT, NET_TCP_TRUNK_PORT, NET_TLS_TRUNK_PORT,
                        TRUNK_AUTH_DOWN_PORT, TRUNK_AUTH_UP_PORT, TRUNK_USER, TRUNK_PASSWORD, TRUNK_SILENT_FIRST_PORT,
                        TRUNK_SILENT_SECOND_PORT, DEPLOY_TRUNK_PORT,
                        FAULT_ACK_TRUNK_PORT, FAULT_RETRIEVE_TRUNK_PORT, FAULT_BRIDGE_TRUNK_PORT, FAULT_TCP_TRUNK_HOST);
    }

    private ItLines() {}
}
