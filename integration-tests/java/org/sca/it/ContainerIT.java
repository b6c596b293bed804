package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The assembled container: SIP on UDP and TCP, and no statistics leaving the machine. */
class ContainerIT extends DeployedSca {

    @Test
    void answersOptionsOverUdp() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage ok = phone.call(phone.request("OPTIONS", "sip:127.0.0.1:" + SharedContainer.get().sipPort()));
            assertEquals(200, ok.status());
            assertTrue(ok.header("Allow").orElseThrow().contains("SUBSCRIBE"), ok.toString());
        }
    }

    @Test
    void answersOptionsOverTcp() throws Exception {
        int port = SharedContainer.get().sipPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TestPhone.WAIT.toMillis());
            String options = "OPTIONS sip:127.0.0.1:" + port + ";transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-tcp1\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=tcp\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: tcp-options@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sip:probe@127.0.0.1:" + socket.getLocalPort() + ";transport=tcp>\r\n"
                    + "Content-Length: 0\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(options.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("SIP/2.0 200 OK", in.readLine());
        }
    }

    /**
     * Restcomm posts usage statistics to an outside server, even with gatherStatistics=false.
     * The container's lib/ shadows both places that name the target: load them through a class
     * loader laid out as Tomcat's common loader (lib/ before lib/*.jar) and check they point
     * at loopback.
     */
    @Test
    void statisticsTargetIsLoopback() throws Exception {
        Path lib = Container.home().resolve("lib");
        List<URL> urls = new ArrayList<>();
        urls.add(lib.toUri().toURL());
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                urls.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader common = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            Class<?> dispatcher = common.loadClass("org.mobicents.servlet.sip.core.SipApplicationDispatcherImpl");
            assertLoopback(dispatcher.getResourceAsStream("release.properties"), "statistics.server");
            assertLoopback(common.getResourceAsStream("config.properties"), "remote-server");
        }
    }

    private static void assertLoopback(InputStream in, String key) throws Exception {
        Properties p = new Properties();
        try (in) {
            p.load(in);
        }
        String target = p.getProperty(key);
        assertTrue(target.startsWith("http://127.0.0.1:"), key + " = " + target);
    }
}
