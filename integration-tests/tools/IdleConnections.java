import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark of the TCP listener (not a test; integration-tests/tools/idle-connections.sh runs
 * it): opens N idle TCP connections from 127.0.0.1 to PORT, then every 10 s prints how many the server
 * still keeps; stops after SECONDS.
 */
public class IdleConnections {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]), n = Integer.parseInt(args[1]), seconds = Integer.parseInt(args[2]);
        List<Socket> sockets = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(1);
                sockets.add(s);
            } catch (Exception e) {
                failed++;
            }
        }
        System.out.println("opened " + sockets.size() + ", failed to connect " + failed);
        for (int t = 10; t <= seconds; t += 10) {
            Thread.sleep(10_000);
            int open = 0;
            for (Socket s : sockets) {
                if (s.isClosed()) continue;
                try {
                    InputStream in = s.getInputStream();
                    if (in.read() == -1) s.close(); else open++;
                } catch (SocketTimeoutException stillOpen) {
                    open++;
                } catch (Exception reset) {
                    s.close();
                }
            }
            System.out.println("t=" + t + " s: kept by the server " + open);
        }
    }
}
